package io.trailguard.cli;

import io.trailguard.core.Snapshot;
import io.trailguard.core.logs.events.AlarmReplay;
import io.trailguard.core.logs.events.AlarmReports;
import io.trailguard.core.logs.events.CloudTrailEvents;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trailguard logs alarms}: would the organisation's alarms have fired on these logs? */
@Command(name = "alarms", mixinStandardHelpOptions = true,
        description = {"Run every metric filter of the snapshot's log groups over real CloudTrail log files: per filter, "
                + "how many events matched and samples; filters that matched nothing; and the events a CIS control's "
                + "pattern (Security Hub CloudWatch.1-14) matches that no filter of the organisation does.",
                "Exit 0 when every filter matched something and no CIS control saw events no filter caught, 1 "
                        + "otherwise, 2 for bad usage or input."})
final class LogsAlarmsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LogSource source = new LogSource();

    @Option(names = "--snapshot", required = true, paramLabel = "FILE", description = "A trailguard snapshot: the metric filters of its log groups are replayed.")
    Path snapshot;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here, whole or not at all (default: standard output).")
    Path output;

    enum Format { text, json }

    @Override
    public Integer call() throws Exception {
        AlarmReplay replay = new AlarmReplay(Snapshot.read(snapshot));
        CloudTrailEvents.Summary read = source.read(replay::accept);
        AlarmReplay.Result r = replay.result();
        String text = format == Format.json ? AlarmReports.json(r, read) : AlarmReports.text(r, read);
        LogAwsOptions.emit(spec, output, text);
        return r.silent().isEmpty() && r.uncovered().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
