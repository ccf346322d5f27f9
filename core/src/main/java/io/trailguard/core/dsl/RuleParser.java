package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.Reference;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import io.trailguard.core.diag.Suggestions;
import io.trailguard.core.dsl.RuleDefinition.LetBinding;
import io.trailguard.core.dsl.RuleDefinition.ParamSpec;
import io.trailguard.core.dsl.RuleDefinition.ParamType;
import io.trailguard.core.dsl.RuleDefinition.RuleTest;
import io.trailguard.core.relation.RelationSet;
import io.trailguard.core.relation.Relations;
import io.trailguard.core.yaml.Position;
import io.trailguard.core.yaml.SafeYaml;
import io.trailguard.core.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates one rule file. Collects every problem (unknown key, unknown operator, bad JSONPath, bad
 * template, wrong type, unknown relation or parameter) with the file, line and column, what was expected, and a
 * "did you mean" hint, and throws them together.
 */
public final class RuleParser {
    public static final String API_VERSION = "trailguard/v1";
    private static final Pattern ID = Pattern.compile(RuleGrammar.ID_PATTERN);
    private static final Pattern RESOURCE_TYPE = Pattern.compile(RuleGrammar.RESOURCE_TYPE_PATTERN);
    private static final Pattern CIS_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Set<String> TOP_KEYS = RuleGrammar.RULE.keys();
    private static final Set<String> TEST_KEYS = RuleGrammar.TEST.keys();
    private static final Set<String> PARAM_KEYS = RuleGrammar.PARAM.keys();
    private static final Set<String> LET_KEYS = RuleGrammar.LET.keys();
    private final YamlDocument doc;
    private final Path file;
    /** The relations names may refer to: the built-in ones and those declared beside the rules. */
    private final RelationSet relations;
    private final NamedConditions namedConditions;
    private final ConditionUses uses;
    private final List<Problem> problems = new ArrayList<>();
    private Map<String, ParamSpec> params = Map.of();
    private final Map<String, LetBinding> lets = new LinkedHashMap<>();
    private final Map<String, String> letTypes = new LinkedHashMap<>();
    private List<String> subjectTypes = List.of();
    /** The scopes names are resolved in; made once the subject's types are known. */
    private Scopes scopes;
    private ConditionParser conditions;
    /** The templates of the fix, by their text, resolved in the subject's scope. */
    private final Map<String, Template> fixValueTemplates = new LinkedHashMap<>();

    /** The parameters declared so far, for the condition parser. */
    Map<String, ParamSpec> params() {
        return params;
    }

    /** The {@code let} bindings declared so far, and the types they lead to. */
    Map<String, LetBinding> lets() {
        return lets;
    }

    Map<String, String> letTypes() {
        return letTypes;
    }

    private RuleParser(YamlDocument doc, Path file, NamedConditions namedConditions, RelationSet relations) {
        this.doc = doc;
        this.file = file;
        this.namedConditions = namedConditions;
        this.relations = relations;
        this.uses = new ConditionUses(doc);
    }

    /** The named conditions the rule may use. */
    NamedConditions namedConditions() {
        return namedConditions;
    }

    /** The uses of named conditions expanded so far, for locating problems found in them. */
    ConditionUses uses() {
        return uses;
    }

    /**
     * Parses rule-file text.
     *
     * @param source the file name for messages
     * @param file   the file, to resolve test fixtures against; may be {@code null}
     * @throws InvalidInputException with every problem found
     */
    public static RuleDefinition parse(String source, String text, Path file) {
        return parse(SafeYaml.parse(source, text), file);
    }

    /**
     * Parses a rule file already read into a tree (with the same checks).
     *
     * @param file the file, to resolve test fixtures against; may be {@code null}
     * @throws InvalidInputException with every problem found
     */
    public static RuleDefinition parse(YamlDocument doc, Path file) {
        return parse(doc, file, NamedConditions.empty());
    }

    /**
     * Parses a rule file that may use the named conditions of its pack ({@code {use: NAME, with: {...}}}).
     *
     * @param file the file, to resolve test fixtures against; may be {@code null}
     * @throws InvalidInputException with every problem found, those inside a named condition at its line in the
     *                               conditions file and naming the use
     */
    public static RuleDefinition parse(YamlDocument doc, Path file, NamedConditions namedConditions) {
        return parse(doc, file, namedConditions, Relations.builtin());
    }

    /**
     * Parses a rule file that may use the named conditions of its pack and follow the relations of {@code relations}
     * (the built-in ones and those a user declared beside the rules).
     *
     * @throws InvalidInputException with every problem found
     */
    public static RuleDefinition parse(YamlDocument doc, Path file, NamedConditions namedConditions,
                                       RelationSet relations) {
        return new RuleParser(doc, file, namedConditions, relations).run();
    }

    private RuleDefinition run() {
        JsonNode root = doc.root();
        if (!root.isObject()) {
            throw new InvalidInputException(doc.problem(doc.valueAt(""), "expected a rule: a mapping with apiVersion, id, "
                    + "title, severity, resource, require, message"));
        }
        unknownKeys(root, "", TOP_KEYS, "a rule");
        String api = text(root, "apiVersion", "", true);
        if (api != null && !api.equals(API_VERSION)) {
            problem("/apiVersion", "unsupported apiVersion '" + api + "': expected " + API_VERSION);
        }
        String id = text(root, "id", "", true);
        if (id != null && !ID.matcher(id).matches()) {
            problem("/id", "bad rule id '" + id + "': expected letters, then '-' and a number, such as CT-03");
        }
        String title = text(root, "title", "", true);
        if (title != null && title.endsWith(".")) {
            problem("/title", "a title does not end with a period");
        }
        Severity severity = null;
        String sev = text(root, "severity", "", true);
        if (sev != null) {
            try {
                severity = Severity.parse(sev);
            } catch (IllegalArgumentException e) {
                problem("/severity", e.getMessage() + Suggestions.hint(sev, List.of("critical", "high", "medium", "low", "info")));
            }
        }
        RuleDefinition.Scope ruleScope = ruleScope(root.get("resource"));
        scopes = new Scopes(subjectTypes, lets, relations);
        conditions = new ConditionParser(this, scopes);
        String description = text(root, "description", "", true);
        List<Reference> references = references(root.get("references"));
        NamedFixUse fixUse = fixUse(root.get("fix"));
        params = params(root.get("params"), "/params");
        if (fixUse != null && fixUse.ruleParams() != null) {
            Map<String, ParamSpec> all = new LinkedHashMap<>(params);
            params(fixUse.ruleParams().body(), fixUse.ruleParams().pointer()).forEach((k, v) -> {
                if (all.putIfAbsent(k, v) != null) {
                    problem("/params/" + k, "parameter '" + k + "' is already declared by the fix '" + fixUse.name()
                            + "' this rule uses (its ruleParams); remove it here", true);
                }
            });
            params = all;
        }
        lets(root.get("let"));
        Condition when = root.has("when") ? conditions.condition(root.get("when"), "/when") : null;
        Condition require = null;
        if (!root.has("require")) {
            problem("", "missing required key 'require': the condition a compliant resource meets");
        } else {
            require = conditions.condition(root.get("require"), "/require");
        }
        Template message = template(root, "message", "", true);
        Template passMessage = template(root, "passMessage", "", false);
        FixSpec fix = fixUse != null ? fix(fixUse.fix().body(), fixUse.fix().pointer())
                : root.has("fix") && root.get("fix").has("use") ? null : fix(root.get("fix"), "/fix");
        List<RuleTest> tests = tests(root.get("tests"));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new RuleDefinition(id, title, severity, ruleScope, subjectTypes, description.strip(), references, params,
                lets, when, require, message, passMessage, fix, tests, file, fixValueTemplates);
    }

    // ---- top level -------------------------------------------------------------------------------------------

    private RuleDefinition.Scope ruleScope(JsonNode n) {
        if (n == null) {
            problem("", "missing required key 'resource': a resource type such as AWS::CloudTrail::Trail, a list of "
                    + "types, 'account' or 'region'");
            return RuleDefinition.Scope.RESOURCE;
        }
        if (n.isTextual() && n.asText().equals("account")) {
            subjectTypes = List.of(ResourceRef.ACCOUNT_TYPE);
            return RuleDefinition.Scope.ACCOUNT;
        }
        if (n.isTextual() && n.asText().equals("region")) {
            subjectTypes = List.of(ResourceRef.REGION_TYPE);
            return RuleDefinition.Scope.REGION;
        }
        List<String> types = new ArrayList<>();
        if (n.isTextual()) {
            types.add(n.asText());
        } else if (n.isArray() && !n.isEmpty()) {
            n.forEach(t -> types.add(t.asText()));
        } else {
            problem("/resource", "expected a resource type, a list of types, 'account' or 'region'");
        }
        for (String t : types) {
            if (!RESOURCE_TYPE.matcher(t).matches()) {
                problem("/resource", "expected a resource type such as AWS::S3::Bucket (or 'account' / 'region'), found '"
                        + t + "'" + Suggestions.hint(t, List.of("account", "region")));
            }
        }
        subjectTypes = List.copyOf(types);
        return RuleDefinition.Scope.RESOURCE;
    }

    private List<Reference> references(JsonNode n) {
        List<Reference> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!n.isArray()) {
            problem("/references", "expected a list of references: {cis: \"3.0.0/3.2\"}, {securityhub: CloudTrail.4}, {doc: URL}");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode r = n.get(i);
            String ptr = "/references/" + i;
            if (!r.isObject()) {
                problem(ptr, "expected {cis: \"VERSION/CONTROL\"}, {securityhub: CONTROL} or {doc: URL, title: TEXT}");
                continue;
            }
            unknownKeys(r, ptr, RuleGrammar.REFERENCE.keys(), "a reference");
            String title = r.hasNonNull("title") ? r.get("title").asText() : null;
            if (r.has("cis")) {
                String v = r.get("cis").asText();
                String[] parts = v.split("/", 2);
                if (parts.length != 2 || !CIS_VERSION.matcher(parts[0]).matches()) {
                    problem(ptr + "/cis", "expected \"VERSION/CONTROL\" such as \"3.0.0/3.2\", found '" + v + "'");
                    continue;
                }
                out.add(new Reference("cis", v, "CIS AWS Foundations Benchmark v" + parts[0] + ", control " + parts[1], null));
            } else if (r.has("securityhub")) {
                String v = r.get("securityhub").asText();
                int dot = v.indexOf('.');
                if (dot <= 0) {
                    problem(ptr + "/securityhub", "expected a Security Hub control id such as CloudTrail.4, found '" + v + "'");
                    continue;
                }
                String service = v.substring(0, dot).toLowerCase(Locale.ROOT);
                out.add(new Reference("securityhub", v, "AWS Security Hub control " + v,
                        "https://docs.aws.amazon.com/securityhub/latest/userguide/" + service + "-controls.html#"
                                + v.toLowerCase(Locale.ROOT).replace('.', '-')));
            } else if (r.has("doc")) {
                String url = r.get("doc").asText();
                if (!url.startsWith("https://")) {
                    problem(ptr + "/doc", "expected an https:// URL, found '" + url + "'");
                    continue;
                }
                out.add(new Reference("doc", url, title != null ? title : url, url));
            } else {
                problem(ptr, "expected one of cis, securityhub or doc");
            }
        }
        return out;
    }

    /** A rule's {@code fix: {use: NAME, with: {...}}}: the named fix and its rule parameters, expanded. */
    private record NamedFixUse(String name, ConditionUses.Expanded fix, ConditionUses.Expanded ruleParams) {
    }

    /**
     * The named fix a rule's {@code fix:} uses, expanded with its arguments, or {@code null} when the fix is written
     * out (or has problems, reported).
     */
    private NamedFixUse fixUse(JsonNode n) {
        if (n == null || !n.isObject() || !n.has("use")) {
            return null;
        }
        unknownKeys(n, "/fix", RuleGrammar.FIX_USE.keys(), "a fix that uses a named fix");
        String name = n.get("use").asText("");
        NamedConditions.FixDefinition def = namedConditions.findFix(name);
        if (def == null) {
            Set<String> known = namedConditions.fixNames();
            problem("/fix/use", "unknown named fix '" + name + "'" + Suggestions.hint(name, known)
                    + (known.isEmpty() ? "; none is defined: the fixes: of a conditions.yaml in the rule directory (or a "
                    + "parent directory) define them" : "; defined: " + String.join(", ", known)));
            return null;
        }
        boolean ok = true;
        if (!def.types().isEmpty() && !def.types().containsAll(subjectTypes)) {
            problem("/fix/use", "named fix '" + name + "' is for " + String.join(", ", def.types()) + ", used here at "
                    + String.join(", ", subjectTypes));
            ok = false;
        }
        List<String> given = new ArrayList<>();
        Map<String, JsonNode> args = ConditionUses.bind("named fix", name, def.params(), n.get("with"), "/fix", given,
                this::problem);
        if (!ok || args == null) {
            return null;
        }
        ConditionUses.Expanded fix = uses.expand(def.origin("fix"), def.body(), "/fix", args, given, true);
        ConditionUses.Expanded ruleParams = def.ruleParams() == null ? null
                : uses.expand(def.origin("ruleParams"), def.ruleParams(), "/fix", args, given, true);
        return new NamedFixUse(name, fix, ruleParams);
    }

    private Map<String, ParamSpec> params(JsonNode n, String base) {
        Map<String, ParamSpec> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            problem(base, "expected a mapping of parameter names to {type, default, description}");
            return out;
        }
        n.fields().forEachRemaining(e -> {
            String ptr = base + "/" + e.getKey();
            JsonNode p = e.getValue();
            if (!p.isObject()) {
                problem(ptr, "expected {type, default, description}");
                return;
            }
            unknownKeys(p, ptr, PARAM_KEYS, "a parameter");
            String typeName = text(p, "type", ptr, true);
            ParamType type = null;
            if (typeName != null) {
                try {
                    type = ParamType.valueOf(typeName.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    problem(ptr + "/type", "unknown parameter type '" + typeName + "': expected string, number, boolean, "
                            + "duration or list" + Suggestions.hint(typeName, List.of("string", "number", "boolean", "duration", "list")));
                }
            }
            JsonNode def = p.get("default");
            String from = p.hasNonNull("from") ? p.get("from").asText() : null;
            if (from != null && !io.trailguard.core.fix.render.SnapshotDefaults.KINDS.contains(from)) {
                problem(ptr + "/from", "unknown derivation '" + from + "': expected one of "
                        + String.join(", ", io.trailguard.core.fix.render.SnapshotDefaults.KINDS)
                        + Suggestions.hint(from, io.trailguard.core.fix.render.SnapshotDefaults.KINDS));
            }
            if (def == null && type != ParamType.STRING && type != ParamType.LIST) {
                problem(ptr, "missing required key 'default' (only a string or list parameter naming the user's resources may have none)");
            } else if (def != null && type != null) {
                Optional<String> bad = checkParamValue(type, def);
                bad.ifPresent(msg -> problem(ptr + "/default", msg));
            }
            String description = text(p, "description", ptr, true);
            if (type != null) {
                out.put(e.getKey(), new ParamSpec(e.getKey(), type, def, description == null ? "" : description, from,
                        p.hasNonNull("near") ? p.get("near").asText() : null));
            }
        });
        return out;
    }

    /** Why a value does not fit a parameter type, if it does not. */
    public static Optional<String> checkParamValue(ParamType type, JsonNode v) {
        boolean ok = switch (type) {
            case STRING -> v.isTextual();
            case NUMBER -> v.isNumber();
            case BOOLEAN -> v.isBoolean();
            case DURATION -> v.isTextual() && Durations.parse(v.asText()) != null;
            case LIST -> v.isArray();
        };
        return ok ? Optional.empty() : Optional.of("expected a " + type.name().toLowerCase(Locale.ROOT)
                + (type == ParamType.DURATION ? " such as 1h, 90d or PT1H" : "") + ", found " + v);
    }

    private void lets(JsonNode n) {
        if (n == null) {
            return;
        }
        if (!n.isObject()) {
            problem("/let", "expected a mapping of names to {related: RELATION, where: CONDITION}");
            return;
        }
        n.fields().forEachRemaining(e -> {
            String ptr = "/let/" + e.getKey();
            JsonNode l = e.getValue();
            if (!l.isObject()) {
                problem(ptr, "expected {related: RELATION, where: CONDITION}");
                return;
            }
            unknownKeys(l, ptr, LET_KEYS, "a let binding");
            String relation = text(l, "related", ptr, true);
            if (relation == null) {
                return;
            }
            Name.Follow follow = conditions.relationType(relation, ptr + "/related");
            if (follow == null) {
                return;
            }
            String toType = Scopes.toType(follow);
            letTypes.put(e.getKey(), toType);
            Condition where = null;
            if (l.has("where")) {
                Scopes.Scope outer = scopes.enter(e.getKey(), toType);
                try {
                    where = conditions.condition(l.get("where"), ptr + "/where");
                } finally {
                    scopes.restore(outer);
                }
            }
            if (relations.namesFor(subjectTypes.get(0)).contains(e.getKey())) {
                problem(ptr, "'" + e.getKey() + "' is already a relation of " + subjectTypes.get(0) + "; choose another name");
            }
            lets.put(e.getKey(), new LetBinding(e.getKey(), follow, where, lets.size()));
        });
    }

    private FixSpec fix(JsonNode n, String base) {
        RuleParser self = this;
        return new FixParser(new FixParser.Context() {
            @Override
            public Template compile(String text, String pointer) {
                Template t = compileTemplate(text, pointer);
                if (t != null) {
                    fixValueTemplates.put(text, t);
                }
                return t;
            }

            @Override
            public void problem(String pointer, String message) {
                self.problem(pointer, message);
            }

            @Override
            public void unknownKeys(JsonNode node, String pointer, Set<String> allowed, String what) {
                self.unknownKeys(node, pointer, allowed, what);
            }

            @Override
            public Name target(String name) {
                return scopes.resolve(name, false);
            }

            @Override
            public Set<String> targets() {
                return new LinkedHashSet<>(scopes.visibleNames(false));
            }

            @Override
            public Condition condition(JsonNode node, String pointer) {
                return conditions.condition(node, pointer);
            }

            @Override
            public int line(String pointer) {
                return doc.valueAt(pointer.startsWith("#") ? "/fix" : pointer).line(); // a named fix: the line of its use
            }

            @Override
            public void bindEach(boolean bound) {
                scopes.bindEach(bound);
            }
        }).parse(n, base);
    }

    private List<RuleTest> tests(JsonNode n) {
        List<RuleTest> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!n.isArray()) {
            problem("/tests", "expected a list of test cases {name, given, expect}");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            String ptr = "/tests/" + i;
            JsonNode t = n.get(i);
            if (!t.isObject()) {
                problem(ptr, "expected a test case {name, given, expect}");
                continue;
            }
            unknownKeys(t, ptr, TEST_KEYS, "a test case");
            String name = text(t, "name", ptr, true);
            JsonNode given = t.get("given");
            String givenFile = null;
            JsonNode inline = null;
            if (given == null) {
                problem(ptr, "missing required key 'given': a snapshot file (relative to the rule file) or an inline snapshot");
            } else if (given.isTextual()) {
                givenFile = given.asText();
            } else if (given.isObject()) {
                inline = given;
                if (given.has("base")) {
                    leanGiven(given, ptr + "/given");
                }
            } else {
                problem(ptr + "/given", "expected a snapshot file name or an inline snapshot mapping");
            }
            Map<String, JsonNode> overrides = new LinkedHashMap<>();
            JsonNode ps = t.get("params");
            if (ps != null) {
                if (!ps.isObject()) {
                    problem(ptr + "/params", "expected a mapping of parameter names to values");
                } else {
                    ps.fields().forEachRemaining(e -> {
                        ParamSpec spec = params.get(e.getKey());
                        if (spec == null) {
                            problem(ptr + "/params/" + e.getKey(), "unknown parameter '" + e.getKey() + "'"
                                    + Suggestions.hint(e.getKey(), params.keySet()));
                        } else {
                            checkParamValue(spec.type(), e.getValue()).ifPresent(m -> problem(ptr + "/params/" + e.getKey(), m));
                            overrides.put(e.getKey(), e.getValue());
                        }
                    });
                }
            }
            Status all = null;
            Map<Status, List<String>> byStatus = new EnumMap<>(Status.class);
            JsonNode expect = t.get("expect");
            if (expect == null) {
                problem(ptr, "missing required key 'expect': a status (PASS, FAIL, UNKNOWN, NOT_APPLICABLE) or a mapping "
                        + "of statuses to resource ids");
            } else if (expect.isTextual()) {
                all = status(expect.asText(), ptr + "/expect");
            } else if (expect.isObject()) {
                expect.fields().forEachRemaining(e -> {
                    Status s = status(e.getKey(), ptr + "/expect/" + e.getKey());
                    List<String> ids = new ArrayList<>();
                    if (e.getValue().isArray()) {
                        e.getValue().forEach(x -> ids.add(x.asText()));
                    } else if (e.getValue().isTextual()) {
                        ids.add(e.getValue().asText());
                    } else {
                        problem(ptr + "/expect/" + e.getKey(), "expected a list of resource ids or names");
                    }
                    if (s != null) {
                        byStatus.put(s, ids);
                    }
                });
            } else {
                problem(ptr + "/expect", "expected a status or a mapping of statuses to resource ids");
            }
            if (name != null && (givenFile != null || inline != null) && (all != null || !byStatus.isEmpty())) {
                out.add(new RuleTest(name, givenFile, inline, overrides, all, byStatus, doc.valueAt(ptr).line()));
            }
        }
        return out;
    }

    /** {@code given: {base: FILE, patch: [operations] | FILE}}: a lean fixture (docs/rule-dsl.md, "Lean fixtures"). */
    private void leanGiven(JsonNode given, String ptr) {
        unknownKeys(given, ptr, Set.of("base", "patch"), "a lean fixture {base, patch}");
        if (!given.get("base").isTextual()) {
            problem(ptr + "/base", "expected the file name of the fixture this test changes");
        }
        JsonNode patch = given.get("patch");
        if (patch != null && !patch.isArray() && !patch.isTextual()) {
            problem(ptr + "/patch", "expected a list of operations {op, at, value} or the name of a file holding one");
        }
    }

    private Status status(String s, String ptr) {
        try {
            return Status.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(ptr, "unknown status '" + s + "': expected PASS, FAIL, UNKNOWN or NOT_APPLICABLE"
                    + Suggestions.hint(s, List.of("PASS", "FAIL", "UNKNOWN", "NOT_APPLICABLE")));
            return null;
        }
    }

    // ---- templates and scalars -------------------------------------------------------------------------------

    Template template(JsonNode parent, String key, String ptr, boolean required) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                problem(ptr, "missing required key '" + key + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            problem(ptr + "/" + key, "expected text, found " + v);
            return null;
        }
        return compileTemplate(v.asText().strip(), ptr + "/" + key);
    }

    List<Template> templates(JsonNode v, String ptr) {
        List<Template> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isTextual()) {
            Template t = compileTemplate(v.asText().strip(), ptr);
            if (t != null) {
                out.add(t);
            }
            return out;
        }
        if (!v.isArray()) {
            problem(ptr, "expected a list of texts");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                problem(ptr + "/" + i, "expected text");
                continue;
            }
            Template t = compileTemplate(v.get(i).asText().strip(), ptr + "/" + i);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** Compiles a template and resolves the root of each placeholder in the current scope. */
    Template compileTemplate(String text, String ptr) {
        Template t;
        try {
            t = Template.compile(text);
        } catch (IllegalArgumentException e) {
            problem(ptr, e.getMessage());
            return null;
        }
        return t.bind(e -> {
            Name name = scopes.resolve(e.root(), true);
            if (name == null) {
                List<String> known = scopes.visibleNames(true);
                problem(ptr, "unknown name '" + e.root() + "' in {{ " + e.text() + " }} for "
                        + String.join(", ", scopes.types()) + Suggestions.hint(e.root(), known) + "; known here: "
                        + String.join(", ", known));
            } else if (name == Name.Root.PARAMS && (e.fields().isEmpty() || !params.containsKey(e.fields().get(0)))) {
                String p = e.fields().isEmpty() ? "" : e.fields().get(0);
                problem(ptr, "unknown parameter '" + p + "' in {{ " + e.text() + " }}" + Suggestions.hint(p, params.keySet()));
            }
            return name;
        });
    }

    private String text(JsonNode parent, String key, String ptr, boolean required) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                problem(ptr, "missing required key '" + key + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            problem(ptr + "/" + key, "expected text, found " + v + (v.isBoolean() || v.isNumber() ? " (quote it)" : ""));
            return null;
        }
        return v.asText();
    }

    void unknownKeys(JsonNode n, String ptr, Set<String> allowed, String what) {
        n.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problem(ptr + "/" + k, "unknown key '" + k + "' in " + what + Suggestions.hint(k, allowed)
                        + "; expected " + String.join(", ", allowed), true);
            }
        });
    }

    void problem(String pointer, String message) {
        problem(pointer, message, false);
    }

    void problem(String pointer, String message, boolean atKey) {
        ConditionUses.Location at = uses.locate(pointer);
        Position pos = atKey ? at.doc().keyAt(at.pointer()) : at.doc().valueAt(at.pointer());
        problems.add(at.doc().problem(pos, message + at.via()));
    }

    /** A default value for an absent field, for callers that build values. */
    static JsonNode nullNode() {
        return JsonNodeFactory.instance.nullNode();
    }
}
