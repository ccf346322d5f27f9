package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {{ expression }}} placeholders, compiled once. An expression names a root ({@code self},
 * {@code params}, {@code account}, {@code snapshot}, a relation or a {@code let} binding), then fields separated by
 * dots, then filters: {@code {{ bucket.Name }}}, {@code {{ flowLogs.ResourceId | join }}},
 * {@code {{ self.KmsKeyId | default("none") }}}. A field of a list maps over its elements.
 *
 * <p>A template that is exactly one placeholder keeps the type of its value ({@link #value}), so it can stand for a
 * number, a list or a whole policy statement.
 */
public final class Template {
    private static final Pattern FILTER = Pattern.compile("\\s*([a-z_]+)\\s*(?:\\(\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^)]*)\\s*\\))?\\s*");
    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_:-]+)*");
    static final List<String> FILTERS = List.of("join", "first", "rest", "count", "default", "lower", "upper", "json", "dir");

    /** Resolves the name an expression starts with to a value, or {@code null} when it has none. */
    public interface Roots {
        JsonNode resolve(Name name);
    }

    /**
     * One placeholder: root, fields, filters.
     *
     * @param name what the root refers to, resolved by the parser in the template's scope ({@link #bind}); {@code null}
     *             until then
     */
    public record Expression(String text, String root, List<String> fields, List<Filter> filters, Name name) {
        Expression bound(Name n) {
            return new Expression(text, root, fields, filters, n);
        }
    }

    /** A filter with its optional argument. */
    public record Filter(String name, String argument) {
    }

    private final String source;
    private final List<Object> parts; // String literal or Expression
    private final List<Expression> expressions;

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
        List<Expression> es = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Expression e) {
                es.add(e);
            }
        }
        this.expressions = List.copyOf(es);
    }

    /**
     * Compiles a template.
     *
     * @throws IllegalArgumentException naming the bad placeholder
     */
    public static Template compile(String source) {
        // a placeholder is "{{", then the shortest text up to the next "}}" (no regex: rules are compiled at start-up)
        List<Object> parts = new ArrayList<>();
        StringBuilder literals = new StringBuilder();
        int last = 0;
        for (int open = source.indexOf("{{"); open >= 0; open = source.indexOf("{{", last)) {
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                break;
            }
            if (open > last) {
                parts.add(source.substring(last, open));
                literals.append(source, last, open);
            }
            parts.add(expression(source.substring(open + 2, close)));
            last = close + 2;
        }
        if (last < source.length()) {
            parts.add(source.substring(last));
            literals.append(source, last, source.length());
        }
        if (literals.indexOf("{{") >= 0) {
            throw new IllegalArgumentException("unclosed placeholder '{{' in \"" + source + "\"");
        }
        return new Template(source, parts);
    }

    private static Expression expression(String text) {
        String[] pieces = text.split("\\|");
        String path = pieces[0].trim();
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("bad placeholder {{" + text + "}}: expected a name such as self.Name or bucket.Policy");
        }
        String[] segs = path.split("\\.");
        List<Filter> filters = new ArrayList<>();
        for (int i = 1; i < pieces.length; i++) {
            Matcher f = FILTER.matcher(pieces[i]);
            if (!f.matches()) {
                throw new IllegalArgumentException("bad filter '" + pieces[i].trim() + "' in {{" + text + "}}");
            }
            String name = f.group(1);
            if (!FILTERS.contains(name)) {
                throw new IllegalArgumentException("unknown filter '" + name + "' in {{" + text + "}}: expected one of "
                        + String.join(", ", FILTERS));
            }
            String arg = f.group(2);
            if (arg != null && arg.length() >= 2 && (arg.startsWith("\"") || arg.startsWith("'"))) {
                arg = arg.substring(1, arg.length() - 1).replace("\\\"", "\"");
            }
            filters.add(new Filter(name, arg));
        }
        return new Expression(text.trim(), segs[0], List.of(segs).subList(1, segs.length), filters, null);
    }

    /**
     * This template with the root of every placeholder resolved; a root the resolver does not know ({@code null})
     * stays unresolved and the parser reports it.
     */
    public Template bind(java.util.function.Function<Expression, Name> resolver) {
        if (expressions.isEmpty()) {
            return this;
        }
        List<Object> bound = new ArrayList<>(parts.size());
        for (Object p : parts) {
            bound.add(p instanceof Expression e ? e.bound(resolver.apply(e)) : p);
        }
        return new Template(source, bound);
    }

    /** True when the text has no placeholder. */
    public boolean isConstant() {
        return expressions.isEmpty();
    }

    public String source() {
        return source;
    }

    /** The placeholders, for validation of their roots. */
    public List<Expression> expressions() {
        return expressions;
    }

    /** Renders to text: lists are joined with ", ", objects written as JSON, absent values as "(none)". */
    public String render(Roots roots) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                sb.append(s);
            } else {
                sb.append(text(evaluate((Expression) p, roots)));
            }
        }
        return sb.toString();
    }

    /** The value: typed when the template is one placeholder, else the rendered text. */
    public JsonNode value(Roots roots) {
        if (parts.size() == 1 && parts.get(0) instanceof Expression e) {
            JsonNode v = evaluate(e, roots);
            return v == null ? JsonNodeFactory.instance.nullNode() : v;
        }
        return TextNode.valueOf(render(roots));
    }

    static JsonNode evaluate(Expression e, Roots roots) {
        if (e.name() == null) {
            throw new IllegalStateException("unresolved name '" + e.root() + "' in {{ " + e.text() + " }}");
        }
        JsonNode v = roots.resolve(e.name());
        for (String f : e.fields()) {
            v = field(v, f);
        }
        for (Filter f : e.filters()) {
            v = filter(f, v);
        }
        return v;
    }

    private static JsonNode field(JsonNode v, String name) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : v) {
                JsonNode x = field(item, name);
                if (x != null && x.isArray()) {
                    out.addAll((ArrayNode) x);
                } else if (x != null) {
                    out.add(x);
                }
            }
            return out;
        }
        if (v.isObject()) {
            JsonNode x = v.get(name);
            return x == null || x.isNull() ? null : x;
        }
        return null;
    }

    private static JsonNode filter(Filter f, JsonNode v) {
        return switch (f.name()) {
            case "join" -> v == null ? null : TextNode.valueOf(join(v, f.argument() == null ? ", " : f.argument()));
            case "first" -> v != null && v.isArray() ? (v.isEmpty() ? null : v.get(0)) : v;
            case "rest" -> {
                if (v == null || !v.isArray()) {
                    yield null;
                }
                ArrayNode rest = JsonNodeFactory.instance.arrayNode();
                for (int i = 1; i < v.size(); i++) {
                    rest.add(v.get(i));
                }
                yield rest;
            }
            case "count" -> JsonNodeFactory.instance.numberNode(v == null ? 0 : v.isArray() ? v.size() : 1);
            case "default" -> v == null || (v.isArray() && v.isEmpty()) || (v.isTextual() && v.asText().isEmpty())
                    ? TextNode.valueOf(f.argument() == null ? "" : f.argument()) : v;
            case "lower" -> v == null ? null : TextNode.valueOf(text(v).toLowerCase(Locale.ROOT));
            case "upper" -> v == null ? null : TextNode.valueOf(text(v).toUpperCase(Locale.ROOT));
            case "dir" -> v == null || (v.isTextual() && v.asText().isEmpty()) ? TextNode.valueOf("")
                    : TextNode.valueOf(text(v).endsWith("/") ? text(v) : text(v) + "/");
            case "json" -> v == null ? TextNode.valueOf("null") : TextNode.valueOf(v.toString());
            default -> throw new IllegalStateException("filter " + f.name());
        };
    }

    private static String join(JsonNode v, String sep) {
        if (!v.isArray()) {
            return text(v);
        }
        List<String> items = new ArrayList<>();
        v.forEach(x -> items.add(text(x)));
        return String.join(sep, items);
    }

    /** The text rendering of a value. */
    public static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "(none)";
        }
        if (v.isArray()) {
            return v.isEmpty() ? "(none)" : join(v, ", ");
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
