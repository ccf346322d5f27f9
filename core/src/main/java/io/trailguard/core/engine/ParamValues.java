package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trailguard.core.dsl.Durations;
import io.trailguard.core.dsl.RuleDefinition.ParamType;
import java.math.BigDecimal;

/** Converts a parameter value given as text (on the command line) to its declared type. */
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
}
