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

    private ExitCodes() {
    }
}
