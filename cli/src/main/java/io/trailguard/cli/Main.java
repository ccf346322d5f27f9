package io.trailguard.cli;

import io.trailguard.core.InvalidInputException;
import io.trailguard.core.report.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trailguard}: the entry point; dispatches to the subcommands and maps errors to exit codes. */
@Command(name = "trailguard", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Finds out why an AWS organisation's audit trail is broken, incomplete or unprotected, and says how to fix it.",
        footer = {"", "Exit codes: 0 no failing or UNKNOWN finding at or above --fail-on, 1 failing (or, without "
                + "--unknown-ok, UNKNOWN) findings, 2 bad usage or input, 3 internal error, 4 collect finished with "
                + "errors, 5 nothing could be read."})
public final class Main implements Runnable {
    /**
     * The subcommands in the order help lists them. picocli builds a command's model by reflection when it is added;
     * for all eight that cost about as much as evaluating the whole pack on the example, so {@link #commandLine} adds
     * only the one a command line names (docs/PERFORMANCE.md, cold start).
     */
    static final List<Subcommand> SUBCOMMANDS = List.of(new Subcommand("scan", ScanCommand.class),
            new Subcommand("collect", CollectCommand.class), new Subcommand("rules", RulesCommand.class),
            new Subcommand("validate", ValidateCommand.class), new Subcommand("policy", PolicyCommand.class),
            new Subcommand("config-rule", ConfigRuleCommand.class), new Subcommand("logs", LogsCommand.class),
            new Subcommand("help", CommandLine.HelpCommand.class),
            new Subcommand("generate-completion", picocli.AutoComplete.GenerateCompletion.class));

    /** A subcommand's name and its picocli class. */
    record Subcommand(String name, Class<?> type) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Option defaults for every command (default: trailguard.yaml in the current directory, when present; documented in the README's trailguard.yaml section, JSON Schema docs/trailguard.schema.json).")
    Path config;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // picocli otherwise looks for groovy.lang.Closure, and that miss opens and indexes the AWS SDK jar (the
        // manifest's Class-Path) on every start
        System.setProperty("picocli.disable.closures", "true");
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, false);
    }

    /**
     * Runs the command line with the subcommands it needs, or with all of them (what a test compares with); a config
     * file's sections are checked against every command's options, so it needs all of them.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, boolean allSubcommands) {
        Path config = configFile(args);
        CommandLine cl = commandLine(config == null && !allSubcommands ? needed(args) : SUBCOMMANDS);
        cl.setOut(out);
        cl.setErr(err);
        try {
            if (config != null) {
                cl.setDefaultValueProvider(ConfigFileDefaults.load(config, cl));
            }
        } catch (InvalidInputException e) {
            err.println(TerminalText.sanitize(e.getMessage()));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCodes.BAD_INPUT
                : ExitCodes.INTERNAL_ERROR);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InvalidInputException bad) {
                cmd.getErr().println(TerminalText.sanitize(bad.getMessage()));
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof io.trailguard.aws.collect.CollectionException c) {
                cmd.getErr().println("trailguard: " + TerminalText.sanitize(c.getMessage()));
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof UserError u) {
                cmd.getErr().println(TerminalText.sanitize(u.getMessage()));
                return ExitCodes.BAD_INPUT;
            }
            Integer environment = Failures.exitCode(e, cmd.getErr());
            if (environment != null) {
                return environment;
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
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            code = Failures.exitCode(e, err);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The command line with the given subcommands (in {@link #SUBCOMMANDS} order). */
    static CommandLine commandLine(List<Subcommand> subcommands) {
        CommandLine cl = new CommandLine(new Main());
        for (Subcommand s : subcommands) {
            cl.addSubcommand(s.name(), s.type());
        }
        return cl;
    }

    /**
     * The subcommands a command line needs: the one it names, none for a bare {@code --version}, else all of them
     * ({@code help}, {@code generate-completion}, the usage and "did you mean" read the others). What picocli parses
     * and prints is the same as with all of them.
     */
    static List<Subcommand> needed(String[] args) {
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--config")) {
                i++;
            } else if (a.equals("-V") || a.equals("--version")) {
                version = true;
            } else if (!a.startsWith("-")) {
                for (Subcommand s : SUBCOMMANDS) {
                    if (s.name().equals(a) && s.type() != CommandLine.HelpCommand.class
                            && s.type() != picocli.AutoComplete.GenerateCompletion.class) {
                        return List.of(s);
                    }
                }
                return SUBCOMMANDS;
            } else if (!a.startsWith("--config=")) {
                return SUBCOMMANDS;
            }
        }
        return version ? List.of() : SUBCOMMANDS;
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
