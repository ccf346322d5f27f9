package io.trailguard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code trailguard logs}: questions about the logs themselves, not the configuration. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Are the logs themselves intact, who was refused, who tried to blind us, would the alarms have fired.",
        subcommands = {LogsValidateCommand.class, LogsFetchCommand.class, LogsDeniedCommand.class,
                LogsAlarmsCommand.class})
final class LogsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
