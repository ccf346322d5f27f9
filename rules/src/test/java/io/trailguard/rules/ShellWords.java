package io.trailguard.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits shell text into simple commands and their words by the POSIX shell's quoting rules (XCU 2.2, 2.3): single
 * quotes keep everything literally, double quotes keep everything but {@code \$ \` \" \\} and line continuations,
 * an unquoted backslash keeps the next character; {@code ; & | && ||} and newlines end a command, {@code #} at the
 * start of a word starts a comment, {@code > >> <} take the next word as a redirection target, {@code <<WORD} and
 * {@code <<-WORD} read a here-document up to the delimiter line. Command substitutions {@code $(…)} and parameter
 * expansions stay in the word as written (nothing is evaluated). Malformed text (an unterminated quote,
 * substitution or here-document) throws {@link IllegalArgumentException}.
 *
 * <p>https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html
 */
final class ShellWords {
    /** One simple command: its words (after quote removal), where it writes ({@code >}) and its here-documents. */
    record Command(List<String> words, List<String> writes, List<String> hereDocuments) {
    }

    private final String s;
    private int i;
    private final List<Command> commands = new ArrayList<>();
    private List<String> words = new ArrayList<>();
    private List<String> writes = new ArrayList<>();
    private List<String> hereDocs = new ArrayList<>();
    private final Deque<String[]> pendingHereDocs = new ArrayDeque<>(); // {delimiter, "-" or ""}
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;
    private String redirect; // ">" while the next word is a redirection target

    private ShellWords(String s) {
        this.s = s;
    }

    static List<Command> split(String text) {
        ShellWords w = new ShellWords(text);
        w.run();
        return w.commands;
    }

    private void run() {
        while (i < s.length()) {
            char c = s.charAt(i);
            switch (c) {
                case ' ', '\t' -> {
                    endWord();
                    i++;
                }
                case '\n' -> {
                    endWord();
                    endCommand();
                    i++;
                    readHereDocuments();
                }
                case '#' -> {
                    if (inWord) {
                        append(c);
                        i++;
                    } else {
                        while (i < s.length() && s.charAt(i) != '\n') {
                            i++;
                        }
                    }
                }
                case '\'' -> {
                    int end = s.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated single quote at offset " + i);
                    }
                    inWord = true;
                    word.append(s, i + 1, end);
                    i = end + 1;
                }
                case '"' -> doubleQuoted();
                case '\\' -> {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i += 2; // line continuation
                    } else if (i + 1 < s.length()) {
                        append(s.charAt(i + 1));
                        i += 2;
                    } else {
                        throw new IllegalArgumentException("a backslash ends the text");
                    }
                }
                case ';', '&', '|' -> {
                    endWord();
                    endCommand();
                    i++;
                }
                case '>', '<' -> redirection(c);
                case '$' -> dollar();
                default -> {
                    append(c);
                    i++;
                }
            }
        }
        endWord();
        endCommand();
        if (!pendingHereDocs.isEmpty()) {
            throw new IllegalArgumentException("here-document '" + pendingHereDocs.peek()[0] + "' has no body");
        }
    }

    private void append(char c) {
        inWord = true;
        word.append(c);
    }

    private void doubleQuoted() {
        inWord = true;
        i++;
        while (true) {
            if (i >= s.length()) {
                throw new IllegalArgumentException("unterminated double quote");
            }
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                return;
            }
            if (c == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
                if (s.charAt(i + 1) != '\n') {
                    word.append(s.charAt(i + 1));
                }
                i += 2;
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
                substitution();
            } else {
                word.append(c);
                i++;
            }
        }
    }

    private void dollar() {
        if (i + 1 < s.length() && s.charAt(i + 1) == '(') {
            inWord = true;
            substitution();
        } else {
            append('$');
            i++;
        }
    }

    /** Copies {@code $( … )} as written, skipping quoted parts, up to its matching parenthesis. */
    private void substitution() {
        int start = i;
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    break;
                }
                i = end + 1;
                continue;
            }
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                i++;
                word.append(s, start, i);
                return;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated command substitution at offset " + start);
    }

    private void redirection(char c) {
        // a word of digits just before is a file descriptor number (2>), not an argument
        if (inWord && word.chars().allMatch(Character::isDigit)) {
            word.setLength(0);
            inWord = false;
        }
        endWord();
        if (c == '<' && i + 1 < s.length() && s.charAt(i + 1) == '<') {
            i += 2;
            boolean strip = i < s.length() && s.charAt(i) == '-';
            if (strip) {
                i++;
            }
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            redirect = "<<" + (strip ? "-" : "");
            return;
        }
        i++;
        if (i < s.length() && (s.charAt(i) == '>' || s.charAt(i) == '&')) {
            i++;
        }
        redirect = String.valueOf(c);
    }

    private void endWord() {
        if (!inWord) {
            return;
        }
        String w = word.toString();
        word.setLength(0);
        inWord = false;
        if (redirect == null) {
            words.add(w);
        } else if (redirect.startsWith("<<")) {
            pendingHereDocs.add(new String[] {w, redirect.endsWith("-") ? "-" : ""});
            hereDocs.add(w);
            redirect = null;
        } else {
            if (redirect.equals(">")) {
                writes.add(w);
            }
            redirect = null;
        }
    }

    private void endCommand() {
        if (redirect != null) {
            throw new IllegalArgumentException("a redirection '" + redirect + "' has no target");
        }
        if (!words.isEmpty() || !writes.isEmpty()) {
            commands.add(new Command(List.copyOf(words), List.copyOf(writes), List.copyOf(hereDocs)));
        }
        words = new ArrayList<>();
        writes = new ArrayList<>();
        hereDocs = new ArrayList<>();
    }

    private void readHereDocuments() {
        while (!pendingHereDocs.isEmpty()) {
            String[] h = pendingHereDocs.poll();
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("here-document '" + h[0] + "' has no line '" + h[0] + "'");
                }
                int end = s.indexOf('\n', i);
                String line = s.substring(i, end < 0 ? s.length() : end);
                i = end < 0 ? s.length() : end + 1;
                if ((h[1].isEmpty() ? line : line.replaceFirst("^\t+", "")).equals(h[0])) {
                    break;
                }
            }
        }
    }
}
