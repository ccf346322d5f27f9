package io.trailguard.cli;

import io.trailguard.core.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trailguard}: the entry point; dispatches to the subcommands and maps errors to exit codes. */
@Command(name = "trailguard", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Finds out why an AWS organisation's audit trail is broken, incomplete or unprotected, and says how to fix it.",
        subcommands = {ScanCommand.class, CollectCommand.class, RulesCommand.class, ValidateCommand.class, PolicyCommand.class,
                ConfigRuleCommand.class, CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 no failing finding at or above --fail-on, 1 failing findings, 2 bad usage or input, "
                + "3 internal error."})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Option defaults for every command (default: trailguard.yaml in the current directory, when present).")
    Path config;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        try {
            Path config = configFile(args);
            if (config != null) {
                cl.setDefaultValueProvider(ConfigFileDefaults.load(config, cl));
            }
        } catch (InvalidInputException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCodes.BAD_INPUT
                : ExitCodes.INTERNAL_ERROR);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InvalidInputException bad) {
                cmd.getErr().println(bad.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof io.trailguard.aws.collect.CollectionException c) {
                cmd.getErr().println("trailguard: " + c.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof UserError u) {
                cmd.getErr().println(u.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            cmd.getErr().println("trailguard: internal error: " + e);
            e.printStackTrace(cmd.getErr());
            cmd.getErr().println("This is a bug; please report it with the lines above.");
            return ExitCodes.INTERNAL_ERROR;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("trailguard: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.BAD_INPUT;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** {@code --config FILE} (taken out of the arguments by picocli as a global option), else trailguard.yaml if present. */
    private static Path configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        Path d = Path.of(ConfigFileDefaults.DEFAULT_FILE);
        return Files.exists(d) ? d : null;
    }

    /** A mistake of the user's with a message that says what to do. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserError(String message) {
            super(message);
        }
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"trailguard " + (v == null ? "0.1.0-SNAPSHOT" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
