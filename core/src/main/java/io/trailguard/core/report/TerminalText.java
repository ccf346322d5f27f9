package io.trailguard.core.report;

/**
 * Makes untrusted text (names, policies and messages from a snapshot or a rule file) safe to print on a terminal:
 * a snapshot can hold escape sequences that move the cursor, rewrite earlier lines or set the window title, and
 * those must never reach a terminal through a text report, whatever {@code --color} says.
 *
 * <p>Every C0 control character except tab and line feed, DEL, every C1 control character (U+0080–U+009F, which
 * some terminals read as CSI) and the Unicode bidirectional overrides and isolates (which reorder what is shown,
 * "Trojan Source") are replaced by a visible escape such as <code>&#92;u001b</code>; text without them is returned as is.
 * Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** The text with every control character replaced by a visible <code>&#92;uXXXX</code> escape; {@code null} stays null. */
    public static String sanitize(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !unsafe(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean unsafe(char c) {
        return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
