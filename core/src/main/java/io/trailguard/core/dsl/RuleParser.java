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
import io.trailguard.core.dsl.Condition.Quantifier;
import io.trailguard.core.dsl.RuleDefinition.LetBinding;
import io.trailguard.core.dsl.RuleDefinition.ParamSpec;
import io.trailguard.core.dsl.RuleDefinition.ParamType;
import io.trailguard.core.dsl.RuleDefinition.RuleTest;
import io.trailguard.core.relation.Relation;
import io.trailguard.core.logs.SampleEvents;
import io.trailguard.core.relation.Relations;
import io.trailguard.core.yaml.Position;
import io.trailguard.core.policy.Delivery;
import io.trailguard.core.policy.DeliveryCatalogue;
import io.trailguard.core.yaml.SafeYaml;
import io.trailguard.core.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
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
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)+");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+");
    private static final Pattern CIS_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Set<String> TOP_KEYS = new LinkedHashSet<>(List.of("apiVersion", "id", "title", "severity",
            "resource", "description", "references", "params", "let", "when", "require", "message", "passMessage",
            "fix", "tests"));
    private static final Set<String> TEST_KEYS = Set.of("name", "given", "params", "expect");
    private static final Set<String> PARAM_KEYS = Set.of("type", "default", "description", "from", "near");
    private static final Set<String> LET_KEYS = Set.of("related", "where");
    private static final Set<String> COMBINATORS = Set.of("all", "any", "not");
    private static final Set<String> QUANTIFIERS = Set.of("every", "some", "none");
    private static final Set<String> RELATED_KEYS = Set.of("related", "where", "that", "every", "some", "none",
            "exists", "count", "distinct");
    // ordered: the names appear in messages, which must not change from run to run (Set.of iterates in a random order)
    private static final Set<String> FIXED_ROOTS = java.util.Collections.unmodifiableSet(
            new LinkedHashSet<>(List.of("self", "params", "account", "snapshot", "missing")));
    private static final Set<String> CONDITION_KEYS;

    static {
        Set<String> keys = new LinkedHashSet<>(COMBINATORS);
        keys.addAll(RELATED_KEYS);
        keys.addAll(List.of("path", "value", "default", "because", "access", "is", "public", "who_may", "matches_events"));
        keys.addAll(Operator.keys());
        CONDITION_KEYS = keys;
    }

    private final YamlDocument doc;
    private final Path file;
    private final List<Problem> problems = new ArrayList<>();
    private Map<String, ParamSpec> params = Map.of();
    private final Map<String, LetBinding> lets = new LinkedHashMap<>();
    private final Map<String, String> letTypes = new LinkedHashMap<>();
    private List<String> subjectTypes = List.of();
    /** The scope names are resolved in: the subject's, or that of the {@code related:} being parsed. */
    private Scope scope;
    /** The templates inside the values of fix changes, by their text, resolved in the subject's scope. */
    private final Map<String, Template> fixValueTemplates = new LinkedHashMap<>();

    /**
     * A scope of names: the subject (depth 0) or the resource a {@code related:} or a {@code let}'s {@code where} is
     * at, bound under {@code name}, of one of {@code types}.
     */
    private record Scope(String name, List<String> types, Scope outer, int depth) {
        Scope inner(String boundName, String type) {
            return new Scope(boundName, List.of(type), this, depth + 1);
        }
    }

    private RuleParser(YamlDocument doc, Path file) {
        this.doc = doc;
        this.file = file;
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
        return new RuleParser(doc, file).run();
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
        scope = new Scope("self", subjectTypes, null, 0);
        String description = text(root, "description", "", true);
        List<Reference> references = references(root.get("references"));
        params = params(root.get("params"));
        lets(root.get("let"));
        Condition when = root.has("when") ? condition(root.get("when"), "/when") : null;
        Condition require = null;
        if (!root.has("require")) {
            problem("", "missing required key 'require': the condition a compliant resource meets");
        } else {
            require = condition(root.get("require"), "/require");
        }
        Template message = template(root, "message", "", true);
        Template passMessage = template(root, "passMessage", "", false);
        FixSpec fix = fix(root.get("fix"));
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
            unknownKeys(r, ptr, Set.of("cis", "securityhub", "doc", "title"), "a reference");
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

    private Map<String, ParamSpec> params(JsonNode n) {
        Map<String, ParamSpec> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            problem("/params", "expected a mapping of parameter names to {type, default, description}");
            return out;
        }
        n.fields().forEachRemaining(e -> {
            String ptr = "/params/" + e.getKey();
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
            Name.Follow follow = relationType(relation, scope, ptr + "/related");
            if (follow == null) {
                return;
            }
            String toType = toType(follow);
            letTypes.put(e.getKey(), toType);
            Condition where = null;
            if (l.has("where")) {
                Scope outer = scope;
                scope = outer.inner(e.getKey(), toType);
                try {
                    where = condition(l.get("where"), ptr + "/where");
                } finally {
                    scope = outer;
                }
            }
            if (Relations.namesFor(subjectTypes.get(0)).contains(e.getKey())) {
                problem(ptr, "'" + e.getKey() + "' is already a relation of " + subjectTypes.get(0) + "; choose another name");
            }
            lets.put(e.getKey(), new LetBinding(e.getKey(), follow, where, lets.size()));
        });
    }

    private FixSpec fix(JsonNode n) {
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
                return resolve(name, false);
            }

            @Override
            public Set<String> targets() {
                return new LinkedHashSet<>(visibleNames(false));
            }

            @Override
            public int line(String pointer) {
                return doc.valueAt(pointer).line();
            }
        }).parse(n);
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

    private Status status(String s, String ptr) {
        try {
            return Status.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(ptr, "unknown status '" + s + "': expected PASS, FAIL, UNKNOWN or NOT_APPLICABLE"
                    + Suggestions.hint(s, List.of("PASS", "FAIL", "UNKNOWN", "NOT_APPLICABLE")));
            return null;
        }
    }

    // ---- conditions ------------------------------------------------------------------------------------------

    private Condition condition(JsonNode n, String ptr) {
        if (n == null || !n.isObject()) {
            problem(ptr, "expected a condition: {all: [...]}, {any: [...]}, {not: ...}, {path: $.X, OPERATOR: VALUE}, "
                    + "or {related: NAME, ...}");
            return null;
        }
        Set<String> keys = new LinkedHashSet<>();
        n.fieldNames().forEachRemaining(keys::add);
        boolean unknownKey = false;
        for (String k : keys) {
            if (!CONDITION_KEYS.contains(k)) {
                unknownKey = true;
                String hint = Suggestions.hint(k, CONDITION_KEYS);
                problem(ptr + "/" + k, (Operator.byKey(k).isEmpty() && hint.isEmpty() ? "unknown key '" + k + "'"
                        : "unknown operator or key '" + k + "'") + hint + "; operators are " + String.join(", ", Operator.keys()),
                        true);
            }
        }
        Template because = keys.contains("because") ? template(n, "because", ptr, true) : null;
        keys.remove("because");
        Set<String> combinators = intersect(keys, COMBINATORS);
        if (!combinators.isEmpty()) {
            if (keys.size() > 1) {
                problem(ptr, "'" + combinators.iterator().next() + "' must stand alone in its mapping; found also "
                        + String.join(", ", minus(keys, combinators)));
                return null;
            }
            String k = combinators.iterator().next();
            JsonNode v = n.get(k);
            if (k.equals("not")) {
                Condition c = condition(v, ptr + "/not");
                return c == null ? null : new Condition.Not(c, because, ptr);
            }
            if (!v.isArray() || v.isEmpty()) {
                problem(ptr + "/" + k, "'" + k + "' takes a non-empty list of conditions");
                return null;
            }
            List<Condition> children = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                Condition c = condition(v.get(i), ptr + "/" + k + "/" + i);
                if (c != null) {
                    children.add(c);
                }
            }
            return k.equals("all") ? new Condition.All(children, because, ptr) : new Condition.Any(children, because, ptr);
        }
        if (keys.contains("access")) {
            return access(n, ptr, keys, because);
        }
        if (keys.contains("public")) {
            only(keys, Set.of("public"), ptr);
            PolicyRefOrNull ref = policyRef(n.get("public"), ptr + "/public");
            return ref.ref() == null ? null : new Condition.Public(ref.ref(), because, ptr);
        }
        if (keys.contains("who_may")) {
            return whoMay(n, ptr, keys, because);
        }
        if (keys.contains("matches_events")) {
            return matchesEvents(n, ptr, keys, because);
        }
        if (keys.contains("related")) {
            return related(n, ptr, keys, because);
        }
        if (!keys.contains("path") && !keys.contains("value")) {
            problem(ptr, "a condition needs 'path' (a JSONPath such as $.IsLogging) or 'value' (a template), "
                    + "or all / any / not / related");
            return null;
        }
        PathSelector path = null;
        if (keys.contains("path")) {
            path = path(n.get("path"), ptr + "/path");
        }
        Template value = keys.contains("value") ? template(n, "value", ptr, true) : null;
        if (path != null && value != null) {
            problem(ptr, "use either 'path' or 'value', not both");
        }
        Set<String> quantifiers = intersect(keys, QUANTIFIERS);
        Set<String> operators = new LinkedHashSet<>();
        keys.forEach(k -> Operator.byKey(k).ifPresent(o -> operators.add(k)));
        if (!quantifiers.isEmpty()) {
            if (path == null) {
                if (value != null) {
                    problem(ptr, "every / some / none need a 'path'");
                }
                return null;
            }
            if (quantifiers.size() + operators.size() > 1) {
                problem(ptr, "use one of every / some / none, without an operator beside it (put the operator inside)");
                return null;
            }
            String q = quantifiers.iterator().next();
            Condition each = condition(n.get(q), ptr + "/" + q);
            return each == null ? null : new Condition.Quantified(path, Quantifier.valueOf(q.toUpperCase(Locale.ROOT)), each, because, ptr);
        }
        if (operators.size() != 1) {
            if (operators.isEmpty() && unknownKey) {
                return null; // the misspelt operator is already reported
            }
            if (operators.isEmpty()) {
                problem(ptr, "missing an operator: one of " + String.join(", ", Operator.keys()));
            } else {
                problem(ptr, "one operator per condition, found " + String.join(", ", operators) + "; combine them with all / any");
            }
            return null;
        }
        if (path != null && !path.isDefinite()) {
            problem(ptr + "/path", "the path " + path.text() + " can select several values: say which must hold with "
                    + "every, some or none, e.g. {path: " + path.text() + ", some: {" + operators.iterator().next() + ": ...}}");
            return null;
        }
        if (path == null && value == null) {
            return null;
        }
        Operator op = Operator.byKey(operators.iterator().next()).orElseThrow();
        Condition.Selection left = path != null ? new Condition.PathSelection(path) : new Condition.ValueSelection(value);
        return compare(n, ptr, left, op, because);
    }

    private Condition compare(JsonNode n, String ptr, Condition.Selection left, Operator op, Template because) {
        String opPtr = ptr + "/" + op.key();
        JsonNode raw = n.get(op.key());
        JsonNode def = n.get("default");
        Operand operand;
        switch (op) {
            case EXISTS, ABSENT -> {
                if (!raw.isBoolean() || (op == Operator.ABSENT && !raw.asBoolean())) {
                    problem(opPtr, op == Operator.EXISTS ? "'exists' takes true or false" : "'absent' takes true");
                    return null;
                }
                if (def != null) {
                    problem(ptr + "/default", "'default' makes no sense with " + op.key());
                }
                return new Condition.Presence(left, op == Operator.EXISTS && raw.asBoolean(), because, ptr);
            }
            case SIZE -> {
                if (!raw.isObject() || raw.isEmpty()) {
                    problem(opPtr, "'size' takes numeric comparisons such as {at_least: 1}");
                    return null;
                }
                return new Condition.Size(left, numericChecks(raw, opPtr), def, because, ptr);
            }
            case IN, NOT_IN, LIKE, NOT_LIKE -> {
                operand = operand(raw, opPtr);
                if (operand instanceof Operand.Literal l && !l.value().isArray()) {
                    problem(opPtr, "'" + op.key() + "' takes a list of values");
                }
            }
            case MATCHES -> {
                operand = operand(raw, opPtr);
                if (operand instanceof Operand.Literal l) {
                    if (!l.value().isTextual()) {
                        problem(opPtr, "'matches' takes a regular expression string");
                        return null;
                    }
                    try {
                        operand = new Operand.Regex(com.google.re2j.Pattern.compile(l.value().asText()));
                    } catch (com.google.re2j.PatternSyntaxException e) {
                        problem(opPtr, "not a valid regular expression (RE2 syntax): " + e.getDescription());
                    }
                }
            }
            case GREATER_THAN, LESS_THAN, AT_LEAST, AT_MOST -> {
                operand = operand(raw, opPtr);
                if (operand instanceof Operand.Literal l && !l.value().isNumber()) {
                    problem(opPtr, "'" + op.key() + "' takes a number, found " + l.value());
                }
            }
            case OLDER_THAN, NEWER_THAN -> {
                operand = operand(raw, opPtr);
                if (operand instanceof Operand.Literal l && (!l.value().isTextual() || Durations.parse(l.value().asText()) == null)) {
                    problem(opPtr, "'" + op.key() + "' takes a duration such as 1h, 90d or PT1H, found " + l.value());
                }
                if (operand instanceof Operand.Param p && params.containsKey(p.name())
                        && params.get(p.name()).type() != ParamType.DURATION) {
                    problem(opPtr, "parameter '" + p.name() + "' is not a duration");
                }
            }
            default -> operand = operand(raw, opPtr);
        }
        return new Condition.Compare(left, op, operand, def, because, ptr);
    }

    private Map<Operator, Operand> numericChecks(JsonNode raw, String ptr) {
        Map<Operator, Operand> out = new EnumMap<>(Operator.class);
        raw.fields().forEachRemaining(e -> {
            Optional<Operator> o = Operator.byKey(e.getKey()).filter(Operator.NUMERIC::contains);
            if (o.isEmpty()) {
                problem(ptr + "/" + e.getKey(), "expected a numeric comparison: one of "
                        + String.join(", ", Operator.NUMERIC.stream().map(Operator::key).toList())
                        + Suggestions.hint(e.getKey(), Operator.NUMERIC.stream().map(Operator::key).toList()), true);
                return;
            }
            Operand operand = operand(e.getValue(), ptr + "/" + e.getKey());
            if (operand instanceof Operand.Literal l && !l.value().isNumber()) {
                problem(ptr + "/" + e.getKey(), "expected a number, found " + l.value());
            }
            out.put(o.get(), operand);
        });
        return out;
    }

    private Condition related(JsonNode n, String ptr, Set<String> keys, Template because) {
        for (String k : keys) {
            if (!RELATED_KEYS.contains(k) && CONDITION_KEYS.contains(k)) {
                problem(ptr + "/" + k, "'" + k + "' cannot stand beside 'related'; expected where, that, every, some, "
                        + "none, exists, count or distinct");
            }
        }
        String name = n.get("related").asText();
        Name.Resources source;
        String toType;
        if (lets.containsKey(name)) {
            source = new Name.Let(name, lets.get(name).slot());
            toType = letTypes.get(name);
        } else {
            Name.Follow follow = relationType(name, scope, ptr + "/related");
            if (follow == null) {
                return null;
            }
            source = follow;
            toType = toType(follow);
        }
        Set<String> checks = intersect(keys, Set.of("that", "every", "some", "none", "exists", "count"));
        if (checks.size() != 1) {
            problem(ptr, checks.isEmpty() ? "say what must hold of the related resources: that, every, some, none, "
                    + "exists or count" : "use one of that / every / some / none / exists / count, found "
                    + String.join(", ", checks));
            return null;
        }
        String check = checks.iterator().next();
        if (keys.contains("distinct") && !check.equals("count")) {
            problem(ptr + "/distinct", "'distinct' goes with 'count'");
        }
        Scope outer = scope;
        scope = outer.inner(name, toType);
        try {
            Condition where = keys.contains("where") ? condition(n.get("where"), ptr + "/where") : null;
            switch (check) {
                case "exists" -> {
                    if (!n.get("exists").isBoolean()) {
                        problem(ptr + "/exists", "'exists' takes true or false");
                    }
                    return new Condition.RelatedExists(source, where, n.get("exists").asBoolean(), because, ptr);
                }
                case "count" -> {
                    JsonNode c = n.get("count");
                    if (!c.isObject() || c.isEmpty()) {
                        problem(ptr + "/count", "'count' takes numeric comparisons such as {at_most: 1}");
                        return null;
                    }
                    scope = outer; // the operands are read where the condition is
                    Map<Operator, Operand> count = numericChecks(c, ptr + "/count");
                    PathSelector distinct = keys.contains("distinct") ? path(n.get("distinct"), ptr + "/distinct") : null;
                    return new Condition.RelatedCount(source, where, count, distinct, because, ptr);
                }
                default -> {
                    Condition each = condition(n.get(check), ptr + "/" + check);
                    if (each == null) {
                        return null;
                    }
                    return check.equals("that") ? new Condition.RelatedThat(source, where, each, because, ptr)
                            : new Condition.RelatedEach(source, where, Quantifier.valueOf(check.toUpperCase(Locale.ROOT)),
                            each, because, ptr);
                }
            }
        } finally {
            scope = outer;
        }
    }

    private static final Set<String> ACCESS_KEYS = Set.of("policy", "identity", "principal", "action", "resource", "context",
            "delivery", "from", "values");
    private static final Set<String> WHO_MAY_KEYS = Set.of("policy", "action", "resource");

    /** A parsed policy reference, or null when it had problems (already reported). */
    private record PolicyRefOrNull(Condition.PolicyRef ref) {
    }

    private void only(Set<String> keys, Set<String> allowed, String ptr) {
        for (String k : keys) {
            if (!allowed.contains(k)) {
                problem(ptr + "/" + k, "'" + k + "' cannot stand beside " + String.join(" / ", allowed), true);
            }
        }
    }

    private Condition access(JsonNode n, String ptr, Set<String> keys, Template because) {
        only(keys, Set.of("access", "is"), ptr);
        JsonNode a = n.get("access");
        String ap = ptr + "/access";
        if (!a.isObject()) {
            problem(ap, "expected {policy, principal, action, resource, context}");
            return null;
        }
        unknownKeys(a, ap, ACCESS_KEYS, "an access question");
        Condition.Expect expect = Condition.Expect.ALLOWED;
        if (n.has("is")) {
            String is = n.get("is").asText();
            switch (is) {
                case "allowed" -> expect = Condition.Expect.ALLOWED;
                case "denied" -> expect = Condition.Expect.DENIED;
                case "explicitly_denied" -> expect = Condition.Expect.EXPLICITLY_DENIED;
                default -> problem(ptr + "/is", "expected allowed, denied or explicitly_denied, found '" + is + "'"
                        + Suggestions.hint(is, List.of("allowed", "denied", "explicitly_denied")));
            }
        }
        PolicyRefOrNull policy = a.has("policy") ? policyRef(a.get("policy"), ap + "/policy")
                : new PolicyRefOrNull(a.has("identity") ? null : new Condition.PolicyRef(null, PathSelector.compile("$.Policy")));
        Name identity = null;
        boolean badIdentity = false;
        if (a.hasNonNull("identity")) {
            identity = resourceName(a.get("identity").asText(), ap + "/identity");
            badIdentity = identity == null;
        }
        if (a.has("delivery")) {
            return deliveryAccess(a, ap, ptr, policy, identity, badIdentity, expect, because);
        }
        Template principal = template(a, "principal", ap, !a.hasNonNull("identity"));
        List<Template> actions;
        if (a.has("action") && a.get("action").isArray()) {
            actions = templates(a.get("action"), ap + "/action");
            if (actions.isEmpty()) {
                problem(ap + "/action", "expected an action or a non-empty list of actions");
            }
        } else {
            Template action = template(a, "action", ap, true);
            actions = action == null ? List.of() : List.of(action);
        }
        Template resource = template(a, "resource", ap, true);
        Map<String, Template> context = new LinkedHashMap<>();
        JsonNode c = a.get("context");
        if (c != null) {
            if (!c.isObject()) {
                problem(ap + "/context", "expected a mapping of condition keys (aws:SourceArn, s3:x-amz-acl, ...) to values");
            } else {
                c.fields().forEachRemaining(e -> {
                    Template t = e.getValue().isValueNode() ? compileTemplate(e.getValue().asText(), ap + "/context/" + e.getKey())
                            : null;
                    if (t == null && !e.getValue().isValueNode()) {
                        problem(ap + "/context/" + e.getKey(), "expected a value or a {{ template }}");
                    } else if (t != null) {
                        context.put(e.getKey(), t);
                    }
                });
            }
        }
        if (actions.isEmpty() || resource == null || badIdentity || (policy.ref() == null && identity == null)) {
            return null;
        }
        return new Condition.Access(policy.ref(), identity, principal, actions, resource, context, expect, because, ptr);
    }

    /** {@code access: {delivery: ID, from: NAME, values: {...}}}: the request the catalogued AWS delivery makes. */
    private Condition deliveryAccess(JsonNode a, String ap, String ptr, PolicyRefOrNull policy, Name identity,
                                     boolean badIdentity, Condition.Expect expect, Template because) {
        for (String k : List.of("principal", "action", "resource", "context")) {
            if (a.has(k)) {
                problem(ap + "/" + k, "'" + k + "' comes from the delivery catalogue; remove it or drop 'delivery'", true);
            }
        }
        String id = a.get("delivery").asText();
        DeliveryCatalogue catalogue = DeliveryCatalogue.builtin();
        Delivery d = catalogue.find(id).orElse(null);
        if (d == null) {
            problem(ap + "/delivery", "no delivery '" + id + "' in the catalogue" + Suggestions.hint(id,
                    catalogue.all().stream().map(Delivery::id).toList()));
            return null;
        }
        // from: NAME becomes {{ NAME.placeholder }} templates, whose names the template compiler resolves in scope
        String from = a.hasNonNull("from") ? a.get("from").asText() : null;
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode v = a.get("values");
        if (v != null && !v.isObject()) {
            problem(ap + "/values", "expected a mapping of the delivery's placeholders to values: " + d.placeholders());
        } else if (v != null) {
            v.fields().forEachRemaining(e -> {
                if (!d.placeholders().contains(e.getKey())) {
                    problem(ap + "/values/" + e.getKey(), "delivery " + id + " has no placeholder '" + e.getKey() + "'"
                            + Suggestions.hint(e.getKey(), List.copyOf(d.placeholders())), true);
                } else if (!e.getValue().isValueNode()) {
                    problem(ap + "/values/" + e.getKey(), "expected a value or a {{ template }}");
                } else {
                    values.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        List<String> missing = new ArrayList<>();
        DeliveryForm.Expanded x = DeliveryForm.expand(d, values, from, missing);
        if (!missing.isEmpty()) {
            problem(ap, "delivery " + id + " needs a value for " + String.join(", ", missing)
                    + " (give values: {NAME: ...} or from: a resource with those fields)");
            return null;
        }
        Template principal = compileTemplate(x.principal(), ap + "/delivery");
        List<Template> actions = new ArrayList<>();
        x.actions().forEach(act -> actions.add(compileTemplate(act, ap + "/delivery")));
        Template resource = compileTemplate(x.resource(), ap + "/delivery");
        Map<String, Template> context = new LinkedHashMap<>();
        x.context().forEach((k, t) -> {
            Template c = compileTemplate(t, ap + "/delivery");
            if (c != null) {
                context.put(k, c);
            }
        });
        if (resource == null || actions.contains(null) || badIdentity || (policy.ref() == null && identity == null)) {
            return null;
        }
        return new Condition.Access(policy.ref(), identity, principal, actions, resource, context, expect, because, ptr);
    }

    private Condition whoMay(JsonNode n, String ptr, Set<String> keys, Template because) {
        Set<String> quantifiers = intersect(keys, QUANTIFIERS);
        Set<String> allowed = new LinkedHashSet<>(QUANTIFIERS);
        allowed.add("who_may");
        only(keys, allowed, ptr);
        JsonNode w = n.get("who_may");
        String wp = ptr + "/who_may";
        if (!w.isObject()) {
            problem(wp, "expected {policy, action, resource}");
            return null;
        }
        unknownKeys(w, wp, WHO_MAY_KEYS, "a who_may question");
        PolicyRefOrNull policy = w.has("policy") ? policyRef(w.get("policy"), wp + "/policy")
                : new PolicyRefOrNull(new Condition.PolicyRef(null, PathSelector.compile("$.Policy")));
        Template action = template(w, "action", wp, true);
        Template resource = template(w, "resource", wp, true);
        if (quantifiers.size() != 1) {
            problem(ptr, "say what must hold of the principals: every, some or none");
            return null;
        }
        String q = quantifiers.iterator().next();
        Condition each = condition(n.get(q), ptr + "/" + q);
        if (each == null || policy.ref() == null || action == null || resource == null) {
            return null;
        }
        return new Condition.WhoMay(policy.ref(), action, resource, Quantifier.valueOf(q.toUpperCase(Locale.ROOT)),
                each, because, ptr);
    }

    private Condition matchesEvents(JsonNode n, String ptr, Set<String> keys, Template because) {
        only(keys, Set.of("path", "matches_events"), ptr);
        if (!keys.contains("path")) {
            problem(ptr, "matches_events needs 'path': the filter pattern, such as $.filterPattern");
            return null;
        }
        PathSelector path = path(n.get("path"), ptr + "/path");
        if (path != null && !path.isDefinite()) {
            problem(ptr + "/path", "matches_events needs a definite path (one filter pattern)");
            return null;
        }
        JsonNode m = n.get("matches_events");
        String mp = ptr + "/matches_events";
        if (!m.isObject()) {
            problem(mp, "expected {match: [EVENT, ...], ignore: [EVENT, ...]}");
            return null;
        }
        unknownKeys(m, mp, Set.of("match", "ignore"), "matches_events");
        List<Condition.SampleEvent> match = sampleEvents(m.get("match"), mp + "/match");
        List<Condition.SampleEvent> ignore = sampleEvents(m.get("ignore"), mp + "/ignore");
        if (match.isEmpty() && ignore.isEmpty()) {
            problem(mp, "name at least one event to match or to ignore");
            return null;
        }
        return path == null ? null : new Condition.MatchesEvents(path, match, ignore, because, ptr);
    }

    private List<Condition.SampleEvent> sampleEvents(JsonNode v, String ptr) {
        List<Condition.SampleEvent> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            problem(ptr, "expected a list of sample event names (" + String.join(", ", SampleEvents.names())
                    + ") or inline events");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isTextual()) {
                Optional<JsonNode> ev = SampleEvents.get(e.asText());
                if (ev.isEmpty()) {
                    problem(ptr + "/" + i, "unknown sample event '" + e.asText() + "'" + Suggestions.hint(e.asText(),
                            SampleEvents.names()) + "; known: " + String.join(", ", SampleEvents.names()));
                } else {
                    out.add(new Condition.SampleEvent(e.asText(), ev.get()));
                }
            } else if (e.isObject()) {
                String name = e.path("eventName").asText("inline event " + i);
                out.add(new Condition.SampleEvent(name, e));
            } else {
                problem(ptr + "/" + i, "expected a sample event name or an inline event (a mapping)");
            }
        }
        return out;
    }

    private PolicyRefOrNull policyRef(JsonNode v, String ptr) {
        if (v.isTextual()) {
            PathSelector p = path(v, ptr);
            return new PolicyRefOrNull(p == null ? null : new Condition.PolicyRef(null, p));
        }
        if (v.isObject()) {
            unknownKeys(v, ptr, Set.of("of", "path"), "a policy reference");
            Name of = null;
            if (v.hasNonNull("of")) {
                of = resourceName(v.get("of").asText(), ptr + "/of");
                if (of == null) {
                    return new PolicyRefOrNull(null);
                }
            }
            PathSelector p = v.has("path") ? path(v.get("path"), ptr + "/path") : PathSelector.compile("$.Policy");
            return new PolicyRefOrNull(p == null ? null : new Condition.PolicyRef(of, p));
        }
        problem(ptr, "expected a path such as $.Policy, or {of: self|RELATION, path: $.Policy}");
        return new PolicyRefOrNull(null);
    }

    // ---- names -----------------------------------------------------------------------------------------------

    /**
     * A name that stands for a resource ({@code self}, a related element, a relation or a binding), resolved in the
     * current scope; {@code null} (reported) when there is none by that name here.
     */
    private Name resourceName(String name, String ptr) {
        Name n = resolve(name, false);
        if (n == null) {
            problem(ptr, "unknown name '" + name + "' for " + String.join(", ", scope.types())
                    + Suggestions.hint(name, visibleNames(false)) + "; known here: "
                    + String.join(", ", visibleNames(false)));
        }
        return n;
    }

    /**
     * What a name refers to in the current scope, or {@code null}. Innermost scope first: the element a
     * {@code related:} binds, then the relations of that element's type; at the subject, the {@code let} bindings and
     * the subject's relations. With {@code templateRoots}, also params, account, snapshot and missing.
     */
    private Name resolve(String name, boolean templateRoots) {
        if (name.equals("self")) {
            return new Name.Subject();
        }
        if (templateRoots) {
            switch (name) {
                case "params":
                    return new Name.Params();
                case "account":
                    return new Name.Account();
                case "snapshot":
                    return new Name.Snapshot();
                case "missing":
                    return new Name.Missing();
                default:
                    break;
            }
        }
        for (Scope s = scope; s != null; s = s.outer()) {
            if (s.depth() > 0 && s.name().equals(name)) {
                return new Name.Element(name, s.depth());
            }
            if (s.depth() == 0 && lets.containsKey(name)) {
                return new Name.Let(name, lets.get(name).slot());
            }
            Name.Follow f = follow(name, s);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** The relation of that name from a scope's resource (for every type it may have), or {@code null}. */
    private static Name.Follow follow(String name, Scope s) {
        Map<String, Relation> byType = new LinkedHashMap<>();
        boolean many = false;
        for (String t : s.types()) {
            Optional<Relation> r = Relations.find(name, t);
            if (r.isEmpty()) {
                return null;
            }
            byType.put(t, r.get());
            many |= r.get().many();
        }
        return byType.isEmpty() ? null : new Name.Follow(name, s.depth(), byType, many);
    }

    /** The names a rule may use in the current scope, innermost first, for "did you mean" and messages. */
    private List<String> visibleNames(boolean templateRoots) {
        Set<String> out = new LinkedHashSet<>();
        out.add("self");
        if (templateRoots) {
            out.addAll(FIXED_ROOTS);
        }
        for (Scope s = scope; s != null; s = s.outer()) {
            if (s.depth() > 0) {
                out.add(s.name());
            } else {
                out.addAll(lets.keySet());
            }
            Set<String> common = null;
            for (String t : s.types()) {
                Set<String> names = Relations.namesFor(t);
                if (common == null) {
                    common = new LinkedHashSet<>(names);
                } else {
                    common.retainAll(names);
                }
            }
            if (common != null) {
                out.addAll(common);
            }
        }
        return List.copyOf(out);
    }

    /** The relation {@code related:} follows from the current scope's resource, or {@code null} (reported). */
    private Name.Follow relationType(String name, Scope s, String ptr) {
        for (String t : s.types()) {
            if (Relations.find(name, t).isEmpty()) {
                Set<String> known = new LinkedHashSet<>(Relations.namesFor(t));
                known.addAll(lets.keySet());
                problem(ptr, "unknown relation '" + name + "' for " + t + Suggestions.hint(name, known)
                        + (known.isEmpty() ? "; it has no relations" : "; known: " + String.join(", ", known)), true);
                return null;
            }
        }
        return follow(name, s);
    }

    /** The type a relation leads to (the same for every type it is followed from). */
    private static String toType(Name.Follow f) {
        return f.byType().values().iterator().next().toType();
    }

    private Operand operand(JsonNode v, String ptr) {
        if (v.isObject() && v.size() == 1 && v.has("param")) {
            String name = v.get("param").asText();
            if (!params.containsKey(name)) {
                problem(ptr + "/param", "unknown parameter '" + name + "'" + Suggestions.hint(name, params.keySet())
                        + (params.isEmpty() ? "; declare it under params:" : "; declared: " + String.join(", ", params.keySet())));
            }
            return new Operand.Param(name);
        }
        if (v.isTextual() && v.asText().contains("{{")) {
            Template t = compileTemplate(v.asText(), ptr);
            return t == null ? new Operand.Literal(v) : new Operand.Templated(t);
        }
        return new Operand.Literal(v);
    }

    private PathSelector path(JsonNode v, String ptr) {
        if (v == null || !v.isTextual()) {
            problem(ptr, "expected a JSONPath string such as $.Status.IsLogging");
            return null;
        }
        try {
            return PathSelector.compile(v.asText());
        } catch (IllegalArgumentException e) {
            problem(ptr, e.getMessage(), true);
            return null;
        }
    }

    // ---- templates and scalars -------------------------------------------------------------------------------

    private Template template(JsonNode parent, String key, String ptr, boolean required) {
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

    private List<Template> templates(JsonNode v, String ptr) {
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
    private Template compileTemplate(String text, String ptr) {
        Template t;
        try {
            t = Template.compile(text);
        } catch (IllegalArgumentException e) {
            problem(ptr, e.getMessage());
            return null;
        }
        return t.bind(e -> {
            Name name = resolve(e.root(), true);
            if (name == null) {
                List<String> known = visibleNames(true);
                problem(ptr, "unknown name '" + e.root() + "' in {{ " + e.text() + " }} for "
                        + String.join(", ", scope.types()) + Suggestions.hint(e.root(), known) + "; known here: "
                        + String.join(", ", known));
            } else if (name instanceof Name.Params && (e.fields().isEmpty() || !params.containsKey(e.fields().get(0)))) {
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

    private void unknownKeys(JsonNode n, String ptr, Set<String> allowed, String what) {
        n.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problem(ptr + "/" + k, "unknown key '" + k + "' in " + what + Suggestions.hint(k, allowed)
                        + "; expected " + String.join(", ", allowed), true);
            }
        });
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.retainAll(b);
        return out;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    private void problem(String pointer, String message) {
        problem(pointer, message, false);
    }

    private void problem(String pointer, String message, boolean atKey) {
        Position pos = atKey ? doc.keyAt(pointer) : doc.valueAt(pointer);
        problems.add(doc.problem(pos, message));
    }

    /** A default value for an absent field, for callers that build values. */
    static JsonNode nullNode() {
        return JsonNodeFactory.instance.nullNode();
    }
}
