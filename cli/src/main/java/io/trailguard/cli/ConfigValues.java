package io.trailguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks a value of {@code trailguard.yaml} against the option it sets, when the file is read: a wrong value names the
 * file, line and column instead of failing later, without a position, in whichever command uses it.
 */
final class ConfigValues {
    private ConfigValues() {
    }

    /** What is wrong with the value, or {@code null} when the option accepts it. */
    static String check(OptionSpec option, JsonNode v) {
        if (option == null || v == null || v.isNull()) {
            return null;
        }
        boolean map = Map.class.isAssignableFrom(option.type());
        if (map) {
            return v.isObject() ? null : "expected a mapping of NAME: VALUE";
        }
        if (v.isObject()) {
            return "expected " + (option.isMultiValue() ? "a value or a list of values" : "a single value");
        }
        if (v.isArray() && !option.isMultiValue()) {
            return "expected a single value, found a list";
        }
        List<String> items = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> items.add(x.asText()));
        } else {
            items.add(v.asText());
        }
        Class<?> type = option.isMultiValue() && option.auxiliaryTypes().length > 0 ? option.auxiliaryTypes()[0]
                : option.type();
        for (String item : items) {
            String bad = convert(option, type, item);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private static String convert(OptionSpec option, Class<?> type, String s) {
        try {
            if (option.converters() != null && option.converters().length > 0) {
                option.converters()[0].convert(s);
            } else if (type.isEnum()) {
                List<String> names = new ArrayList<>();
                for (Object c : type.getEnumConstants()) {
                    names.add(((Enum<?>) c).name());
                }
                if (!names.contains(s)) {
                    return "expected one of " + String.join(", ", names) + ", found '" + s + "'";
                }
            } else if (type == int.class || type == Integer.class) {
                Integer.parseInt(s.trim());
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(s.trim());
            } else if (type == boolean.class || type == Boolean.class) {
                if (!s.equals("true") && !s.equals("false")) {
                    return "expected true or false, found '" + s + "'";
                }
            }
            return null;
        } catch (Exception e) {
            return "not a valid value: '" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
    }
}
