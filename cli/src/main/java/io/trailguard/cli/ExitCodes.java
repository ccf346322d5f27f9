package io.trailguard.cli;

/** The process exit codes of every command. */
final class ExitCodes {
    /** No failing finding at or above the threshold; the command did what was asked. */
    static final int OK = 0;
    /** Failing findings at or above the threshold (or failing rule tests, or a denied request). */
    static final int FINDINGS = 1;
    /** Bad usage or bad input: the message names the file and position. */
    static final int BAD_INPUT = 2;
    /** A bug: please report it with the stack trace printed. */
    static final int INTERNAL_ERROR = 3;
    /** {@code collect} finished and wrote the snapshot, but some calls failed: its {@code errors} say which. */
    static final int COLLECTED_WITH_ERRORS = 4;
    /** {@code collect} (or {@code scan --live}) could read nothing at all: every call failed or no account answered. */
    static final int NOTHING_READ = 5;

    private ExitCodes() {
    }
}
