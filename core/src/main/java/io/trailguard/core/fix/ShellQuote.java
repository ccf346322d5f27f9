package io.trailguard.core.fix;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one shell-quoting function of trailguard: every word of every rendered command goes through {@link #word}.
 * Words are single-quoted unless they consist only of characters no POSIX shell treats specially, so quotes,
 * {@code $(…)}, backticks, {@code ;}, newlines and any Unicode text reach the command unchanged. A parameter the user
 * has not set is carried in a value as a {@linkplain #variable marker} and rendered as {@code "${NAME}"}, the shell
 * variable the fix script declares; markers naming any other variable are quoted literally.
 *
 * @since 0.2.0
 */
public final class ShellQuote {
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private ShellQuote() {
    }

    /** The marker that stands for shell variable {@code name} inside a value. */
    public static String variable(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a shell variable name: " + name);
        }
        return OPEN + name + CLOSE;
    }

    /** The shell variable names (upper snake case) of a parameter name: {@code logBucket} → {@code LOG_BUCKET}. */
    public static String variableName(String param) {
        return param.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9_]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** A word quoted for bash, with no variable allowed. */
    public static String word(String text) {
        return word(text, Set.of());
    }

    /** A word quoted for bash; markers of the {@code allowed} variables become {@code "${NAME}"}. */
    public static String word(String text, Set<String> allowed) {
        if (text.isEmpty()) {
            return "''";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf(OPEN, i);
            int close = open < 0 ? -1 : text.indexOf(CLOSE, open + 1);
            String name = close < 0 ? null : text.substring(open + 1, close);
            if (name != null && allowed.contains(name)) {
                literal(text.substring(i, open), out);
                out.append("\"${").append(name).append("}\"");
                i = close + 1;
            } else if (open >= 0 && close >= 0) {
                literal(text.substring(i, close + 1), out);
                i = close + 1;
            } else {
                literal(text.substring(i), out);
                i = text.length();
            }
        }
        return out.toString();
    }

    private static void literal(String s, StringBuilder out) {
        if (s.isEmpty()) {
            return;
        }
        if (SAFE.matcher(s).matches()) {
            out.append(s);
        } else {
            out.append('\'').append(s.replace("'", "'\\''")).append('\'');
        }
    }

    /** A command line: every word quoted, separated by spaces. */
    public static String line(List<String> argv, Set<String> allowed) {
        StringBuilder sb = new StringBuilder();
        for (String w : argv) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(word(w, allowed));
        }
        return sb.toString();
    }

    /** Text for people: a marker shown as {@code $NAME}. */
    public static String display(String text) {
        if (text.indexOf(OPEN) < 0) {
            return text;
        }
        return text.replaceAll(OPEN + "([A-Z][A-Z0-9_]*)" + CLOSE, "\\$$1");
    }

    private static final Pattern VARIABLE = Pattern.compile(OPEN + "([A-Z][A-Z0-9_]*)" + CLOSE);

    /** The variables whose markers a text holds. */
    public static Set<String> variablesIn(String text) {
        Set<String> out = new java.util.TreeSet<>();
        if (text.indexOf(OPEN) < 0) {
            return out;
        }
        var m = VARIABLE.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
