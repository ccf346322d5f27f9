package io.trailguard.cli;

import io.trailguard.core.report.TerminalText;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;

/**
 * Failures that are neither bad input nor a bug: the JVM ran out of memory or stack, or the file system refused a
 * file. Each gets a message that says what to do, and its exit code.
 */
final class Failures {
    private Failures() {
    }

    /**
     * Prints the message for {@code e} (or for what caused it) and returns its exit code; {@code null} when it is
     * none of these (a bug, reported by the caller).
     */
    static Integer exitCode(Throwable e, PrintWriter err) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 20; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                err.println("trailguard: out of memory (" + t.getMessage() + "). Give the JVM more heap, e.g. "
                        + "TRAILGUARD_JAVA_OPTS=-Xmx8g ./trailguard ... (the launcher passes TRAILGUARD_JAVA_OPTS to "
                        + "java; with java -jar, pass -Xmx8g yourself), or scan fewer accounts at a time.");
                err.flush();
                return ExitCodes.INTERNAL_ERROR;
            }
            if (t instanceof StackOverflowError) {
                err.println("trailguard: the input nests too deeply to process (stack overflow). Give the JVM a "
                        + "larger stack with TRAILGUARD_JAVA_OPTS=-Xss16m, and please report the input that caused it.");
                err.flush();
                return ExitCodes.INTERNAL_ERROR;
            }
            if (t instanceof FileSystemException f) {
                err.println("trailguard: " + TerminalText.sanitize(describe(f)));
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
        }
        return null;
    }

    private static String describe(FileSystemException f) {
        String what = f instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                : f instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : f instanceof java.nio.file.NotDirectoryException ? "not a directory"
                : f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        return (f.getFile() == null ? "" : f.getFile() + ": ") + what
                + (f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")");
    }
}
