package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.diag.Suggestions;
import io.trailguard.core.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The named, parameterised conditions of a rule pack, read from its {@code conditions.yaml} files. A rule uses one as
 * {@code {use: NAME, with: {PARAM: VALUE}}} wherever a condition may stand; the rule parser expands it there, in the
 * scope of the use, into the ordinary condition tree ({@link ConditionParser}), so the evaluator never meets a name.
 * Here only the definitions' own shape is checked (keys, parameters, that every {@code {arg: P}} names a declared
 * parameter and every parameter is used); their names and operators are checked where they are used. Immutable.
 *
 * @since 0.3.0
 */
public final class NamedConditions {
    /** The file name that holds named conditions in a rule directory (or one of its parents). */
    public static final List<String> FILE_NAMES = List.of("conditions.yaml", "conditions.yml");
    static final Set<String> FILE_KEYS = new LinkedHashSet<>(List.of("apiVersion", "conditions"));
    static final Set<String> DEFINITION_KEYS = new LinkedHashSet<>(List.of("description", "resource", "params", "condition"));
    static final Set<String> PARAM_KEYS = new LinkedHashSet<>(List.of("type", "default", "description"));
    /** The names of named conditions (the rule schema's {@code use} takes the same, from {@link RuleGrammar}). */
    static final String NAME_PATTERN = "[a-z][A-Za-z0-9]*";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final NamedConditions EMPTY = new NamedConditions(Map.of());

    /** What an argument may be: a YAML value of that shape, or a condition (parsed where the body puts it). */
    public enum ArgType {
        STRING, NUMBER, BOOLEAN, LIST, CONDITION;

        boolean fits(JsonNode v) {
            return switch (this) {
                case STRING -> v.isTextual();
                case NUMBER -> v.isNumber();
                case BOOLEAN -> v.isBoolean();
                case LIST -> v.isArray();
                case CONDITION -> v.isObject();
            };
        }

        String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A parameter of a named condition.
     *
     * @param defaultValue the value when a use gives none, or {@code null} when every use must give one
     */
    public record Param(String name, ArgType type, JsonNode defaultValue, String description) {
    }

    /**
     * One named condition.
     *
     * @param types   the resource types it may be used at (the types of the scope of the use), empty for any
     * @param body    the condition, with {@code {arg: PARAM}} where the arguments go
     * @param doc     the file it is defined in, for messages
     * @param pointer where in {@code doc} the body is ({@code /conditions/NAME/condition})
     */
    public record Definition(String name, String description, List<String> types, Map<String, Param> params,
                             JsonNode body, YamlDocument doc, String pointer) {
        public Definition {
            types = List.copyOf(types);
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    private final Map<String, Definition> definitions;

    private NamedConditions(Map<String, Definition> definitions) {
        this.definitions = definitions;
    }

    /** No named conditions. */
    public static NamedConditions empty() {
        return EMPTY;
    }

    /** True when a file of that name holds named conditions rather than a rule. */
    public static boolean isConditionsFile(String fileName) {
        String n = fileName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return FILE_NAMES.contains(n);
    }

    /** The definition of that name, or {@code null}. */
    public Definition find(String name) {
        return definitions.get(name);
    }

    /** The names defined, in file order. */
    public Set<String> names() {
        return definitions.keySet();
    }

    /**
     * Reads conditions files; all of them form one set of names.
     *
     * @throws InvalidInputException naming file, line and column of every problem (a name defined twice included)
     */
    public static NamedConditions parse(List<YamlDocument> files) {
        List<Problem> problems = new ArrayList<>();
        NamedConditions out = parse(files, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return out;
    }

    /**
     * Reads conditions files, adding every problem to {@code problems}; returns the names defined, a definition with a
     * problem included (so that the rules using it report their own problems, not an unknown name).
     */
    public static NamedConditions parse(List<YamlDocument> files, List<Problem> problems) {
        Map<String, Definition> out = new LinkedHashMap<>();
        for (YamlDocument doc : files) {
            read(doc, out, problems);
        }
        return out.isEmpty() ? EMPTY : new NamedConditions(Collections.unmodifiableMap(out));
    }

    private static void read(YamlDocument doc, Map<String, Definition> out, List<Problem> problems) {
        JsonNode root = doc.root();
        if (!root.isObject() || !root.has("conditions")) {
            problems.add(doc.problem(doc.valueAt(""), "expected a conditions file: {apiVersion: " + RuleParser.API_VERSION
                    + ", conditions: {NAME: {description, params, condition}}}"));
            return;
        }
        unknownKeys(doc, root, "", FILE_KEYS, "a conditions file", problems);
        if (!RuleParser.API_VERSION.equals(root.path("apiVersion").asText(null))) {
            problems.add(doc.problem(doc.valueAt("/apiVersion"), "expected apiVersion: " + RuleParser.API_VERSION));
        }
        JsonNode all = root.get("conditions");
        if (!all.isObject()) {
            problems.add(doc.problem(doc.valueAt("/conditions"), "expected a mapping of names to {description, params, condition}"));
            return;
        }
        all.fields().forEachRemaining(e -> {
            String name = e.getKey();
            String ptr = "/conditions/" + name;
            JsonNode d = e.getValue();
            if (!NAME.matcher(name).matches()) {
                problems.add(doc.problem(doc.keyAt(ptr), "bad name '" + name + "': expected lowerCamelCase letters and digits"));
            }
            if (!d.isObject()) {
                problems.add(doc.problem(doc.valueAt(ptr), "expected {description, resource, params, condition}"));
                return;
            }
            unknownKeys(doc, d, ptr, DEFINITION_KEYS, "a named condition", problems);
            if (!d.path("description").isTextual()) {
                problems.add(doc.problem(doc.valueAt(ptr), "missing 'description': what the condition holds for, in words"));
            }
            if (!d.has("condition")) {
                problems.add(doc.problem(doc.valueAt(ptr), "missing 'condition': the condition this name stands for"));
                return;
            }
            List<String> types = new ArrayList<>();
            JsonNode r = d.get("resource");
            if (r != null) {
                if (r.isTextual()) {
                    types.add(r.asText());
                } else if (r.isArray()) {
                    r.forEach(t -> types.add(t.asText()));
                } else {
                    problems.add(doc.problem(doc.valueAt(ptr + "/resource"), "expected a resource type, a list of types, 'account' or 'region'"));
                }
            }
            types.replaceAll(t -> t.equals("account") ? io.trailguard.core.ResourceRef.ACCOUNT_TYPE
                    : t.equals("region") ? io.trailguard.core.ResourceRef.REGION_TYPE : t);
            Map<String, Param> params = params(doc, d.get("params"), ptr + "/params", problems);
            Set<String> used = new LinkedHashSet<>();
            args(doc, d.get("condition"), ptr + "/condition", params, used, problems);
            for (String p : params.keySet()) {
                if (!used.contains(p)) {
                    problems.add(doc.problem(doc.keyAt(ptr + "/params/" + p), "parameter '" + p + "' is never used: put {arg: "
                            + p + "} where its value goes, or remove it"));
                }
            }
            Definition prev = out.get(name);
            if (prev != null) {
                problems.add(doc.problem(doc.keyAt(ptr), "named condition '" + name + "' is defined twice: also in "
                        + prev.doc().source() + ":" + prev.doc().keyAt("/conditions/" + name).line()));
                return;
            }
            out.put(name, new Definition(name, d.path("description").asText(""), types, params, d.get("condition"), doc,
                    ptr + "/condition"));
        });
    }

    private static Map<String, Param> params(YamlDocument doc, JsonNode n, String ptr, List<Problem> problems) {
        Map<String, Param> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            problems.add(doc.problem(doc.valueAt(ptr), "expected a mapping of parameter names to {type, default, description}"));
            return out;
        }
        n.fields().forEachRemaining(e -> {
            String pp = ptr + "/" + e.getKey();
            JsonNode p = e.getValue();
            if (!p.isObject()) {
                problems.add(doc.problem(doc.valueAt(pp), "expected {type, default, description}"));
                return;
            }
            unknownKeys(doc, p, pp, PARAM_KEYS, "a parameter", problems);
            String t = p.path("type").asText("");
            ArgType type;
            try {
                type = ArgType.valueOf(t.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                List<String> kinds = List.of("string", "number", "boolean", "list", "condition");
                problems.add(doc.problem(doc.valueAt(pp + (p.has("type") ? "/type" : "")), "expected a type: one of "
                        + String.join(", ", kinds) + (t.isEmpty() ? "" : ", found '" + t + "'" + Suggestions.hint(t, kinds))));
                return;
            }
            JsonNode def = p.get("default");
            if (def != null && !type.fits(def)) {
                problems.add(doc.problem(doc.valueAt(pp + "/default"), "expected a " + type.text() + ", found " + def));
            }
            out.put(e.getKey(), new Param(e.getKey(), type, def, p.path("description").asText("")));
        });
        return out;
    }

    /** Checks that every {@code {arg: P}} of a body names a declared parameter, and notes which are used. */
    private static void args(YamlDocument doc, JsonNode n, String ptr, Map<String, Param> params, Set<String> used,
                             List<Problem> problems) {
        String arg = argName(n);
        if (arg != null) {
            if (!params.containsKey(arg)) {
                problems.add(doc.problem(doc.valueAt(ptr + "/arg"), "unknown parameter '" + arg + "'"
                        + Suggestions.hint(arg, params.keySet()) + (params.isEmpty() ? "; declare it under params:"
                        : "; declared: " + String.join(", ", params.keySet()))));
            }
            used.add(arg);
            return;
        }
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> args(doc, e.getValue(), ptr + "/" + e.getKey(), params, used, problems));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                args(doc, n.get(i), ptr + "/" + i, params, used, problems);
            }
        }
    }

    /** The parameter an {@code {arg: P}} node stands for, or {@code null} when the node is something else. */
    static String argName(JsonNode n) {
        return n.isObject() && n.size() == 1 && n.path("arg").isTextual() ? n.get("arg").asText() : null;
    }

    private static void unknownKeys(YamlDocument doc, JsonNode n, String ptr, Set<String> allowed, String what,
                                    List<Problem> problems) {
        n.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problems.add(doc.problem(doc.keyAt(ptr + "/" + k), "unknown key '" + k + "' in " + what
                        + Suggestions.hint(k, allowed) + "; expected " + String.join(", ", allowed)));
            }
        });
    }
}
