package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.diag.Suggestions;
import io.trailguard.core.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The named, parameterised conditions and fixes of a rule pack, read from its {@code conditions.yaml} files. A rule uses one as
 * {@code {use: NAME, with: {PARAM: VALUE}}} wherever a condition may stand; the rule parser expands it there, in the
 * scope of the use, into the ordinary condition tree ({@link ConditionParser}), so the evaluator never meets a name.
 * Here only the definitions' own shape is checked (keys, parameters, that every {@code {arg: P}} names a declared
 * parameter and every parameter is used); their names and operators are checked where they are used. A named fix
 * ({@code fixes:}, {@link FixDefinition}) is used as a rule's whole {@code fix: {use: NAME, with: {...}}}, likewise
 * expanded at parse time. The keys of the file, of a definition and of a parameter are {@link RuleGrammar}'s, from
 * which {@code conditions.schema.json} is generated too. Immutable.
 *
 * @since 0.3.0
 */
public final class NamedConditions {
    /** The file name that holds named conditions in a rule directory (or one of its parents). */
    public static final List<String> FILE_NAMES = List.of("conditions.yaml", "conditions.yml");
    static final Set<String> FILE_KEYS = RuleGrammar.CONDITIONS_FILE.keys();
    static final Set<String> DEFINITION_KEYS = RuleGrammar.NAMED_CONDITION.keys();
    static final Set<String> FIX_DEFINITION_KEYS = RuleGrammar.NAMED_FIX.keys();
    /** {@code ${PARAM}} inside a text of a named fix: the argument's text goes there. */
    static final Pattern TEXT_ARG = Pattern.compile("\\$\\{([^}]*)}");
    static final Set<String> PARAM_KEYS = RuleGrammar.NAMED_PARAM.keys();
    /** The names of named conditions (the rule schema's {@code use} takes the same, from {@link RuleGrammar}). */
    static final String NAME_PATTERN = "[a-z][A-Za-z0-9]*";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern RESOURCE_TYPE = Pattern.compile(RuleGrammar.RESOURCE_TYPE_PATTERN);
    private static final NamedConditions EMPTY = new NamedConditions(Map.of(), Map.of());

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

        ConditionUses.Origin origin() {
            return new ConditionUses.Origin("named condition", name, doc, pointer, "/conditions/" + name + "/params");
        }
    }

    /**
     * One named fix: a rule's whole {@code fix:} with {@code {arg: P}} and {@code ${P}} where the arguments go, and
     * the rule parameters its templates read ({@code ruleParams}, declared as under a rule's {@code params:}), which
     * every rule using it gets.
     *
     * @param ruleParams the rule parameters, or {@code null}
     * @param body       the fix ({@code /fixes/NAME/fix} in {@code doc})
     */
    public record FixDefinition(String name, String description, List<String> types, Map<String, Param> params,
                                JsonNode ruleParams, JsonNode body, YamlDocument doc) {
        public FixDefinition {
            types = List.copyOf(types);
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        ConditionUses.Origin origin(String part) {
            return new ConditionUses.Origin("named fix", name, doc, "/fixes/" + name + "/" + part, "/fixes/" + name + "/params");
        }
    }

    private final Map<String, Definition> definitions;
    private final Map<String, FixDefinition> fixes;

    private NamedConditions(Map<String, Definition> definitions, Map<String, FixDefinition> fixes) {
        this.definitions = definitions;
        this.fixes = fixes;
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

    /** The named fix of that name, or {@code null}. */
    public FixDefinition findFix(String name) {
        return fixes.get(name);
    }

    /** The names of the fixes defined, in file order. */
    public Set<String> fixNames() {
        return fixes.keySet();
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
        Map<String, FixDefinition> fixes = new LinkedHashMap<>();
        for (YamlDocument doc : files) {
            read(doc, out, problems);
            readFixes(doc, fixes, problems);
        }
        return out.isEmpty() && fixes.isEmpty() ? EMPTY
                : new NamedConditions(Collections.unmodifiableMap(out), Collections.unmodifiableMap(fixes));
    }

    /** True when a parsed file is a conditions file (named conditions, named fixes or both). */
    public static boolean isDefinitions(JsonNode root) {
        return root.isObject() && (root.has("conditions") || root.has("fixes"));
    }

    private static void read(YamlDocument doc, Map<String, Definition> out, List<Problem> problems) {
        JsonNode root = doc.root();
        if (!isDefinitions(root)) {
            problems.add(doc.problem(doc.valueAt(""), "expected a conditions file: {apiVersion: " + RuleParser.API_VERSION
                    + ", conditions: {NAME: " + braces(DEFINITION_KEYS) + "}, fixes: {NAME: " + braces(FIX_DEFINITION_KEYS)
                    + "}}"));
            return;
        }
        unknownKeys(doc, root, "", FILE_KEYS, "a conditions file", problems);
        if (!RuleParser.API_VERSION.equals(root.path("apiVersion").asText(null))) {
            problems.add(doc.problem(doc.valueAt("/apiVersion"), "expected apiVersion: " + RuleParser.API_VERSION));
        }
        if (!root.has("conditions")) {
            return;
        }
        JsonNode all = root.get("conditions");
        if (!all.isObject()) {
            problems.add(doc.problem(doc.valueAt("/conditions"), "expected a mapping of names to " + braces(DEFINITION_KEYS)));
            return;
        }
        all.fields().forEachRemaining(e -> {
            String name = e.getKey();
            String ptr = "/conditions/" + name;
            JsonNode d = e.getValue();
            if (!head(doc, name, ptr, d, DEFINITION_KEYS, "a named condition", "what the condition holds for", problems)) {
                return;
            }
            if (!d.has("condition")) {
                problems.add(doc.problem(doc.valueAt(ptr), "missing 'condition': the condition this name stands for"));
                return;
            }
            List<String> types = types(doc, d, ptr, problems);
            Map<String, Param> params = params(doc, d.get("params"), ptr + "/params", problems);
            Set<String> used = new LinkedHashSet<>();
            args(doc, d.get("condition"), ptr + "/condition", params, used, false, problems);
            unused(doc, ptr, params, used, "{arg: P}", problems);
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

    /** The {@code fixes:} section: each a rule's {@code fix:} with its parameters, and the rule parameters it reads. */
    private static void readFixes(YamlDocument doc, Map<String, FixDefinition> out, List<Problem> problems) {
        JsonNode all = doc.root().get("fixes");
        if (all == null) {
            return;
        }
        if (!all.isObject()) {
            problems.add(doc.problem(doc.valueAt("/fixes"), "expected a mapping of names to " + braces(FIX_DEFINITION_KEYS)));
            return;
        }
        all.fields().forEachRemaining(e -> {
            String name = e.getKey();
            String ptr = "/fixes/" + name;
            JsonNode d = e.getValue();
            if (!head(doc, name, ptr, d, FIX_DEFINITION_KEYS, "a named fix", "what the fix does", problems)) {
                return;
            }
            if (!d.path("fix").isObject()) {
                problems.add(doc.problem(doc.valueAt(ptr + (d.has("fix") ? "/fix" : "")),
                        "missing 'fix': the fix this name stands for, " + braces(FixParser.FIX_KEYS) + " as in a rule"));
                return;
            }
            JsonNode ruleParams = d.get("ruleParams");
            if (ruleParams != null && !ruleParams.isObject()) {
                problems.add(doc.problem(doc.valueAt(ptr + "/ruleParams"), "expected a mapping of rule parameter names to "
                        + braces(RuleGrammar.PARAM.keys()) + ", as under a rule's params:"));
                ruleParams = null;
            }
            List<String> types = types(doc, d, ptr, problems);
            Map<String, Param> params = params(doc, d.get("params"), ptr + "/params", problems);
            params.values().stream().filter(p -> p.type() == ArgType.CONDITION).forEach(p -> problems.add(doc.problem(
                    doc.valueAt(ptr + "/params/" + p.name() + "/type"), "a fix takes no condition: expected string, number, boolean or list")));
            Set<String> used = new LinkedHashSet<>();
            args(doc, d.get("fix"), ptr + "/fix", params, used, true, problems);
            if (ruleParams != null) {
                args(doc, ruleParams, ptr + "/ruleParams", params, used, true, problems);
            }
            unused(doc, ptr, params, used, "{arg: P} or ${P}", problems);
            FixDefinition prev = out.get(name);
            if (prev != null) {
                problems.add(doc.problem(doc.keyAt(ptr), "named fix '" + name + "' is defined twice: also in "
                        + prev.doc().source() + ":" + prev.doc().keyAt("/fixes/" + name).line()));
                return;
            }
            out.put(name, new FixDefinition(name, d.path("description").asText(""), types, params, ruleParams, d.get("fix"), doc));
        });
    }

    /**
     * The checks every definition starts with: its name, that it is a mapping of the known keys, its description.
     *
     * @return false when it is not a mapping (nothing more to check)
     */
    private static boolean head(YamlDocument doc, String name, String ptr, JsonNode d, Set<String> keys, String what,
                                String description, List<Problem> problems) {
        if (!NAME.matcher(name).matches()) {
            problems.add(doc.problem(doc.keyAt(ptr), "bad name '" + name + "': expected lowerCamelCase letters and digits"));
        }
        if (!d.isObject()) {
            problems.add(doc.problem(doc.valueAt(ptr), "expected " + braces(keys)));
            return false;
        }
        unknownKeys(doc, d, ptr, keys, what, problems);
        if (!d.path("description").isTextual()) {
            problems.add(doc.problem(doc.valueAt(ptr), "missing 'description': " + description + ", in words"));
        }
        return true;
    }

    /**
     * The resource types a definition may be used at, {@code account}/{@code region} as the rule parser names them:
     * as under a rule's {@code resource:} (and the schema, {@link RuleGrammar#NAMED_CONDITION}), a type, a non-empty
     * list of types, or one of the two words.
     */
    private static List<String> types(YamlDocument doc, JsonNode d, String ptr, List<Problem> problems) {
        List<String> types = new ArrayList<>();
        JsonNode r = d.get("resource");
        if (r == null) {
            return types;
        }
        if (r.isTextual() && (r.asText().equals("account") || r.asText().equals("region"))) {
            return List.of(r.asText().equals("account") ? ResourceRef.ACCOUNT_TYPE : ResourceRef.REGION_TYPE);
        }
        if (r.isTextual()) {
            types.add(r.asText());
        } else if (r.isArray() && !r.isEmpty()) {
            r.forEach(t -> types.add(t.asText()));
        } else {
            problems.add(doc.problem(doc.valueAt(ptr + "/resource"), "expected a resource type, a list of types, 'account' or 'region'"));
        }
        for (int i = 0; i < types.size(); i++) {
            String t = types.get(i);
            if (!RESOURCE_TYPE.matcher(t).matches()) {
                problems.add(doc.problem(doc.valueAt(ptr + "/resource" + (r.isArray() ? "/" + i : "")), "expected a resource "
                        + "type such as AWS::S3::Bucket (or 'account' / 'region' alone), found '" + t + "'"
                        + Suggestions.hint(t, List.of("account", "region"))));
            }
        }
        return types;
    }

    private static void unused(YamlDocument doc, String ptr, Map<String, Param> params, Set<String> used, String how,
                               List<Problem> problems) {
        for (String p : params.keySet()) {
            if (!used.contains(p)) {
                problems.add(doc.problem(doc.keyAt(ptr + "/params/" + p), "parameter '" + p + "' is never used: put "
                        + how.replace("P", p) + " where its value goes, or remove it"));
            }
        }
    }

    private static Map<String, Param> params(YamlDocument doc, JsonNode n, String ptr, List<Problem> problems) {
        Map<String, Param> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            problems.add(doc.problem(doc.valueAt(ptr), "expected a mapping of parameter names to " + braces(PARAM_KEYS)));
            return out;
        }
        n.fields().forEachRemaining(e -> {
            String pp = ptr + "/" + e.getKey();
            JsonNode p = e.getValue();
            if (!p.isObject()) {
                problems.add(doc.problem(doc.valueAt(pp), "expected " + braces(PARAM_KEYS)));
                return;
            }
            unknownKeys(doc, p, pp, PARAM_KEYS, "a parameter", problems);
            String t = p.path("type").asText("");
            ArgType type;
            try {
                type = ArgType.valueOf(t.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                List<String> kinds = Arrays.stream(ArgType.values()).map(ArgType::text).toList();
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

    /**
     * Checks that every {@code {arg: P}} of a body (and, with {@code inText}, every {@code ${P}} in its texts) names a
     * declared parameter, a text one of a string, number or boolean, and notes which are used.
     */
    private static void args(YamlDocument doc, JsonNode n, String ptr, Map<String, Param> params, Set<String> used,
                             boolean inText, List<Problem> problems) {
        String arg = argName(n);
        if (arg != null) {
            known(doc, arg, ptr + "/arg", params, problems);
            used.add(arg);
            return;
        }
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> args(doc, e.getValue(), ptr + "/" + e.getKey(), params, used, inText, problems));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                args(doc, n.get(i), ptr + "/" + i, params, used, inText, problems);
            }
        } else if (inText && n.isTextual()) {
            var m = TEXT_ARG.matcher(n.asText());
            while (m.find()) {
                String p = m.group(1);
                if (known(doc, p, ptr, params, problems)) {
                    if (params.get(p).type() == ArgType.LIST) {
                        problems.add(doc.problem(doc.valueAt(ptr), "${" + p + "} puts a list into a text: use {arg: " + p
                                + "} as the whole value, or make '" + p + "' a string"));
                    }
                }
                used.add(p);
            }
        }
    }

    private static boolean known(YamlDocument doc, String arg, String ptr, Map<String, Param> params, List<Problem> problems) {
        if (params.containsKey(arg)) {
            return true;
        }
        problems.add(doc.problem(doc.valueAt(ptr), "unknown parameter '" + arg + "'"
                + Suggestions.hint(arg, params.keySet()) + (params.isEmpty() ? "; declare it under params:"
                : "; declared: " + String.join(", ", params.keySet()))));
        return false;
    }

    /** The parameter an {@code {arg: P}} node stands for, or {@code null} when the node is something else. */
    static String argName(JsonNode n) {
        return n.isObject() && n.size() == 1 && n.path("arg").isTextual() ? n.get("arg").asText() : null;
    }

    /** Keys as the messages list them: {@code {a, b, c}}. */
    private static String braces(Set<String> keys) {
        return "{" + String.join(", ", keys) + "}";
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
