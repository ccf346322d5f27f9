package io.trailguard.cli;

/** Lets tests in other packages run the CLI in-process. */
public final class CliAccess {
    /** What a run printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    private CliAccess() {
    }

    /** Stops {@code --debug}'s wire log, which a run turns on for the rest of the process. */
    public static void disableWireLog() {
        WireLog.enable(null);
    }

    public static Result run(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        return new Result(r.exitCode(), r.out(), r.err());
    }
}
