package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import io.trailguard.core.fix.render.SnapshotDefaults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words of the rule DSL: every mapping of a rule file and of a conditions file ({@code conditions.yaml}, named
 * conditions and fixes) as a {@link Mapping} with the keys it accepts, what each key's value must look like and what
 * it means. It is the one source of both the parsers' key sets ({@link Mapping#keys()}, checked before anything else
 * is read) and the published JSON Schemas ({@link RuleSchema}, whose golden test fails when a checked-in schema
 * differs), so the two cannot drift.
 *
 * <p>A new construct is one {@link Key} in the mapping where it may stand (and, when its value is itself a mapping,
 * one new {@link Mapping} constant): the parser then accepts the key and the regenerated schema lists it. A new
 * {@link Operator} needs its value's schema in {@link #operatorValue}, whose exhaustive switch does not compile
 * without it. Immutable.
 */
final class RuleGrammar {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Rule ids: letters, then '-' and letters or digits, such as CT-03. */
    static final String ID_PATTERN = "[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)+";
    /** CloudFormation / AWS Config resource type names: {@code AWS::S3::Bucket}. */
    static final String RESOURCE_TYPE_PATTERN = "[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+";

    private RuleGrammar() {
    }

    /**
     * One key of a mapping.
     *
     * @param name     the key as written in a rule file
     * @param value    the JSON Schema of its value
     * @param required whether the mapping must have it (the parser's own checks say so too)
     */
    record Key(String name, JsonNode value, boolean required) {
    }

    /**
     * A mapping of the rule file and its keys, in the order the schema and the messages list them.
     *
     * @param description what it is, or {@code null}
     * @param extra       further schema keywords (minProperties, anyOf), or an empty object
     */
    record Mapping(String description, List<Key> keyList, ObjectNode extra) {
        Mapping {
            keyList = List.copyOf(keyList);
        }

        /** The keys the parser accepts, in declaration order. */
        Set<String> keys() {
            Set<String> out = new LinkedHashSet<>();
            keyList.forEach(k -> out.add(k.name()));
            return Collections.unmodifiableSet(out);
        }

        /** The JSON Schema of the mapping: an object with exactly these keys. */
        ObjectNode schema() {
            ObjectNode s = F.objectNode();
            s.put("type", "object");
            if (description != null) {
                s.put("description", description);
            }
            List<String> required = keyList.stream().filter(Key::required).map(Key::name).toList();
            if (!required.isEmpty()) {
                ArrayNode r = s.putArray("required");
                required.forEach(r::add);
            }
            s.put("additionalProperties", false);
            extra.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("anyOf")) {
                    s.set(e.getKey(), e.getValue());
                }
            });
            ObjectNode props = s.putObject("properties");
            keyList.forEach(k -> props.set(k.name(), k.value()));
            if (extra.has("anyOf")) {
                s.set("anyOf", extra.get("anyOf"));
            }
            return s;
        }
    }

    // ---- the mappings, leaves first ----

    /** {@code {of: self|RELATION, path: $.Policy}}: where a policy document is. */
    static final Mapping POLICY_REF = new Mapping(null, List.of(
            key("of", string()),
            key("path", jsonPath())), F.objectNode());

    /** Numeric comparisons, inside {@code size} and {@code count}. */
    static final Mapping NUMERIC = new Mapping(null,
            Operator.NUMERIC.stream().map(o -> key(o.key(), F.objectNode())).toList(), minProperties(1));

    static final Mapping ACCESS = new Mapping("IAM policy evaluation: may the principal do the action on the resource with this context?", List.of(
            key("policy", ref("policyRef")),
            key("identity", describe(string(), "An IAM role (relation or let name) whose inline and attached "
                    + "policies join the evaluation.")),
            key("principal", string()),
            key("action", oneOf(string(), arrayOf(string(), 1))),
            key("resource", string()),
            key("context", scalarMap()),
            key("delivery", describe(string(), "A delivery of the catalogue (io/trailguard/core/delivery/deliveries.yaml), "
                    + "e.g. cloudtrail-s3-put: principal, actions, resource and context are the ones AWS sends.")),
            key("from", describe(string(), "With delivery: a relation, let or bound name whose fields give the "
                    + "delivery's placeholders.")),
            key("values", describe(scalarMap(), "With delivery: placeholder values (templates), overriding 'from'."))),
            anyOfRequired(List.of("action", "resource"), List.of("delivery")));

    static final Mapping WHO_MAY = new Mapping(null, List.of(
            key("policy", ref("policyRef")),
            required("action", string()),
            required("resource", string())), F.objectNode());

    static final Mapping MATCHES_EVENTS = new Mapping("With path: the CloudWatch Logs filter pattern "
            + "at the path matches every 'match' event and none of the 'ignore' events (names of bundled sample "
            + "CloudTrail events, or inline events).", List.of(
            key("match", arrayOf(anyOf(string(), object()), 0)),
            key("ignore", arrayOf(anyOf(string(), object()), 0))), minProperties(1));

    /** A condition: combinators, quantifiers, related resources, policy questions and one operator on a path. */
    static final Mapping CONDITION = new Mapping(null, conditionKeys(), minProperties(1));

    static final Mapping REFERENCE = new Mapping(null, List.of(
            key("cis", describe(string("^[0-9]+\\.[0-9]+\\.[0-9]+/.+$"), "VERSION/CONTROL, such as 3.0.0/3.2")),
            key("securityhub", string("^[A-Za-z0-9]+\\.[0-9]+$")),
            key("doc", string("^https://")),
            key("title", string())), minProperties(1));

    static final Mapping PARAM = new Mapping(null, List.of(
            required("type", enumOf(lower(RuleDefinition.ParamType.values()))),
            key("default", F.objectNode()),
            required("description", string()),
            key("from", describe(enumOf(new TreeSet<>(SnapshotDefaults.KINDS)), "where the fix takes the value from when "
                    + "no --param sets it (a parameter naming the user's resources has no default)")),
            key("near", describe(string(), "the relation whose first resource the derivation looks near (default: the "
                    + "subject)"))), F.objectNode());

    static final Mapping LET = new Mapping(null, List.of(
            required("related", string()),
            key("where", ref("condition"))), F.objectNode());

    static final Mapping CREATE = new Mapping(null, List.of(
            required("type", string()),
            required("id", string()),
            required("account", string()),
            required("region", string()),
            required("configuration", object())), F.objectNode());

    static final Mapping FOR_EACH = new Mapping(null, List.of(
            required("list", string("^/")),
            key("where", ref("condition"))), F.objectNode());

    static final Mapping CHANGE = new Mapping(null, List.of(
            required("api", describe(string("^[a-z0-9]+:[A-Za-z]+$"), "service:Operation, the renderer of the commands")),
            key("target", describe(string(), "self, a relation or a let binding")),
            key("each", oneOf(type("boolean"), enumOf(List.of("rest")))),
            key("set", pointerMap()),
            key("append", pointerMap()),
            key("appendEach", pointerMap()),
            key("remove", describe(pointerMap(), "list elements to take out (every equal element)")),
            key("removeEach", pointerMap()),
            key("unset", describe(arrayOf(string("^/"), 1), "fields to remove")),
            key("dataEvents", string()),
            key("create", CREATE.schema()),
            key("delete", describe(type("boolean"), "the change deletes its target (an API whose renderer deletes)")),
            key("when", string()),
            key("unless", string()),
            key("where", describe(ref("condition"), "a condition each target must meet to be changed")),
            key("forEach", describe(FOR_EACH.schema(), "apply the edits (paths relative to an element) to every element "
                    + "of the list that meets where"))), F.objectNode());

    static final Mapping FIX = new Mapping(null, List.of(
            required("summary", string()),
            key("steps", arrayOf(string(), 0)),
            key("changes", arrayOf(CHANGE.schema(), 0)),
            key("checks", describe(arrayOf(arrayOf(string(), 2), 0), "read-only commands, as the words after aws")),
            key("manual", describe(string(), "why the remedy has no typed change, shown when there is none"))),
            F.objectNode());

    /** {@code fix: {use: NAME, with: {...}}}: a named fix of the pack, expanded in the rule (docs/rule-dsl.md, Named fixes). */
    static final Mapping FIX_USE = new Mapping("A named fix of the pack (the fixes: of a conditions.yaml), expanded here.",
            List.of(
            required("use", string("^" + NamedConditions.NAME_PATTERN + "$")),
            key("with", describe(object(), "The named fix's parameters and their values."))), F.objectNode());

    static final Mapping TEST = new Mapping(null, List.of(
            required("name", string()),
            required("given", oneOf(string(), object())),
            key("params", object()),
            required("expect", oneOf(ref("status"), expectByStatus()))), F.objectNode());

    /** The rule file itself. */
    static final Mapping RULE = new Mapping("One trailguard rule file. The grammar is documented in "
            + "docs/rule-dsl.md; trailguard validate checks the semantics (relations, parameters, templates) as well.",
            List.of(
            required("apiVersion", constant(RuleParser.API_VERSION)),
            required("id", describe(string("^" + ID_PATTERN + "$"), "Stable id, such as CT-03; the file is named after it.")),
            required("title", describe(string("[^.]$"), "What a compliant resource looks like, without a trailing period.")),
            required("severity", enumOf(lower(Severity.values()))),
            required("resource", describe(resourceTypes(), "What the rule is evaluated for: a resource type, a list of "
                    + "types, 'account' or 'region'.")),
            required("description", describe(string(), "Why it matters.")),
            key("references", arrayOf(REFERENCE.schema(), 0)),
            key("params", mapOf(PARAM.schema())),
            key("let", mapOf(LET.schema())),
            key("when", ref("condition")),
            required("require", ref("condition")),
            required("message", string()),
            key("passMessage", string()),
            key("fix", oneOf(FIX.schema(), FIX_USE.schema())),
            key("tests", arrayOf(TEST.schema(), 0))), F.objectNode());

    // ---- the conditions file (conditions.yaml): named conditions and named fixes ----

    /** A parameter of a named condition: its value, an argument of a use, may be a condition. */
    static final Mapping NAMED_PARAM = namedParam(List.of(NamedConditions.ArgType.values()));

    /** A parameter of a named fix: the same keys, but a fix takes no condition. */
    static final Mapping NAMED_FIX_PARAM = namedParam(Arrays.stream(NamedConditions.ArgType.values())
            .filter(t -> t != NamedConditions.ArgType.CONDITION).toList());

    /** A named condition: {@code conditions: {NAME: ...}}. */
    static final Mapping NAMED_CONDITION = new Mapping(null, List.of(
            required("description", describe(string(), "What the condition holds for, in words.")),
            key("resource", describe(resourceTypes(), "The resource types it may be used at (the type of the scope of the "
                    + "use): a type, a list of types, 'account' or 'region'; any when absent.")),
            key("params", mapOf(NAMED_PARAM.schema())),
            required("condition", describe(ref("condition"), "A condition as in a rule, with {arg: PARAM} where a "
                    + "parameter's value goes."))), F.objectNode());

    /** A named fix: {@code fixes: {NAME: ...}}, used as a rule's whole {@code fix: {use: NAME, with: {...}}}. */
    static final Mapping NAMED_FIX = new Mapping(null, List.of(
            required("description", describe(string(), "What the fix does, in words.")),
            key("resource", describe(resourceTypes(), "The resource types it may be used at: a type, a list of types, "
                    + "'account' or 'region'; any when absent.")),
            key("params", mapOf(NAMED_FIX_PARAM.schema())),
            key("ruleParams", describe(mapOf(ref("ruleParam")), "The rule parameters the fix's templates read, declared "
                    + "as under a rule's params:; every rule using the fix gets them.")),
            required("fix", describe(ref("fix"), "A fix as in a rule, with {arg: PARAM} as a whole value or ${PARAM} "
                    + "inside a text where an argument goes."))), F.objectNode());

    /** The conditions file itself. */
    static final Mapping CONDITIONS_FILE = new Mapping("Named, parameterised conditions a rule uses as {use: NAME, "
            + "with: {PARAM: VALUE}}, and named fixes a rule uses as fix: {use: NAME, with: {...}}; see docs/rule-dsl.md, "
            + "Named conditions and Named fixes.", List.of(
            required("apiVersion", constant(RuleParser.API_VERSION)),
            key("conditions", namesTo(NAMED_CONDITION.schema())),
            key("fixes", namesTo(NAMED_FIX.schema()))),
            anyOfRequired(List.of("conditions"), List.of("fixes")));

    private static Mapping namedParam(List<NamedConditions.ArgType> types) {
        return new Mapping(null, List.of(
                required("type", enumOf(lower(types.toArray(Enum<?>[]::new)))),
                key("default", describe(F.objectNode(), "The value when a use gives none; without it every use must "
                        + "give one.")),
                key("description", string())), F.objectNode());
    }

    /**
     * The shared definitions of the conditions schema: the rule schema's, and the bodies of named fixes ({@code fix},
     * {@code ruleParam}). {@link RuleSchema} widens them to take {@code {arg: P}} where a value goes.
     */
    static ObjectNode conditionsDefinitions() {
        ObjectNode d = definitions();
        d.remove("status");
        d.set("fix", FIX.schema());
        d.set("ruleParam", PARAM.schema());
        return d;
    }

    private static List<Key> conditionKeys() {
        List<Key> keys = new ArrayList<>(List.of(
                key("all", arrayOf(ref("condition"), 1)),
                key("any", arrayOf(ref("condition"), 1)),
                key("not", ref("condition")),
                key("because", describe(string(), "Added to the failure message when this condition decides a failure.")),
                key("use", describe(string("^" + NamedConditions.NAME_PATTERN + "$"), "A named condition of the pack "
                        + "(defined in a conditions.yaml), expanded here, in this scope.")),
                key("with", describe(object(), "With use: the named condition's parameters and their values.")),
                key("path", describe(jsonPath(), "A JSONPath into the resource (or the current element).")),
                key("value", describe(string(), "A {{ template }} to compare instead of a path.")),
                key("default", describe(F.objectNode(), "The value to use when the path is absent (otherwise the result "
                        + "is UNKNOWN).")),
                key("every", ref("condition")),
                key("some", ref("condition")),
                key("none", ref("condition")),
                key("related", describe(string(), "A relation (bucket, kmsKey, logGroup, flowLogs, trails, ...) or a let "
                        + "binding.")),
                key("where", ref("condition")),
                key("that", ref("condition")),
                key("count", ref("numeric")),
                key("distinct", jsonPath()),
                key("access", ACCESS.schema()),
                key("is", enumOf(lower(Condition.Expect.values()))),
                key("public", ref("policyRef")),
                key("who_may", WHO_MAY.schema()),
                key("matches_events", MATCHES_EVENTS.schema())));
        for (Operator o : Operator.values()) {
            keys.add(key(o.key(), operatorValue(o)));
        }
        return keys;
    }

    /** The schema of an operator's value. */
    static JsonNode operatorValue(Operator o) {
        return switch (o) {
            case EXISTS -> type("boolean");
            case ABSENT -> constant(true);
            case SIZE -> ref("numeric");
            case EQUALS, NOT_EQUALS, IN, NOT_IN, LIKE, NOT_LIKE, MATCHES, CONTAINS, STARTS_WITH, ENDS_WITH,
                    GREATER_THAN, LESS_THAN, AT_LEAST, AT_MOST, OLDER_THAN, NEWER_THAN -> ref("operand");
        };
    }

    /** The shared definitions ({@code $defs}) the mappings refer to. */
    static ObjectNode definitions() {
        ObjectNode d = F.objectNode();
        d.set("status", enumOf(Arrays.stream(Status.values()).map(Status::name).toList()));
        d.set("operand", describe(F.objectNode(), "A literal, a {{ template }} string, or {param: NAME}."));
        d.set("numeric", NUMERIC.schema());
        d.set("condition", CONDITION.schema());
        d.set("policyRef", describe(oneOf(jsonPath(), POLICY_REF.schema()),
                "A policy document: a path in the current document, or {of: self|RELATION, path: $.Policy}."));
        return d;
    }

    // ---- schema fragments ----

    private static Key key(String name, JsonNode value) {
        return new Key(name, value, false);
    }

    private static Key required(String name, JsonNode value) {
        return new Key(name, value, true);
    }

    private static ObjectNode type(String type) {
        return F.objectNode().put("type", type);
    }

    private static ObjectNode string() {
        return type("string");
    }

    private static ObjectNode string(String pattern) {
        return string().put("pattern", pattern);
    }

    private static ObjectNode jsonPath() {
        return string("^\\$");
    }

    private static ObjectNode object() {
        return type("object");
    }

    private static ObjectNode constant(Object value) {
        ObjectNode n = F.objectNode();
        n.set("const", value instanceof Boolean b ? F.booleanNode(b) : F.textNode(String.valueOf(value)));
        return n;
    }

    private static ObjectNode enumOf(Iterable<String> values) {
        ObjectNode n = F.objectNode();
        ArrayNode a = n.putArray("enum");
        values.forEach(a::add);
        return n;
    }

    private static List<String> lower(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }

    private static ObjectNode describe(ObjectNode n, String description) {
        ObjectNode out = F.objectNode();
        out.put("description", description);
        out.setAll(n);
        return out;
    }

    private static ObjectNode ref(String def) {
        return F.objectNode().put("$ref", "#/$defs/" + def);
    }

    private static ObjectNode arrayOf(JsonNode items, int minItems) {
        ObjectNode n = type("array");
        if (minItems > 0) {
            n.put("minItems", minItems);
        }
        n.set("items", items);
        return n;
    }

    /** A map from lowerCamelCase names, as the sections of a conditions file are. */
    private static ObjectNode namesTo(JsonNode values) {
        ObjectNode n = object();
        n.putObject("propertyNames").put("pattern", "^" + NamedConditions.NAME_PATTERN + "$");
        n.set("additionalProperties", values);
        return n;
    }

    /** A resource type, a list of types, {@code account} or {@code region}. */
    private static ObjectNode resourceTypes() {
        return oneOf(enumOf(List.of("account", "region")), string("^" + RESOURCE_TYPE_PATTERN + "$"),
                arrayOf(string("^" + RESOURCE_TYPE_PATTERN + "$"), 1));
    }

    private static ObjectNode mapOf(JsonNode values) {
        ObjectNode n = object();
        n.set("additionalProperties", values);
        return n;
    }

    private static ObjectNode oneOf(JsonNode... options) {
        ObjectNode n = F.objectNode();
        ArrayNode a = n.putArray("oneOf");
        Arrays.stream(options).forEach(a::add);
        return n;
    }

    private static ObjectNode anyOf(JsonNode... options) {
        ObjectNode n = F.objectNode();
        ArrayNode a = n.putArray("anyOf");
        Arrays.stream(options).forEach(a::add);
        return n;
    }

    private static ObjectNode minProperties(int n) {
        return F.objectNode().put("minProperties", n);
    }

    @SafeVarargs
    private static ObjectNode anyOfRequired(List<String>... alternatives) {
        ObjectNode n = F.objectNode();
        ArrayNode a = n.putArray("anyOf");
        for (List<String> alt : alternatives) {
            ArrayNode r = a.addObject().putArray("required");
            alt.forEach(r::add);
        }
        return n;
    }

    /** A map whose values are strings, numbers or booleans (an access context, delivery values). */
    private static ObjectNode scalarMap() {
        ObjectNode n = object();
        n.putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean");
        return n;
    }

    /** A map from JSON pointers (a fix's set / append / appendEach). */
    private static ObjectNode pointerMap() {
        ObjectNode n = object();
        n.putObject("propertyNames").put("pattern", "^/");
        return n;
    }

    /** A test's {@code expect}: status → resource id or ids. */
    private static ObjectNode expectByStatus() {
        ObjectNode n = object();
        n.set("propertyNames", ref("status"));
        n.set("additionalProperties", oneOf(string(), arrayOf(string(), 0)));
        return n;
    }
}
