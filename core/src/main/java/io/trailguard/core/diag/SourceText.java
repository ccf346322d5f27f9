package io.trailguard.core.diag;

/** The text of an input file, for quoting the line a problem is on. */
public final class SourceText {
    private final String text;

    public SourceText(String text) {
        this.text = text;
    }

    /** The 1-based line, without its line break, or {@code null} when out of range. */
    public String line(int line) {
        if (line <= 0 || text == null) {
            return null;
        }
        int start = 0;
        for (int i = 1; i < line; i++) {
            start = text.indexOf('\n', start);
            if (start < 0) {
                return null;
            }
            start++;
        }
        int end = text.indexOf('\n', start);
        String l = text.substring(start, end < 0 ? text.length() : end);
        if (l.endsWith("\r")) {
            l = l.substring(0, l.length() - 1);
        }
        return l;
    }
}
