package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.trailguard.core.Evidence;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.dsl.Condition;
import io.trailguard.core.dsl.Durations;
import io.trailguard.core.dsl.Operand;
import io.trailguard.core.dsl.Operator;
import io.trailguard.core.engine.Evaluator.Frame;
import io.trailguard.core.snapshot.Timestamps;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The comparison family: {@code {path|value, OPERATOR: operand}}, {@code exists} / {@code absent} and {@code size}.
 * Every operator applies to values of its JSON type only: a value of another type (the string {@code "true"} where
 * AWS returns a boolean) is unknown with {@code WRONG_TYPE}, naming the field and its JSON pointer, never false.
 */
final class Comparisons {
    private static final java.util.regex.Pattern SEGMENT =
            java.util.regex.Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_:-]*)|\\['([^']*)'\\]|\\[(\\d+)\\]");

    private Comparisons() {
    }

    /** What a leaf read: its value (or null when absent), how it is shown, or an unknown that decides it. */
    private record Read(JsonNode value, String shown, Outcome unknown) {
    }

    private static Read read(Evaluator ev, Condition.Selection left, Frame f) {
        if (left instanceof Condition.ValueSelection vs) {
            ev.takeGap();
            JsonNode v = ev.value(vs.template(), f);
            UnknownReason gap = ev.takeGap();
            if (gap != null) {
                return new Read(null, vs.text(), Outcome.unknown(gap,
                        new Evidence(f.resource().id(), vs.text(), null, "could not be read")));
            }
            return new Read(v, vs.text(), null);
        }
        Condition.PathSelection ps = (Condition.PathSelection) left;
        String text = ps.path().text();
        String shown = f.prefix().isEmpty() && text.startsWith("$") ? text : Evaluator.dollar(f.prefix() + text.substring(1));
        if (f.atRoot()) {
            UnknownReason gap = ev.fieldGap(f.resource(), ps.path().topField());
            if (gap != null) {
                return new Read(null, shown, Outcome.unknown(gap,
                        new Evidence(f.resource().id(), shown, null, "could not be read")));
            }
        }
        if (!f.doc().isContainerNode() && !text.equals("$")) {
            // an element of a list that should hold objects is a string, number or boolean
            return new Read(null, shown, wrongType(f, Evaluator.dollar(f.prefix()), f.doc(), "an object with " + text));
        }
        JsonNode v = ps.path().selectOne(f.doc());
        return new Read(v == null || v.isNull() ? null : v, shown, null);
    }

    static Outcome presence(Evaluator ev, Condition.Presence c, Frame f) {
        Read r = read(ev, c.left(), f);
        if (r.unknown() != null) {
            return r.unknown();
        }
        Operator op = c.present() ? Operator.EXISTS : Operator.ABSENT;
        boolean present = r.value() != null;
        return Outcome.of(c.present() == present, new Evidence(f.resource().id(), r.shown(),
                r.value() == null ? null : Evaluator.compact(r.value()), op.describe("")));
    }

    static Outcome size(Evaluator ev, Condition.Size c, Frame f) {
        Read r = read(ev, c.left(), f);
        if (r.unknown() != null) {
            return r.unknown();
        }
        String expected = c.checks().values().stream().anyMatch(o -> o instanceof Operand.Templated)
                ? Operator.SIZE.describe(checksText(ev, c.checks(), f))
                : ev.cache.text(c, ev.params, () -> Operator.SIZE.describe(checksText(ev, c.checks(), f)));
        JsonNode v = r.value() != null ? r.value() : c.defaultValue();
        if (v == null) {
            return absent(f, r.shown(), expected);
        }
        Evidence e = new Evidence(f.resource().id(), r.shown(), Evaluator.compact(v), expected);
        if (!v.isContainerNode() && !v.isTextual()) {
            return wrongType(f, r.shown(), v, "a list, an object or a string");
        }
        BigDecimal size = BigDecimal.valueOf(v.isContainerNode() ? v.size() : v.asText().length());
        for (Map.Entry<Operator, Operand> check : c.checks().entrySet()) {
            Boolean ok = numeric(check.getKey(), size, number(ev.operand(check.getValue(), f)));
            if (ok == null) {
                return unknownOperand(f, r.shown(), e);
            }
            if (!ok) {
                return Outcome.of(false, e);
            }
        }
        return Outcome.of(true, e);
    }

    static Outcome compare(Evaluator ev, Condition.Compare c, Frame f) {
        Read r = read(ev, c.left(), f);
        if (r.unknown() != null) {
            return r.unknown();
        }
        Operator op = c.operator();
        boolean templated = c.operand() instanceof Operand.Templated;
        if (templated) {
            ev.takeGap();
        }
        JsonNode operand = ev.operand(c.operand(), f);
        UnknownReason operandGap = templated ? ev.takeGap() : null;
        String expected = templated ? op.describe(Evaluator.text(operand))
                : ev.cache.text(c, ev.params, () -> op.describe(Evaluator.text(operand)));
        JsonNode v = r.value();
        if (v == null) {
            if (c.defaultValue() == null) {
                return absent(f, r.shown(), expected);
            }
            v = c.defaultValue();
        }
        Evidence e = new Evidence(f.resource().id(), r.shown(), Evaluator.compact(v), expected);
        if (operandGap != null) {
            return Outcome.unknown(operandGap, e);
        }
        String wanted = expectedType(op, v, operand);
        if (wanted != null) {
            return wrongType(f, r.shown(), v, wanted);
        }
        Boolean result = apply(ev, op, v, operand, c.operand());
        if (result == null) {
            return unknownOperand(f, r.shown(), e);
        }
        return Outcome.of(result, e);
    }

    private static Outcome absent(Frame f, String shown, String expected) {
        return Outcome.unknown(new UnknownReason(UnknownReason.Code.MISSING_FIELD, shown + " is absent from "
                + f.resource().id() + " and the rule gives no default"), new Evidence(f.resource().id(), shown, null, expected));
    }

    private static Outcome unknownOperand(Frame f, String shown, Evidence e) {
        return Outcome.unknown(new UnknownReason(UnknownReason.Code.MISSING_FIELD, shown + " of " + f.resource().id()
                + " cannot be compared: the rule's operand has no usable value"), e);
    }

    /** A value of the wrong JSON type: unknown, naming the field, its JSON pointer and both types. */
    static Outcome wrongType(Frame f, String shown, JsonNode v, String wanted) {
        String pointer = pointer(shown);
        String detail = shown + (pointer == null ? "" : " (JSON pointer " + pointer + ")") + " of " + f.resource().id()
                + " is " + typeName(v) + " (" + Evaluator.compact(v) + ") where the rule expects " + wanted;
        return Outcome.unknown(new UnknownReason(UnknownReason.Code.WRONG_TYPE, detail),
                new Evidence(f.resource().id(), shown, Evaluator.compact(v), wanted));
    }

    /** The JSON pointer (RFC 6901) of a simple path such as {@code $.A[0]['b']}, or {@code null}. */
    static String pointer(String path) {
        if (!path.startsWith("$")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = SEGMENT.matcher(path);
        int pos = 1;
        while (pos < path.length()) {
            if (!m.find(pos) || m.start() != pos) {
                return null;
            }
            String seg = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            out.append('/').append(seg.replace("~", "~0").replace("/", "~1"));
            pos = m.end();
        }
        return out.length() == 0 ? "" : out.toString();
    }

    static String typeName(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> "a " + v.getNodeType().name().toLowerCase();
        };
    }

    /** The JSON kind a comparison needs, for the messages: 0 string, 1 number, 2 boolean, 3 list, 4 object. */
    private static int kind(JsonNode v) {
        return v.isTextual() ? 0 : v.isNumber() ? 1 : v.isBoolean() ? 2 : v.isArray() ? 3 : v.isObject() ? 4 : -1;
    }

    /**
     * The type the operator needs the value to have when it has another, else {@code null}: equality and
     * membership compare values of the operand's type; the text operators need a string; the numeric ones a number.
     */
    static String expectedType(Operator op, JsonNode v, JsonNode operand) {
        switch (op) {
            case EQUALS, NOT_EQUALS -> {
                return operand == null || kind(operand) == kind(v) ? null : typeName(operand);
            }
            case IN, NOT_IN -> {
                if (operand == null) {
                    return null;
                }
                if (!operand.isArray()) {
                    return kind(operand) == kind(v) ? null : typeName(operand);
                }
                for (JsonNode x : operand) {
                    if (kind(x) == kind(v)) {
                        return null;
                    }
                }
                List<String> kinds = new ArrayList<>();
                for (JsonNode x : operand) {
                    if (!kinds.contains(typeName(x))) {
                        kinds.add(typeName(x));
                    }
                }
                return kinds.isEmpty() ? null : String.join(" or ", kinds);
            }
            case LIKE, NOT_LIKE, STARTS_WITH, ENDS_WITH -> {
                return v.isTextual() ? null : "a string";
            }
            case MATCHES -> {
                return v.isTextual() || v.isNumber() ? null : "a string";
            }
            case CONTAINS -> {
                return v.isTextual() || v.isArray() ? null : "a list or a string";
            }
            case GREATER_THAN, LESS_THAN, AT_LEAST, AT_MOST -> {
                return v.isNumber() ? null : "a number";
            }
            case OLDER_THAN, NEWER_THAN -> {
                return v.isTextual() || v.isNumber() ? null : "a timestamp";
            }
            default -> throw new IllegalStateException("not a comparison: " + op);
        }
    }

    /** The comparison of a value of the right type; {@code null} when the operand has no usable value. */
    private static Boolean apply(Evaluator ev, Operator op, JsonNode v, JsonNode operand, Operand raw) {
        switch (op) {
            case EQUALS:
                return same(v, operand);
            case NOT_EQUALS:
                return !same(v, operand);
            case IN:
            case NOT_IN: {
                boolean in = false;
                if (operand != null && operand.isArray()) {
                    for (JsonNode x : operand) {
                        in |= same(v, x);
                    }
                } else {
                    in = same(v, operand);
                }
                return op == Operator.IN ? in : !in;
            }
            case LIKE:
            case NOT_LIKE: {
                boolean like = false;
                for (JsonNode x : operand == null ? List.<JsonNode>of() : operand.isArray() ? iterable(operand) : List.of(operand)) {
                    like |= wildcard(x.asText()).matcher(v.asText()).matches();
                }
                return op == Operator.LIKE ? like : !like;
            }
            case CONTAINS: {
                if (v.isArray()) {
                    for (JsonNode x : v) {
                        if (same(x, operand)) {
                            return true;
                        }
                    }
                    return false;
                }
                return operand != null ? v.asText().contains(operand.asText()) : null;
            }
            case STARTS_WITH:
                return operand != null ? v.asText().startsWith(operand.asText()) : null;
            case ENDS_WITH:
                return operand != null ? v.asText().endsWith(operand.asText()) : null;
            case MATCHES: {
                Pattern p;
                if (raw instanceof Operand.Regex r) {
                    p = r.pattern();
                } else {
                    try {
                        p = io.trailguard.core.regex.SafeRegex.compile(operand == null ? "" : operand.asText());
                    } catch (PatternSyntaxException e) {
                        if (raw instanceof Operand.Param param) {
                            throw new io.trailguard.core.InvalidInputException(new io.trailguard.core.Problem(
                                    "--param " + param.name(), 0, 0, "not a usable regular expression (RE2 syntax): "
                                    + e.getDescription(), null));
                        }
                        return null;
                    }
                }
                return p.matcher(v.asText()).find();
            }
            case GREATER_THAN:
            case LESS_THAN:
            case AT_LEAST:
            case AT_MOST:
                return numeric(op, number(v), number(operand));
            case OLDER_THAN:
            case NEWER_THAN: {
                Instant t = instant(v);
                Duration d = operand == null ? null : Durations.parse(operand.asText());
                if (t == null || d == null) {
                    return null;
                }
                Instant limit = ev.index.capturedAt().minus(d);
                return op == Operator.OLDER_THAN ? t.isBefore(limit) : !t.isBefore(limit);
            }
            default:
                throw new IllegalStateException("operator " + op);
        }
    }

    static String checksText(Evaluator ev, Map<Operator, Operand> checks, Frame f) {
        List<String> parts = new ArrayList<>();
        checks.forEach((op, operand) -> parts.add(op.describe(Evaluator.text(ev.operand(operand, f)))));
        return String.join(" and ", parts);
    }

    static Boolean numeric(Operator op, BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return null;
        }
        int cmp = a.compareTo(b);
        return switch (op) {
            case EQUALS -> cmp == 0;
            case NOT_EQUALS -> cmp != 0;
            case GREATER_THAN -> cmp > 0;
            case LESS_THAN -> cmp < 0;
            case AT_LEAST -> cmp >= 0;
            case AT_MOST -> cmp <= 0;
            default -> throw new IllegalStateException("not numeric: " + op);
        };
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** A number, or a parameter given as a numeric string; {@code null} otherwise. */
    static BigDecimal number(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Instant instant(JsonNode v) {
        if (v.isNumber()) {
            double d = v.asDouble();
            // AWS JSON timestamps are epoch seconds; values past year 2286 in seconds are taken as milliseconds
            return d > 1e10 ? Instant.ofEpochMilli((long) d) : Instant.ofEpochMilli((long) (d * 1000));
        }
        return v.isTextual() ? Timestamps.parse(v.asText()) : null;
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** An IAM-style wildcard pattern ({@code *} any run of characters, {@code ?} one character) as an RE2 pattern. */
    private static Pattern wildcard(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("(?<=[*?])|(?=[*?])")) {
            re.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }
}
