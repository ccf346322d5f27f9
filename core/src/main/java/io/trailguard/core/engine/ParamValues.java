package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trailguard.core.dsl.Durations;
import io.trailguard.core.dsl.RuleDefinition.ParamType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.RulePack;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.RuleDefinition.ParamSpec;
import io.trailguard.core.dsl.RuleParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rule parameter values: text given on the command line converted to its declared type, and each rule's resolved set. */
public final class ParamValues {
    private ParamValues() {
    }

    /** The typed value, or {@code null} when the text does not fit the type. */
    public static JsonNode parse(ParamType type, String raw) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String t = raw.trim();
        switch (type) {
            case STRING:
                return f.textNode(raw);
            case NUMBER:
                try {
                    return f.numberNode(new BigDecimal(t));
                } catch (NumberFormatException e) {
                    return null;
                }
            case BOOLEAN:
                return t.equals("true") ? f.booleanNode(true) : t.equals("false") ? f.booleanNode(false) : null;
            case DURATION:
                return Durations.parse(t) == null ? null : f.textNode(t);
            case LIST: {
                ArrayNode a = f.arrayNode();
                if (!t.isEmpty()) {
                    for (String s : t.split(",")) {
                        a.add(s.trim());
                    }
                }
                return a;
            }
            default:
                throw new IllegalStateException();
        }
    }

    /** What a valid value looks like. */
    public static String hint(ParamType type) {
        return switch (type) {
            case NUMBER -> " (a number such as 90)";
            case BOOLEAN -> " (true or false)";
            case DURATION -> " (a duration such as 1h, 90d or PT1H)";
            case LIST -> " (comma-separated values)";
            case STRING -> "";
        };
    }

    /**
     * Resolves each rule's parameters: defaults, then engine overrides, then {@code extra} (already typed, for
     * rule tests). Unknown names and ill-typed values are errors. Not part of the library API: it hands out Jackson
     * trees, which the engine reads.
     *
     * @throws InvalidInputException naming each unknown parameter and ill-typed value
     */
    public static Map<String, ObjectNode> resolve(RulePack pack, Map<String, String> overrides,
                                                        Map<String, Map<String, JsonNode>> extra) {
        List<Problem> problems = new ArrayList<>();
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (RuleDefinition r : pack.definitions()) {
            ObjectNode values = JsonNodeFactory.instance.objectNode();
            for (ParamSpec p : r.params().values()) {
                JsonNode v = p.defaultValue();
                for (String key : List.of(p.name(), r.id() + "." + p.name())) {
                    String raw = overrides.get(key);
                    if (raw != null) {
                        used.add(key);
                        JsonNode typed = parse(p.type(), raw);
                        if (typed == null) {
                            problems.add(new Problem("--param " + key, 0, 0, "value '" + raw + "' is not a "
                                    + p.type().name().toLowerCase() + hint(p.type()), null));
                        } else {
                            v = typed;
                        }
                    }
                }
                JsonNode e = extra.getOrDefault(r.id(), Map.of()).get(p.name());
                if (e != null) {
                    RuleParser.checkParamValue(p.type(), e).ifPresent(m ->
                            problems.add(new Problem(r.id() + " parameter " + p.name(), 0, 0, m, null)));
                    v = e;
                }
                values.set(p.name(), v);
            }
            out.put(r.id(), values);
        }
        Map<String, String> unknown = new HashMap<>(overrides);
        used.forEach(unknown::remove);
        for (String k : unknown.keySet()) {
            Set<String> known = new java.util.TreeSet<>();
            Set<String> names = new java.util.TreeSet<>();
            pack.definitions().forEach(r -> r.params().keySet().forEach(n -> {
                names.add(n);
                known.add(n);
                known.add(r.id() + "." + n);
            }));
            problems.add(new Problem("--param " + k, 0, 0, "no rule has a parameter '" + k + "'"
                    + io.trailguard.core.diag.Suggestions.hint(k, known)
                    + (names.isEmpty() ? "" : "; parameters: " + String.join(", ", names)
                    + " (or RULE-ID.NAME for one rule; 'trailguard rules explain ID' lists a rule's)"), null));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return out;
    }
}
