package io.trailguard.core.logs;

/** A malformed CloudWatch Logs filter pattern: where, and what was expected there. */
public final class FilterPatternException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int position;

    public FilterPatternException(String expected, int position, String pattern) {
        super("bad filter pattern at column " + (position + 1) + ": expected " + expected + " in: " + pattern);
        this.position = position;
    }

    /** The 0-based offset in the pattern where the problem is. */
    public int position() {
        return position;
    }
}
