package io.trailguard.core.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.diag.SourceText;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * Reads one YAML document safely into a JSON tree with positions.
 *
 * <p>Only the JSON data model is built (no tags beyond the standard ones, so no arbitrary types). Plain scalars are
 * typed by YAML 1.2's core schema, never YAML 1.1's ({@code no}, {@code on}, {@code yes} stay strings), and a number
 * written with a leading zero ({@code 012345678901}) stays a string so that account ids keep their digits.
 * Limits: {@value #MAX_CODE_POINTS} code points, nesting depth {@value #MAX_DEPTH}, {@value #MAX_ALIASES} aliases,
 * {@value #MAX_NODES} nodes after alias expansion, no recursive alias, numbers of at most {@value #MAX_NUMBER_DIGITS}
 * digits with exponents within {@value #MAX_EXPONENT}.
 */
public final class SafeYaml {
    public static final int MAX_CODE_POINTS = 2 * 1024 * 1024;
    public static final int MAX_DEPTH = 64;
    public static final int MAX_ALIASES = 50;
    public static final int MAX_NODES = 200_000;
    /** Digits in one number: more is a mistake or an attack, never an account id or a limit. */
    public static final int MAX_NUMBER_DIGITS = 400;
    /** The largest decimal exponent of a number, about a double's range. */
    public static final int MAX_EXPONENT = 400;

    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(0|[1-9][0-9]*)?\\.[0-9]+([eE][-+]?[0-9]+)?|[-+]?(0|[1-9][0-9]*)[eE][-+]?[0-9]+");

    private final String source;
    private final SourceText text;
    private final Map<String, Position> values = new HashMap<>();
    private final Map<String, Position> keys = new HashMap<>();
    /** The collection nodes being converted, outermost first: an alias to one of them is a cycle. */
    private final java.util.Set<Node> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private int nodes;

    private SafeYaml(String source, String content) {
        this.source = source;
        this.text = new SourceText(content);
    }

    /**
     * Parses {@code content}.
     *
     * @param source the file name for messages
     * @throws InvalidInputException naming the line and column of a syntax error or a limit exceeded
     */
    public static YamlDocument parse(String source, String content) {
        return new SafeYaml(source, content).run(content);
    }

    private YamlDocument run(String content) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setAllowNonScalarKeys(true) // rejected with its position by convert
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setSchema(new FailsafeSchema())
                .setUseMarks(true)
                .build();
        if (content.codePointCount(0, content.length()) > MAX_CODE_POINTS) {
            throw fail(null, "the file is larger than " + MAX_CODE_POINTS + " characters");
        }
        try {
            checkDepth(settings, content);
            // what api.lowlevel.Compose does, whose package snakeyaml-engine's module does not export
            Optional<Node> node = new Composer(settings, new ParserImpl(settings,
                    new StreamReader(settings, new StringReader(content)))).getSingleNode();
            if (node.isEmpty()) {
                throw new InvalidInputException(new Problem(source, 1, 1, "the file is empty: expected a YAML mapping",
                        null));
            }
            JsonNode root = convert(node.get(), "", 0);
            return new YamlDocument(source, root, values, keys, text);
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            String msg = e.getProblem() == null ? e.getMessage() : e.getProblem();
            if (msg != null && msg.contains("Number of aliases")) {
                msg = "too many aliases (more than " + MAX_ALIASES + "): aliases are limited to stop alias bombs";
            }
            throw fail(m, "not valid YAML: " + msg);
        } catch (org.snakeyaml.engine.v2.exceptions.ReaderException e) {
            int offset = content.offsetByCodePoints(0, Math.min(e.getPosition(), content.codePointCount(0, content.length())));
            int line = 1;
            int start = 0;
            for (int i = 0; i < offset; i++) {
                if (content.charAt(i) == '\n') {
                    line++;
                    start = i + 1;
                }
            }
            throw new InvalidInputException(new Problem(source, line, offset - start + 1, String.format(
                    "not valid YAML: the control character U+%04X is not allowed here; remove it or quote it as an escape",
                    e.getCodePoint()), text.line(line)));
        } catch (YamlEngineException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("Number of aliases")) {
                msg = "too many aliases (more than " + MAX_ALIASES + "): aliases are limited to stop alias bombs";
            }
            throw fail(null, "not valid YAML: " + msg);
        }
    }

    /** A streaming pre-pass: nesting depth and alias count are checked before any tree is built. */
    private void checkDepth(LoadSettings settings, String content) {
        int depth = 0;
        int aliases = 0;
        Iterable<Event> events = () -> new ParserImpl(settings, new StreamReader(settings, new StringReader(content)));
        for (Event e : events) {
            switch (e.getEventId()) {
                case Alias -> {
                    if (++aliases > MAX_ALIASES) {
                        throw fail(e.getStartMark().orElse(null), "more than " + MAX_ALIASES
                                + " aliases: aliases are limited to stop alias bombs");
                    }
                }
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw fail(e.getStartMark().orElse(null), "nesting deeper than " + MAX_DEPTH + " levels");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> {
                    // scalars, aliases, documents
                }
            }
        }
    }

    private JsonNode convert(Node node, String pointer, int depth) {
        if (++nodes > MAX_NODES) {
            throw fail(mark(node), "the document expands to more than " + MAX_NODES
                    + " values (an alias bomb?): aliases are limited");
        }
        values.putIfAbsent(pointer, position(node));
        Tag tag = node.getTag();
        if (!(node instanceof ScalarNode)) {
            if (!open.add(node)) {
                throw fail(mark(node), "a recursive alias: this value contains itself (an anchor used inside its own "
                        + "value); write the data out instead");
            }
            if (depth > MAX_DEPTH) {
                throw fail(mark(node), "nesting deeper than " + MAX_DEPTH + " levels once aliases are expanded");
            }
            try {
                return collection(node, tag, pointer, depth);
            } finally {
                open.remove(node);
            }
        }
        ScalarNode sc = (ScalarNode) node;
        String v = sc.getValue();
        if (tag.equals(Tag.STR)) {
            return sc.isPlain() ? plain(sc, v) : JsonNodeFactory.instance.textNode(v);
        }
        if (tag.equals(Tag.INT) && INT.matcher(v).matches()) {
            return number(sc, v);
        }
        if (tag.equals(Tag.FLOAT) && (FLOAT.matcher(v).matches() || INT.matcher(v).matches())) {
            return decimal(sc, v);
        }
        if (tag.equals(Tag.BOOL) && (v.equals("true") || v.equals("false"))) {
            return JsonNodeFactory.instance.booleanNode(v.equals("true"));
        }
        if (tag.equals(Tag.NULL)) {
            return JsonNodeFactory.instance.nullNode();
        }
        throw fail(mark(node), "unsupported tag " + tag + " on value '" + v + "': rule files use plain YAML data only");
    }

    private JsonNode collection(Node node, Tag tag, String pointer, int depth) {
        if (node instanceof MappingNode m) {
            if (!tag.equals(Tag.MAP)) {
                throw fail(mark(node), "unsupported tag " + tag + ": rule files use plain YAML data only");
            }
            ObjectNode obj = JsonNodeFactory.instance.objectNode();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    throw fail(mark(t.getKeyNode()), "a mapping key must be a plain string");
                }
                String key = k.getValue();
                String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                if (obj.has(key)) {
                    throw fail(mark(k), "duplicate key '" + key + "'");
                }
                keys.put(child, position(k));
                obj.set(key, convert(t.getValueNode(), child, depth + 1));
            }
            return obj;
        }
        if (node instanceof SequenceNode s) {
            if (!tag.equals(Tag.SEQ)) {
                throw fail(mark(node), "unsupported tag " + tag + ": rule files use plain YAML data only");
            }
            ArrayNode arr = JsonNodeFactory.instance.arrayNode();
            int i = 0;
            for (Node item : s.getValue()) {
                arr.add(convert(item, pointer + "/" + i++, depth + 1));
            }
            return arr;
        }
        throw fail(mark(node), "unsupported node " + tag + ": rule files use plain YAML data only");
    }

    /** YAML 1.2 core schema typing of a plain scalar. */
    private JsonNode plain(ScalarNode sc, String v) {
        switch (v) {
            case "", "~", "null", "Null", "NULL" -> {
                return JsonNodeFactory.instance.nullNode();
            }
            case "true", "True", "TRUE" -> {
                return JsonNodeFactory.instance.booleanNode(true);
            }
            case "false", "False", "FALSE" -> {
                return JsonNodeFactory.instance.booleanNode(false);
            }
            default -> {
                if (INT.matcher(v).matches()) {
                    return number(sc, v);
                }
                if (FLOAT.matcher(v).matches()) {
                    return decimal(sc, v);
                }
                return JsonNodeFactory.instance.textNode(v);
            }
        }
    }

    private JsonNode number(ScalarNode sc, String v) {
        if (v.length() > MAX_NUMBER_DIGITS) {
            throw fail(mark(sc), "a number of " + v.length() + " digits: numbers are limited to " + MAX_NUMBER_DIGITS
                    + " digits; quote the value if it is text");
        }
        BigInteger b = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
        return b.bitLength() < 32 ? JsonNodeFactory.instance.numberNode(b.intValue())
                : b.bitLength() < 64 ? JsonNodeFactory.instance.numberNode(b.longValue())
                : JsonNodeFactory.instance.numberNode(b);
    }

    /** A decimal within {@link #MAX_EXPONENT}: {@code 1e99999999999} is an input error, not a number to compute with. */
    private JsonNode decimal(ScalarNode sc, String v) {
        BigDecimal d;
        try {
            d = v.length() > MAX_NUMBER_DIGITS ? null : new BigDecimal(v);
        } catch (NumberFormatException e) {
            d = null;
        }
        if (d == null || Math.abs((long) d.precision() - d.scale()) > MAX_EXPONENT) {
            throw fail(mark(sc), "the number " + (v.length() > 40 ? v.substring(0, 40) + "..." : v)
                    + " is out of range (exponents are limited to " + MAX_EXPONENT + "); quote the value if it is text");
        }
        return JsonNodeFactory.instance.numberNode(d);
    }

    private static Mark mark(Node n) {
        return n.getStartMark().orElse(null);
    }

    private static Position position(Node n) {
        return n.getStartMark().map(m -> new Position(m.getLine() + 1, m.getColumn() + 1)).orElse(Position.UNKNOWN);
    }

    private InvalidInputException fail(Mark m, String message) {
        int line = m == null ? 0 : m.getLine() + 1;
        int col = m == null ? 0 : m.getColumn() + 1;
        return new InvalidInputException(new Problem(source, line, col, message, text.line(line)));
    }
}
