package io.trailguard.core.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles a user's regular expression with RE2/J after bounding what compiling it costs.
 *
 * <p>RE2/J matches in linear time, but compiling expands counted repetitions: {@code ((a{1000}){1000}){1000}} is a
 * program of 10<sup>9</sup> instructions (over 60 s and 6 GB). Like RE2 itself, the product of nested repetition
 * counts is limited to {@value #MAX_REPEAT}, and the program a pattern compiles to (estimated from its text, never
 * below the real size) to {@value #MAX_PROGRAM} steps, before RE2/J sees it. Stateless and thread-safe.
 */
public final class SafeRegex {
    /** The longest pattern accepted, in characters. */
    public static final int MAX_LENGTH = 10_000;
    /** The largest product of nested repetition counts ({@code (a{20}){50}} is 1000), RE2's own limit. */
    public static final int MAX_REPEAT = 1000;
    /** The largest estimated program size, in RE2 instructions. */
    public static final int MAX_PROGRAM = 100_000;

    private SafeRegex() {
    }

    /** As {@link #compile(String, int)} without flags. */
    public static Pattern compile(String regex) {
        return compile(regex, 0);
    }

    /**
     * Checks the cost bounds, then compiles.
     *
     * @throws PatternSyntaxException when the pattern is not valid RE2 syntax or exceeds a bound; its description
     *     says which bound and by how much
     */
    public static Pattern compile(String regex, int flags) {
        check(regex);
        return Pattern.compile(regex, flags);
    }

    /**
     * Checks the cost bounds only.
     *
     * @throws PatternSyntaxException naming the bound exceeded
     */
    public static void check(String regex) {
        if (regex.length() > MAX_LENGTH) {
            throw new PatternSyntaxException("the regular expression is " + regex.length()
                    + " characters long; at most " + MAX_LENGTH + " are accepted", shorten(regex));
        }
        new Estimate(regex).run();
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** One pass over the pattern's text with a stack of open groups. */
    private static final class Estimate {
        private final String re;
        private int i;

        Estimate(String re) {
            this.re = re;
        }

        /** A group being read: the size so far, the largest repetition product inside, the last atom. */
        private static final class Frame {
            long size;
            long product = 1;
            long lastSize;
            long lastProduct = 1;
            boolean hasLast;

            void atom(long s, long p) {
                size += s;
                product = Math.max(product, p);
                lastSize = s;
                lastProduct = p;
                hasLast = true;
            }
        }

        void run() {
            java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
            Frame f = new Frame();
            while (i < re.length()) {
                char c = re.charAt(i);
                switch (c) {
                    case '\\' -> {
                        escape();
                        f.atom(1, 1);
                    }
                    case '[' -> {
                        charClass();
                        f.atom(1, 1);
                    }
                    case '(' -> {
                        i++;
                        stack.push(f);
                        f = new Frame();
                    }
                    case ')' -> {
                        i++;
                        if (stack.isEmpty()) {
                            f.atom(1, 1); // RE2/J reports the unbalanced parenthesis
                        } else {
                            Frame inner = f;
                            f = stack.pop();
                            f.atom(inner.size + 2, inner.product);
                        }
                    }
                    case '|' -> {
                        i++;
                        f.size += 1;
                        f.hasLast = false;
                    }
                    case '*', '+', '?' -> {
                        i++;
                        f.size += 1;
                        lazy();
                    }
                    case '{' -> {
                        long[] count = counted();
                        if (count == null) {
                            i++;
                            f.atom(1, 1);
                        } else if (f.hasLast) {
                            repeat(f, count[0]);
                        }
                    }
                    default -> {
                        i++;
                        f.atom(1, 1);
                    }
                }
                if (f.size > MAX_PROGRAM) {
                    throw tooLarge();
                }
            }
            while (!stack.isEmpty()) {
                Frame inner = f;
                f = stack.pop();
                f.atom(inner.size + 2, inner.product);
            }
            if (f.size > MAX_PROGRAM) {
                throw tooLarge();
            }
        }

        private void repeat(Frame f, long count) {
            long product = f.lastProduct * Math.max(count, 1);
            if (count > MAX_REPEAT || product > MAX_REPEAT) {
                throw new PatternSyntaxException("the regular expression repeats too much: nested repetition counts "
                        + "multiply to " + (count > MAX_REPEAT ? "more than " + count : String.valueOf(product))
                        + " (at most " + MAX_REPEAT + ", as in RE2); write a shorter pattern", shorten(re));
            }
            long grown = f.lastSize * Math.max(count, 1);
            f.size += grown - f.lastSize + 1;
            f.lastSize = grown;
            f.lastProduct = product;
            f.product = Math.max(f.product, product);
            lazy();
        }

        private PatternSyntaxException tooLarge() {
            return new PatternSyntaxException("the regular expression is too large: it compiles to more than "
                    + MAX_PROGRAM + " steps; write a shorter pattern or fewer repetitions", shorten(re));
        }

        private void lazy() {
            if (i < re.length() && re.charAt(i) == '?') {
                i++;
            }
        }

        /** {@code {n}}, {@code {n,}} or {@code {n,m}} at i: the largest count, and i moved past it; else null. */
        private long[] counted() {
            int j = i + 1;
            long n = 0;
            long m = -1;
            int digits = 0;
            while (j < re.length() && Character.isDigit(re.charAt(j)) && digits < 12) {
                n = n * 10 + (re.charAt(j++) - '0');
                digits++;
            }
            if (digits == 0 || j >= re.length()) {
                return null;
            }
            if (re.charAt(j) == ',') {
                j++;
                int d2 = 0;
                long v = 0;
                while (j < re.length() && Character.isDigit(re.charAt(j)) && d2 < 12) {
                    v = v * 10 + (re.charAt(j++) - '0');
                    d2++;
                }
                m = d2 == 0 ? n + 1 : v;
            }
            if (j >= re.length() || re.charAt(j) != '}') {
                return null;
            }
            i = j + 1;
            return new long[] {Math.max(n, m)};
        }

        private void escape() {
            i++;
            if (i >= re.length()) {
                return;
            }
            char c = re.charAt(i++);
            if (c == 'Q') {
                int end = re.indexOf("\\E", i);
                i = end < 0 ? re.length() : end + 2;
            } else if ((c == 'p' || c == 'P' || c == 'x') && i < re.length() && re.charAt(i) == '{') {
                int end = re.indexOf('}', i);
                i = end < 0 ? re.length() : end + 1;
            }
        }

        private void charClass() {
            i++;
            if (i < re.length() && re.charAt(i) == '^') {
                i++;
            }
            if (i < re.length() && re.charAt(i) == ']') {
                i++;
            }
            while (i < re.length() && re.charAt(i) != ']') {
                if (re.charAt(i) == '\\') {
                    escape();
                } else if (re.startsWith("[:", i)) {
                    int end = re.indexOf(":]", i + 2);
                    i = end < 0 ? i + 1 : end + 2;
                } else {
                    i++;
                }
            }
            i++;
        }
    }
}
