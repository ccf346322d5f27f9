package io.trailguard.core;

import java.util.Objects;

/**
 * One error in a user's input (a rule file, a snapshot, a parameter), with where it is and what was expected.
 *
 * @param source  the file name (or another label of the input)
 * @param line    1-based line, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param message what is wrong and what was expected
 * @param snippet the offending source line, or {@code null}
 * @since 0.1.0
 */
public record Problem(String source, int line, int column, String message, String snippet) {
    public Problem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:col: message}, then the source line and a caret under the column when known. */
    public String format() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ").append(message);
        if (snippet != null && !snippet.isBlank()) {
            // Show at most a window of the line around the column, so a one-line JSON file stays readable.
            String line = snippet.stripTrailing();
            int caret = column;
            if (column > 60 && line.length() > 120) {
                int from = Math.min(column - 40, Math.max(0, line.length() - 120));
                line = "…" + line.substring(from);
                caret = column - from + 1;
            }
            if (line.length() > 120) {
                line = line.substring(0, 120) + "…";
            }
            sb.append(System.lineSeparator()).append("    ").append(line);
            if (caret > 0) {
                sb.append(System.lineSeparator()).append("    ").append(" ".repeat(caret - 1)).append('^');
            }
        }
        return sb.toString();
    }
}
