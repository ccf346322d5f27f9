package io.trailguard.core.dsl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON Schemas (draft 2020-12) of the two kinds of file of a rule pack, made from {@link RuleGrammar}: the text of
 * {@code io/trailguard/core/schema/rule.schema.json} (a rule file) and {@code conditions.schema.json} (a
 * {@code conditions.yaml} of named conditions and fixes), which editors use to complete and check them. The checked-in
 * files are this output (RuleSchemaGoldenTest regenerates and compares). Stateless.
 */
final class RuleSchema {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Where the rule schema is published, in core's resources. */
    static final String RESOURCE = "/io/trailguard/core/schema/rule.schema.json";
    /** Where the conditions schema is published, in core's resources. */
    static final String CONDITIONS_RESOURCE = "/io/trailguard/core/schema/conditions.schema.json";
    /** A text argument of a named fix, {@code ${P}}, which may stand in a text whose pattern it does not meet. */
    private static final String TEXT_ARG = "\\$\\{[^}]+}";
    /** Keywords that restrict a value; a schema without any of them takes any value, {@code {arg: P}} included. */
    private static final List<String> RESTRICTING = List.of("type", "const", "enum", "oneOf", "anyOf", "$ref");

    private RuleSchema() {
    }

    static ObjectNode schema() {
        ObjectNode root = head("rule.schema.json", "trailguard rule");
        root.setAll(RuleGrammar.RULE.schema());
        root.set("$defs", RuleGrammar.definitions());
        return root;
    }

    /**
     * The schema of a conditions file. Its bodies are the rule grammar's conditions and fixes, generated from the same
     * mappings rather than referred to in the rule schema, because a body may put {@code {arg: P}} wherever a value
     * goes (a whole condition, a list of sample events, an operand) and a fix also {@code ${P}} inside any text: every
     * definition and every restricted value is widened to take them ({@link #widen}).
     */
    static ObjectNode conditionsSchema() {
        ObjectNode root = head("conditions.schema.json", "trailguard named conditions and fixes (conditions.yaml)");
        root.setAll(RuleGrammar.CONDITIONS_FILE.schema());
        ObjectNode defs = root.putObject("$defs");
        defs.set("arg", describe(argument(), "{arg: PARAM}: the value of a parameter of the named condition or fix, "
                + "given by each use."));
        RuleGrammar.conditionsDefinitions().fields().forEachRemaining(e -> {
            boolean fixPart = e.getKey().equals("fix") || e.getKey().equals("ruleParam");
            defs.set(e.getKey(), widen(e.getValue(), fixPart));
        });
        return root;
    }

    /** The rule schema as the checked-in file holds it. */
    static String text() {
        return text(schema());
    }

    /** The conditions schema as the checked-in file holds it. */
    static String conditionsText() {
        return text(conditionsSchema());
    }

    /** Two-space indentation, one key per line, a final newline. */
    private static String text(ObjectNode schema) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            return new ObjectMapper().writer(pp).writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    private static ObjectNode head(String file, String title) {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://trailguard.io/schema/" + file);
        root.put("title", title);
        return root;
    }

    /**
     * A value's schema that also takes {@code {arg: P}}, as do the values inside it. A {@code $ref} is left alone (its
     * target, a definition, is widened itself), and so is a schema that takes any value or any mapping.
     *
     * @param texts whether a text may hold {@code ${P}} (in a named fix), so a pattern also admits one
     */
    static JsonNode widen(JsonNode value, boolean texts) {
        if (value.has("$ref") || RESTRICTING.stream().noneMatch(value::has) || anyMapping(value)) {
            return value;
        }
        ObjectNode inner = inside((ObjectNode) value, texts);
        ObjectNode out = F.objectNode();
        if (inner.has("description")) {
            out.set("description", inner.remove("description"));
        }
        out.putArray("anyOf").add(F.objectNode().put("$ref", "#/$defs/arg")).add(inner);
        return out;
    }

    /** True for a schema that takes any mapping ({@code {type: object}}), {@code {arg: P}} included. */
    private static boolean anyMapping(JsonNode schema) {
        return schema.path("type").asText().equals("object") && schema.size() == (schema.has("description") ? 2 : 1);
    }

    /** The schema with the values it holds widened ({@link #widen}), and its alternatives gone inside. */
    private static ObjectNode inside(ObjectNode schema, boolean texts) {
        ObjectNode out = schema.deepCopy();
        if (out.get("properties") instanceof ObjectNode props) {
            props.fields().forEachRemaining(e -> e.setValue(widen(e.getValue(), texts)));
        }
        for (String k : List.of("items", "additionalProperties")) {
            if (out.get(k) instanceof ObjectNode v) {
                out.set(k, widen(v, texts));
            }
        }
        for (String k : List.of("oneOf", "anyOf")) {
            if (out.get(k) instanceof ArrayNode alternatives) {
                for (int i = 0; i < alternatives.size(); i++) {
                    alternatives.set(i, inside((ObjectNode) alternatives.get(i), texts));
                }
            }
        }
        if (texts && out.path("type").asText().equals("string") && out.has("pattern")) {
            ArrayNode either = out.putArray("anyOf");
            either.addObject().set("pattern", out.remove("pattern"));
            either.addObject().put("pattern", TEXT_ARG);
        }
        return out;
    }

    /** {@code {arg: PARAM}}. */
    private static ObjectNode argument() {
        ObjectNode n = F.objectNode().put("type", "object");
        n.putArray("required").add("arg");
        n.put("additionalProperties", false);
        n.putObject("properties").putObject("arg").put("type", "string");
        return n;
    }

    private static ObjectNode describe(ObjectNode n, String description) {
        ObjectNode out = F.objectNode().put("description", description);
        out.setAll(n);
        return out;
    }
}
