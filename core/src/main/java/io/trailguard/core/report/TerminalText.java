package io.trailguard.core.report;

/**
 * Makes text from snapshots, rule files and error messages safe to print on a terminal: control characters (ANSI
 * escape sequences, carriage returns, backspaces, C1 controls) and Unicode direction overrides are shown as visible
 * escapes such as {@code \x1b} instead of being acted on, so a crafted resource name cannot rewrite or hide what a
 * user reads. Newlines and tabs are kept.
 *
 * @since 0.1.0
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** The text with every control character and direction override escaped; {@code null} stays {@code null}. */
    public static String sanitize(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && safe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (safe(c)) {
                sb.append(c);
            } else if (c < 0x100) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean safe(char c) {
        if (c == '\n' || c == '\t') {
            return true;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            return false;
        }
        // bidirectional embeddings, overrides and isolates (Trojan Source), and the line/paragraph separators
        return !(c >= 0x202a && c <= 0x202e) && !(c >= 0x2066 && c <= 0x2069) && c != 0x2028 && c != 0x2029
                && c != 0x200e && c != 0x200f && c != 0x061c;
    }
}
