package io.trailguard.core.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A CloudWatch Logs filter pattern (the {@code filterPattern} of a metric or subscription filter), parsed so that
 * what it matches can be judged rather than its text.
 *
 * <p>Supported, as documented in "Filter pattern syntax for metric filters, subscription filters, filter log
 * events, and Live Tail":
 * <ul>
 *   <li>the empty pattern (matches every event);</li>
 *   <li>JSON patterns {@code { $.a.b[0] = "v*" && ($.c != 1 || $.d NOT EXISTS) }} with {@code =}, {@code !=},
 *       {@code <}, {@code >}, {@code <=}, {@code >=}, string values quoted or bare with {@code *} wildcards,
 *       numbers, {@code %regex%} values, {@code IS NULL}, {@code NOT EXISTS}, {@code EXISTS}, {@code IS TRUE},
 *       {@code IS FALSE}, {@code &&}, {@code ||}, parentheses, and the documented property selectors: names
 *       ({@code $.a.b}), bracketed names ({@code $.['key with spaces']}, {@code $['k']}), array indexes
 *       ({@code $.a[0]}) and the wildcards {@code $.*} (any property or element) and {@code [*]} (any element);</li>
 *   <li>a standalone regular expression {@code %AUTHORIZED%} (RE2 syntax, found anywhere in the message);</li>
 *   <li>plain term patterns: {@code ERROR}, {@code "quoted phrase"} (all must occur, case-sensitively),
 *       {@code -term} (must not occur), {@code ?a ?b} (one of them must occur).</li>
 * </ul>
 * Space-delimited patterns ({@code [ip, user, ...]}) are recognised but not evaluated: {@link #supported()} is false.
 *
 * <p>Semantics: a comparison on a field the event does not have is false, except {@code !=} (true: the value is not
 * equal) and {@code NOT EXISTS}. A selector with a wildcard selects every value it reaches, and a comparison or check
 * holds when it holds for one of them; {@code !=} is the negation of {@code =} (no selected value equals) and
 * {@code NOT EXISTS} holds when nothing is selected. {@code =} and {@code !=} with a number compare numerically when
 * the field is a number, else as text; {@code <}, {@code >}, {@code <=}, {@code >=} need a numeric field. {@code &&}
 * binds tighter than {@code ||}. Immutable and thread-safe.
 */
public final class FilterPattern {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The longest filter pattern CloudWatch Logs accepts (PutMetricFilter's filterPattern, "Maximum length of 1024":
     * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html); longer text in a
     * snapshot was not written by AWS.
     */
    public static final int MAX_LENGTH = 1024;
    /** The deepest nesting of parentheses in a JSON pattern. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private final Node root;
    private final boolean supported;

    private FilterPattern(String text, Node root, boolean supported) {
        this.text = text;
        this.root = root;
        this.supported = supported;
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    /** False for a space-delimited pattern, which this implementation does not evaluate. */
    public boolean supported() {
        return supported;
    }

    /** True for a JSON pattern ({@code { ... }}). */
    public boolean isJson() {
        return root instanceof Json;
    }

    /**
     * Parses a filter pattern.
     *
     * @throws FilterPatternException with the position and what was expected, when the pattern is malformed
     */
    public static FilterPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.length() > MAX_LENGTH) {
            throw new FilterPatternException("a pattern of at most " + MAX_LENGTH + " characters, CloudWatch Logs' limit "
                    + "(it has " + pattern.length() + ")", MAX_LENGTH, pattern.substring(0, MAX_LENGTH));
        }
        String t = pattern.strip();
        if (t.isEmpty()) {
            return new FilterPattern(pattern, new Terms(List.of(), List.of(), List.of()), true);
        }
        if (t.startsWith("{")) {
            Parser p = new Parser(pattern);
            return new FilterPattern(pattern, p.json(), true);
        }
        if (t.length() > 1 && t.startsWith("%") && t.endsWith("%")) {
            try {
                return new FilterPattern(pattern, new Regex(io.trailguard.core.regex.SafeRegex.compile(t.substring(1, t.length() - 1))), true);
            } catch (PatternSyntaxException e) {
                throw new FilterPatternException("a valid regular expression (" + e.getDescription() + ")", 1, pattern);
            }
        }
        if (t.startsWith("[")) {
            if (!t.endsWith("]")) {
                throw new FilterPatternException("a space-delimited pattern ends with ']'", pattern.length(), pattern);
            }
            return new FilterPattern(pattern, null, false);
        }
        return new FilterPattern(pattern, terms(pattern), true);
    }

    /**
     * Whether the pattern matches a log event given as JSON (a CloudTrail event as CloudTrail delivers it to
     * CloudWatch Logs). Plain term patterns are matched against the event's compact JSON text.
     *
     * @throws UnsupportedOperationException for a space-delimited pattern
     */
    public boolean matches(JsonNode event) {
        if (!supported) {
            throw new UnsupportedOperationException("space-delimited filter patterns are not evaluated: " + text);
        }
        if (root instanceof Json j) {
            return event != null && event.isObject() && j.expr().test(event);
        }
        String text = event == null ? "" : event.toString();
        return root instanceof Regex r ? r.pattern().matcher(text).find() : ((Terms) root).test(text);
    }

    /**
     * The only string values a field can have in an event this pattern matches, when the pattern pins it: a JSON
     * pattern that requires {@code selector = "literal"} (in every branch of an {@code ||}, on some side of each
     * {@code &&}). Empty when the pattern lets the field take other values (or is not a JSON pattern, or the selector
     * does not parse). A metric filter that publishes this field as a dimension publishes only these values.
     *
     * @param selector a property selector such as {@code $.userIdentity.type}
     */
    public Optional<Set<String>> requiredValues(String selector) {
        if (!(root instanceof Json j) || selector == null) {
            return Optional.empty();
        }
        List<Object> steps;
        try {
            Parser p = new Parser(selector.strip());
            steps = p.selector().steps();
            if (!p.atEnd()) {
                return Optional.empty();
            }
        } catch (FilterPatternException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(pinned(j.expr(), steps));
    }

    private static Set<String> pinned(Expr e, List<Object> steps) {
        if (e instanceof Cmp c) {
            Value v = c.value();
            boolean literal = c.op() == Op.EQ && v.regex() == null && v.wildcard() == null && v.number() == null;
            return literal && c.selector().steps().equals(steps) ? Set.of(v.text()) : null;
        } else if (e instanceof And a) {
            Set<String> l = pinned(a.left(), steps);
            Set<String> r = pinned(a.right(), steps);
            if (l == null || r == null) {
                return l != null ? l : r;
            }
            Set<String> both = new TreeSet<>(l);
            both.retainAll(r);
            return both;
        } else if (e instanceof Or o) {
            Set<String> l = pinned(o.left(), steps);
            Set<String> r = pinned(o.right(), steps);
            if (l == null || r == null) {
                return null;
            }
            Set<String> either = new TreeSet<>(l);
            either.addAll(r);
            return either;
        }
        return null;
    }

    /** Whether the pattern matches a log event's raw message (JSON patterns need the message to be JSON). */
    public boolean matches(String message) {
        if (root instanceof Json) {
            try {
                return matches(JSON.readTree(message));
            } catch (java.io.IOException e) {
                return false;
            }
        }
        if (!supported) {
            throw new UnsupportedOperationException("space-delimited filter patterns are not evaluated: " + text);
        }
        return root instanceof Regex r ? r.pattern().matcher(message).find() : ((Terms) root).test(message);
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- model ------------------------------------------------------------------------------------------------

    private sealed interface Node permits Json, Terms, Regex {
    }

    /** A standalone {@code %regex%} pattern: found anywhere in the message. */
    private record Regex(Pattern pattern) implements Node {
    }

    private record Json(Expr expr) implements Node {
    }

    /** Plain terms: all of {@code all}, none of {@code none}, and one of {@code any} when it is not empty. */
    private record Terms(List<String> all, List<String> none, List<String> any) implements Node {
        boolean test(String message) {
            for (String s : all) {
                if (!message.contains(s)) {
                    return false;
                }
            }
            for (String s : none) {
                if (message.contains(s)) {
                    return false;
                }
            }
            if (any.isEmpty()) {
                return true;
            }
            for (String s : any) {
                if (message.contains(s)) {
                    return true;
                }
            }
            return false;
        }
    }

    private sealed interface Expr permits And, Or, Cmp, Check {
        boolean test(JsonNode event);
    }

    private record And(Expr left, Expr right) implements Expr {
        public boolean test(JsonNode e) {
            return left.test(e) && right.test(e);
        }
    }

    private record Or(Expr left, Expr right) implements Expr {
        public boolean test(JsonNode e) {
            return left.test(e) || right.test(e);
        }
    }

    private enum CheckKind { IS_NULL, NOT_EXISTS, EXISTS, IS_TRUE, IS_FALSE }

    private record Check(Selector selector, CheckKind kind) implements Expr {
        public boolean test(JsonNode e) {
            List<JsonNode> values = selector.select(e);
            return switch (kind) {
                case NOT_EXISTS -> values.isEmpty();
                case EXISTS -> !values.isEmpty();
                case IS_NULL -> values.stream().anyMatch(JsonNode::isNull);
                case IS_TRUE -> values.stream().anyMatch(v -> v.isBoolean() && v.booleanValue());
                case IS_FALSE -> values.stream().anyMatch(v -> v.isBoolean() && !v.booleanValue());
            };
        }
    }

    private enum Op {
        EQ("="), NE("!="), LT("<"), GT(">"), LE("<="), GE(">=");
        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /** A value: a string (quoted or bare, {@code *} a wildcard in either), a number, or a {@code %regex%}. */
    private record Value(String text, BigDecimal number, Pattern regex, Pattern wildcard) {
    }

    private record Cmp(Selector selector, Op op, Value value) implements Expr {
        public boolean test(JsonNode e) {
            List<JsonNode> values = selector.select(e);
            if (op == Op.NE) {
                return values.stream().noneMatch(this::equal);
            }
            return values.stream().anyMatch(v -> op == Op.EQ ? equal(v) : ordered(v));
        }

        /** {@code =} on one selected value: a null or an object/array equals nothing. */
        private boolean equal(JsonNode v) {
            if (v.isNull() || v.isContainerNode()) {
                return false;
            }
            if (value.regex() != null) {
                return value.regex().matcher(v.asText()).find();
            } else if (value.number() != null && v.isNumber()) {
                return v.decimalValue().compareTo(value.number()) == 0;
            } else if (value.wildcard() != null) {
                return value.wildcard().matcher(v.asText()).matches();
            }
            return v.asText().equals(value.text());
        }

        /** {@code <}, {@code >}, {@code <=}, {@code >=} on one selected value: numbers only. */
        private boolean ordered(JsonNode v) {
            if (!v.isNumber() || value.number() == null) {
                return false;
            }
            int c = v.decimalValue().compareTo(value.number());
            return switch (op) {
                case LT -> c < 0;
                case GT -> c > 0;
                case LE -> c <= 0;
                case GE -> c >= 0;
                default -> throw new IllegalStateException();
            };
        }
    }

    /** The wildcard step of a selector ({@code .*} or {@code [*]}). */
    private static final Object ANY = new Object();

    /**
     * {@code $.a.b[0]['c d'].*[*]}: field names, array indexes and wildcards; selects every value it reaches (at most
     * one without a wildcard).
     */
    private record Selector(String text, List<Object> steps) {
        List<JsonNode> select(JsonNode event) {
            List<JsonNode> cur = List.of(event);
            for (Object s : steps) {
                List<JsonNode> next = new ArrayList<>();
                for (JsonNode n : cur) {
                    if (s == ANY) {
                        n.elements().forEachRemaining(next::add);
                    } else if (s instanceof Integer i) {
                        if (n.isArray() && i < n.size()) {
                            next.add(n.get(i));
                        }
                    } else if (n.isObject() && n.has((String) s)) {
                        next.add(n.get((String) s));
                    }
                }
                if (next.isEmpty()) {
                    return List.of();
                }
                cur = next;
            }
            return cur;
        }
    }

    // ---- plain terms ------------------------------------------------------------------------------------------

    private static Terms terms(String pattern) {
        List<String> all = new ArrayList<>();
        List<String> none = new ArrayList<>();
        List<String> any = new ArrayList<>();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            List<String> target = all;
            if (c == '-' || c == '?') {
                target = c == '-' ? none : any;
                i++;
                if (i >= n || Character.isWhitespace(pattern.charAt(i))) {
                    throw new FilterPatternException("a term after '" + c + "'", i, pattern);
                }
            }
            String term;
            if (pattern.charAt(i) == '"') {
                int end = pattern.indexOf('"', i + 1);
                if (end < 0) {
                    throw new FilterPatternException("a closing '\"'", n, pattern);
                }
                term = pattern.substring(i + 1, end);
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(pattern.charAt(i))) {
                    i++;
                }
                term = pattern.substring(start, i);
            }
            target.add(term);
        }
        return new Terms(List.copyOf(all), List.copyOf(none), List.copyOf(any));
    }

    // ---- JSON pattern parser ----------------------------------------------------------------------------------

    private static final class Parser {
        private final String s;
        private int pos;
        private int depth;

        Parser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            ws();
            return pos >= s.length();
        }

        Json json() {
            ws();
            expect('{');
            Expr e = or();
            ws();
            expect('}');
            ws();
            if (pos < s.length()) {
                throw error("the end of the pattern after '}'");
            }
            return new Json(e);
        }

        private Expr or() {
            Expr left = and();
            while (true) {
                ws();
                if (s.startsWith("||", pos)) {
                    pos += 2;
                    left = new Or(left, and());
                } else {
                    return left;
                }
            }
        }

        private Expr and() {
            Expr left = primary();
            while (true) {
                ws();
                if (s.startsWith("&&", pos)) {
                    pos += 2;
                    left = new And(left, primary());
                } else {
                    return left;
                }
            }
        }

        private Expr primary() {
            ws();
            if (pos < s.length() && s.charAt(pos) == '(') {
                if (++depth > MAX_DEPTH) {
                    throw error("at most " + MAX_DEPTH + " nested parentheses");
                }
                pos++;
                Expr e = or();
                ws();
                expect(')');
                depth--;
                return e;
            }
            Selector sel = selector();
            ws();
            for (var kw : List.of(new Object[] {"IS NULL", CheckKind.IS_NULL}, new Object[] {"NOT EXISTS", CheckKind.NOT_EXISTS},
                    new Object[] {"EXISTS", CheckKind.EXISTS}, new Object[] {"IS TRUE", CheckKind.IS_TRUE},
                    new Object[] {"IS FALSE", CheckKind.IS_FALSE})) {
                if (keyword((String) kw[0])) {
                    return new Check(sel, (CheckKind) kw[1]);
                }
            }
            Op op = op();
            ws();
            return new Cmp(sel, op, value(op));
        }

        /** Matches a keyword, words separated by any whitespace, case-insensitively. */
        private boolean keyword(String kw) {
            int p = pos;
            for (String word : kw.split(" ")) {
                while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
                    p++;
                }
                if (!s.regionMatches(true, p, word, 0, word.length())) {
                    return false;
                }
                p += word.length();
                if (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_')) {
                    return false;
                }
            }
            pos = p;
            return true;
        }

        private Selector selector() {
            int start = pos;
            if (pos >= s.length() || s.charAt(pos) != '$') {
                throw error("a property selector such as $.eventName");
            }
            pos++;
            List<Object> steps = new ArrayList<>();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '.' && pos + 1 < s.length() && s.charAt(pos + 1) == '[') {
                    pos++;                                     // $.['name']: a dot before a bracket
                } else if (c == '.') {
                    pos++;
                    if (pos < s.length() && s.charAt(pos) == '*') {
                        pos++;
                        steps.add(ANY);
                        continue;
                    }
                    int b = pos;
                    while (pos < s.length() && isNameChar(s.charAt(pos))) {
                        pos++;
                    }
                    if (b == pos) {
                        throw error("a property name, '*' or ['name'] after '.'");
                    }
                    steps.add(s.substring(b, pos));
                } else if (c == '[') {
                    pos++;
                    if (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                        char q = s.charAt(pos);
                        int end = s.indexOf(q, pos + 1);
                        if (end < 0) {
                            throw error("a closing " + q);
                        }
                        if (end == pos + 1) {
                            throw error("a property name inside [" + q + q + "]");
                        }
                        steps.add(s.substring(pos + 1, end));
                        pos = end + 1;
                    } else if (pos < s.length() && s.charAt(pos) == '*') {
                        pos++;
                        steps.add(ANY);
                    } else {
                        int b = pos;
                        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                            pos++;
                        }
                        if (b == pos) {
                            throw error("an array index such as [0], [*] or a quoted name such as ['key']");
                        }
                        steps.add(Integer.valueOf(s.substring(b, pos)));
                    }
                    expect(']');
                } else {
                    break;
                }
            }
            if (steps.isEmpty()) {
                throw error("a property after '$'");
            }
            return new Selector(s.substring(start, pos), List.copyOf(steps));
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '@' || c == ':';
        }

        private Op op() {
            for (String o : List.of("!=", "<=", ">=", "=", "<", ">")) {
                if (s.startsWith(o, pos)) {
                    pos += o.length();
                    return switch (o) {
                        case "!=" -> Op.NE;
                        case "<=" -> Op.LE;
                        case ">=" -> Op.GE;
                        case "=" -> Op.EQ;
                        case "<" -> Op.LT;
                        default -> Op.GT;
                    };
                }
            }
            throw error("an operator (=, !=, <, >, <=, >=) or IS NULL, NOT EXISTS, IS TRUE, IS FALSE");
        }

        private Value value(Op op) {
            if (pos >= s.length()) {
                throw error("a value");
            }
            char c = s.charAt(pos);
            String raw;
            boolean quoted = false;
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                pos++;
                while (true) {
                    if (pos >= s.length()) {
                        throw error("a closing '\"'");
                    }
                    char x = s.charAt(pos++);
                    if (x == '\\' && pos < s.length()) {
                        b.append(s.charAt(pos++));
                    } else if (x == '"') {
                        break;
                    } else {
                        b.append(x);
                    }
                }
                raw = b.toString();
                quoted = true;
            } else if (c == '%') {
                int end = s.indexOf('%', pos + 1);
                if (end < 0) {
                    throw error("a closing '%' of the regular expression");
                }
                String re = s.substring(pos + 1, end);
                pos = end + 1;
                if (op != Op.EQ && op != Op.NE) {
                    throw error("= or != before a regular expression");
                }
                try {
                    return new Value(re, null, io.trailguard.core.regex.SafeRegex.compile(re), null);
                } catch (PatternSyntaxException e) {
                    throw error("a valid regular expression (" + e.getDescription() + ")");
                }
            } else {
                int b = pos;
                while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && "()&|}".indexOf(s.charAt(pos)) < 0) {
                    pos++;
                }
                raw = s.substring(b, pos);
                if (raw.isEmpty()) {
                    throw error("a value");
                }
            }
            BigDecimal number = null;
            if (!quoted) {
                try {
                    number = new BigDecimal(raw);
                } catch (NumberFormatException e) {
                    number = null;
                }
            }
            if (op != Op.EQ && op != Op.NE && number == null) {
                throw error("a number after " + op.symbol);
            }
            Pattern wildcard = raw.contains("*") ? wildcard(raw) : null;
            return new Value(raw, number, null, wildcard);
        }

        private static Pattern wildcard(String raw) {
            List<String> parts = new ArrayList<>();
            for (String part : raw.split("\\*", -1)) {
                parts.add(part.isEmpty() ? "" : Pattern.quote(part));
            }
            return Pattern.compile(String.join(".*", parts), Pattern.DOTALL);
        }

        private void ws() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private void expect(char c) {
            ws();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("'" + c + "'");
            }
            pos++;
        }

        private FilterPatternException error(String expected) {
            return new FilterPatternException(expected, pos, s);
        }
    }
}
