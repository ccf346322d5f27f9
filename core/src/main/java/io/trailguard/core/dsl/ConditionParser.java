package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.diag.Suggestions;
import io.trailguard.core.dsl.Condition.Quantifier;
import io.trailguard.core.dsl.RuleDefinition.ParamType;
import io.trailguard.core.logs.SampleEvents;
import io.trailguard.core.policy.Delivery;
import io.trailguard.core.policy.DeliveryCatalogue;
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

/**
 * Parses the condition trees of one rule file ({@code when}, {@code require}, {@code let}'s {@code where}) into
 * {@link Condition} variants, resolving every name in the scope where it appears ({@link Scopes}) and reporting
 * problems through its {@link RuleParser}. Not thread-safe: one per parse.
 */
final class ConditionParser {
    static final Set<String> COMBINATORS = Set.of("all", "any", "not");
    static final Set<String> QUANTIFIERS = Set.of("every", "some", "none");
    static final Set<String> RELATED_KEYS = Set.of("related", "where", "that", "every", "some", "none",
            "exists", "count", "distinct");
    static final Set<String> CONDITION_KEYS = RuleGrammar.CONDITION.keys();

    private final RuleParser p;
    private final Scopes scopes;

    ConditionParser(RuleParser parser, Scopes scopes) {
        this.p = parser;
        this.scopes = scopes;
    }

    Condition condition(JsonNode n, String ptr) {
        if (n == null || !n.isObject()) {
            p.problem(ptr, "expected a condition: {all: [...]}, {any: [...]}, {not: ...}, {path: $.X, OPERATOR: VALUE}, "
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
                p.problem(ptr + "/" + k, (Operator.byKey(k).isEmpty() && hint.isEmpty() ? "unknown key '" + k + "'"
                        : "unknown operator or key '" + k + "'") + hint + "; operators are " + String.join(", ", Operator.keys()),
                        true);
            }
        }
        Template because = keys.contains("because") ? p.template(n, "because", ptr, true) : null;
        keys.remove("because");
        if (keys.contains("use")) {
            return use(n, ptr, keys, because);
        }
        Set<String> combinators = intersect(keys, COMBINATORS);
        if (!combinators.isEmpty()) {
            if (keys.size() > 1) {
                p.problem(ptr, "'" + combinators.iterator().next() + "' must stand alone in its mapping; found also "
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
                p.problem(ptr + "/" + k, "'" + k + "' takes a non-empty list of conditions");
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
            p.problem(ptr, "a condition needs 'path' (a JSONPath such as $.IsLogging) or 'value' (a template), "
                    + "or all / any / not / related");
            return null;
        }
        PathSelector path = null;
        if (keys.contains("path")) {
            path = path(n.get("path"), ptr + "/path");
        }
        Template value = keys.contains("value") ? p.template(n, "value", ptr, true) : null;
        if (path != null && value != null) {
            p.problem(ptr, "use either 'path' or 'value', not both");
        }
        Set<String> quantifiers = intersect(keys, QUANTIFIERS);
        Set<String> operators = new LinkedHashSet<>();
        keys.forEach(k -> Operator.byKey(k).ifPresent(o -> operators.add(k)));
        if (!quantifiers.isEmpty()) {
            if (path == null) {
                if (value != null) {
                    p.problem(ptr, "every / some / none need a 'path'");
                }
                return null;
            }
            if (quantifiers.size() + operators.size() > 1) {
                p.problem(ptr, "use one of every / some / none, without an operator beside it (put the operator inside)");
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
                p.problem(ptr, "missing an operator: one of " + String.join(", ", Operator.keys()));
            } else {
                p.problem(ptr, "one operator per condition, found " + String.join(", ", operators) + "; combine them with all / any");
            }
            return null;
        }
        if (path != null && !path.isDefinite()) {
            p.problem(ptr + "/path", "the path " + path.text() + " can select several values: say which must hold with "
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
                    p.problem(opPtr, op == Operator.EXISTS ? "'exists' takes true or false" : "'absent' takes true");
                    return null;
                }
                if (def != null) {
                    p.problem(ptr + "/default", "'default' makes no sense with " + op.key());
                }
                return new Condition.Presence(left, op == Operator.EXISTS && raw.asBoolean(), because, ptr);
            }
            case SIZE -> {
                if (!raw.isObject() || raw.isEmpty()) {
                    p.problem(opPtr, "'size' takes numeric comparisons such as {at_least: 1}");
                    return null;
                }
                return new Condition.Size(left, numericChecks(raw, opPtr), def, because, ptr);
            }
            case IN, NOT_IN, LIKE, NOT_LIKE -> {
                operand = operand(raw, opPtr);
                if (operand instanceof Operand.Literal l && !l.value().isArray()) {
                    p.problem(opPtr, "'" + op.key() + "' takes a list of values");
                }
            }
            case MATCHES -> {
                operand = operand(raw, opPtr);
                if (operand instanceof Operand.Literal l) {
                    if (!l.value().isTextual()) {
                        p.problem(opPtr, "'matches' takes a regular expression string");
                        return null;
                    }
                    try {
                        operand = new Operand.Regex(io.trailguard.core.regex.SafeRegex.compile(l.value().asText()));
                    } catch (com.google.re2j.PatternSyntaxException e) {
                        p.problem(opPtr, "not a valid regular expression (RE2 syntax): " + e.getDescription());
                    }
                }
            }
            case GREATER_THAN, LESS_THAN, AT_LEAST, AT_MOST -> {
                operand = operand(raw, opPtr);
                if (operand instanceof Operand.Literal l && !l.value().isNumber()) {
                    p.problem(opPtr, "'" + op.key() + "' takes a number, found " + l.value());
                }
            }
            case OLDER_THAN, NEWER_THAN -> {
                operand = operand(raw, opPtr);
                if (operand instanceof Operand.Literal l && (!l.value().isTextual() || Durations.parse(l.value().asText()) == null)) {
                    p.problem(opPtr, "'" + op.key() + "' takes a duration such as 1h, 90d or PT1H, found " + l.value());
                }
                if (operand instanceof Operand.Param param && p.params().containsKey(param.name())
                        && p.params().get(param.name()).type() != ParamType.DURATION) {
                    p.problem(opPtr, "parameter '" + param.name() + "' is not a duration");
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
                p.problem(ptr + "/" + e.getKey(), "expected a numeric comparison: one of "
                        + String.join(", ", Operator.NUMERIC.stream().map(Operator::key).toList())
                        + Suggestions.hint(e.getKey(), Operator.NUMERIC.stream().map(Operator::key).toList()), true);
                return;
            }
            Operand operand = operand(e.getValue(), ptr + "/" + e.getKey());
            if (operand instanceof Operand.Literal l && !l.value().isNumber()) {
                p.problem(ptr + "/" + e.getKey(), "expected a number, found " + l.value());
            }
            out.put(o.get(), operand);
        });
        return out;
    }

    private Condition related(JsonNode n, String ptr, Set<String> keys, Template because) {
        for (String k : keys) {
            if (!RELATED_KEYS.contains(k) && CONDITION_KEYS.contains(k)) {
                p.problem(ptr + "/" + k, "'" + k + "' cannot stand beside 'related'; expected where, that, every, some, "
                        + "none, exists, count or distinct");
            }
        }
        String name = n.get("related").asText();
        Name.Resources source;
        String toType;
        if (p.lets().containsKey(name)) {
            source = new Name.Let(name, p.lets().get(name).slot());
            toType = p.letTypes().get(name);
        } else {
            Name.Follow follow = relationType(name, ptr + "/related");
            if (follow == null) {
                return null;
            }
            source = follow;
            toType = Scopes.toType(follow);
        }
        Set<String> checks = intersect(keys, Set.of("that", "every", "some", "none", "exists", "count"));
        if (checks.size() != 1) {
            p.problem(ptr, checks.isEmpty() ? "say what must hold of the related resources: that, every, some, none, "
                    + "exists or count" : "use one of that / every / some / none / exists / count, found "
                    + String.join(", ", checks));
            return null;
        }
        String check = checks.iterator().next();
        if (keys.contains("distinct") && !check.equals("count")) {
            p.problem(ptr + "/distinct", "'distinct' goes with 'count'");
        }
        Scopes.Scope outer = scopes.enter(name, toType);
        try {
            Condition where = keys.contains("where") ? condition(n.get("where"), ptr + "/where") : null;
            switch (check) {
                case "exists" -> {
                    if (!n.get("exists").isBoolean()) {
                        p.problem(ptr + "/exists", "'exists' takes true or false");
                    }
                    return new Condition.RelatedExists(source, where, n.get("exists").asBoolean(), because, ptr);
                }
                case "count" -> {
                    JsonNode c = n.get("count");
                    if (!c.isObject() || c.isEmpty()) {
                        p.problem(ptr + "/count", "'count' takes numeric comparisons such as {at_most: 1}");
                        return null;
                    }
                    scopes.restore(outer); // the operands are read where the condition is
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
            scopes.restore(outer);
        }
    }

    /**
     * {@code {use: NAME, with: {PARAM: VALUE}}}: the named condition's body with the arguments in place, parsed here,
     * in this scope ({@code this} in the body is the resource of this scope). A {@code because} beside it applies to
     * the whole body.
     */
    private Condition use(JsonNode n, String ptr, Set<String> keys, Template because) {
        only(keys, Set.of("use", "with"), ptr);
        String name = n.get("use").asText("");
        NamedConditions.Definition def = p.namedConditions().find(name);
        if (def == null) {
            Set<String> known = p.namedConditions().names();
            p.problem(ptr + "/use", "unknown named condition '" + name + "'" + Suggestions.hint(name, known)
                    + (known.isEmpty() ? "; none is defined: a conditions.yaml in the rule directory (or a parent "
                    + "directory) defines them" : "; defined: " + String.join(", ", known)));
            return null;
        }
        String cycle = p.uses().cycle(name);
        if (cycle != null) {
            p.problem(ptr + "/use", "named condition '" + name + "' uses itself: " + cycle);
            return null;
        }
        boolean ok = true;
        if (!def.types().isEmpty() && !def.types().containsAll(scopes.types())) {
            p.problem(ptr + "/use", "named condition '" + name + "' is for " + String.join(", ", def.types())
                    + ", used here at " + String.join(", ", scopes.types()));
            ok = false;
        }
        List<String> given = new ArrayList<>();
        Map<String, JsonNode> args = ConditionUses.bind("named condition", name, def.params(), n.get("with"), ptr, given,
                p::problem);
        if (!ok || args == null) {
            return null;
        }
        ConditionUses.Expanded x = p.uses().expand(def.origin(), def.body(), ptr, args, given, false);
        p.uses().enter(name);
        Scopes.Scope outerThis = scopes.bindThis();
        Condition body;
        try {
            body = condition(x.body(), x.pointer());
        } finally {
            scopes.unbindThis(outerThis);
            p.uses().exit();
        }
        if (body == null || because == null) {
            return body;
        }
        return new Condition.All(List.of(body), because, ptr);
    }

    private static final Set<String> ACCESS_KEYS = RuleGrammar.ACCESS.keys();
    private static final Set<String> WHO_MAY_KEYS = RuleGrammar.WHO_MAY.keys();

    /** A parsed policy reference, or null when it had problems (already reported). */
    private record PolicyRefOrNull(Condition.PolicyRef ref) {
    }

    private void only(Set<String> keys, Set<String> allowed, String ptr) {
        for (String k : keys) {
            if (!allowed.contains(k)) {
                p.problem(ptr + "/" + k, "'" + k + "' cannot stand beside " + String.join(" / ", allowed), true);
            }
        }
    }

    private Condition access(JsonNode n, String ptr, Set<String> keys, Template because) {
        only(keys, Set.of("access", "is"), ptr);
        JsonNode a = n.get("access");
        String ap = ptr + "/access";
        if (!a.isObject()) {
            p.problem(ap, "expected {policy, principal, action, resource, context}");
            return null;
        }
        p.unknownKeys(a, ap, ACCESS_KEYS, "an access question");
        Condition.Expect expect = Condition.Expect.ALLOWED;
        if (n.has("is")) {
            String is = n.get("is").asText();
            switch (is) {
                case "allowed" -> expect = Condition.Expect.ALLOWED;
                case "denied" -> expect = Condition.Expect.DENIED;
                case "explicitly_denied" -> expect = Condition.Expect.EXPLICITLY_DENIED;
                default -> p.problem(ptr + "/is", "expected allowed, denied or explicitly_denied, found '" + is + "'"
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
        Template principal = p.template(a, "principal", ap, !a.hasNonNull("identity"));
        List<Template> actions;
        if (a.has("action") && a.get("action").isArray()) {
            actions = p.templates(a.get("action"), ap + "/action");
            if (actions.isEmpty()) {
                p.problem(ap + "/action", "expected an action or a non-empty list of actions");
            }
        } else {
            Template action = p.template(a, "action", ap, true);
            actions = action == null ? List.of() : List.of(action);
        }
        Template resource = p.template(a, "resource", ap, true);
        Map<String, Template> context = new LinkedHashMap<>();
        JsonNode c = a.get("context");
        if (c != null) {
            if (!c.isObject()) {
                p.problem(ap + "/context", "expected a mapping of condition keys (aws:SourceArn, s3:x-amz-acl, ...) to values");
            } else {
                c.fields().forEachRemaining(e -> {
                    Template t = e.getValue().isValueNode() ? p.compileTemplate(e.getValue().asText(), ap + "/context/" + e.getKey())
                            : null;
                    if (t == null && !e.getValue().isValueNode()) {
                        p.problem(ap + "/context/" + e.getKey(), "expected a value or a {{ template }}");
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
                p.problem(ap + "/" + k, "'" + k + "' comes from the delivery catalogue; remove it or drop 'delivery'", true);
            }
        }
        String id = a.get("delivery").asText();
        DeliveryCatalogue catalogue = DeliveryCatalogue.builtin();
        Delivery d = catalogue.find(id).orElse(null);
        if (d == null) {
            p.problem(ap + "/delivery", "no delivery '" + id + "' in the catalogue" + Suggestions.hint(id,
                    catalogue.all().stream().map(Delivery::id).toList()));
            return null;
        }
        // from: NAME becomes {{ NAME.placeholder }} templates, whose names the template compiler resolves in scope
        String from = a.hasNonNull("from") ? a.get("from").asText() : null;
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode v = a.get("values");
        if (v != null && !v.isObject()) {
            p.problem(ap + "/values", "expected a mapping of the delivery's placeholders to values: " + d.placeholders());
        } else if (v != null) {
            v.fields().forEachRemaining(e -> {
                if (!d.placeholders().contains(e.getKey())) {
                    p.problem(ap + "/values/" + e.getKey(), "delivery " + id + " has no placeholder '" + e.getKey() + "'"
                            + Suggestions.hint(e.getKey(), List.copyOf(d.placeholders())), true);
                } else if (!e.getValue().isValueNode()) {
                    p.problem(ap + "/values/" + e.getKey(), "expected a value or a {{ template }}");
                } else {
                    values.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        List<String> missing = new ArrayList<>();
        DeliveryForm.Expanded x = DeliveryForm.expand(d, values, from, missing);
        if (!missing.isEmpty()) {
            p.problem(ap, "delivery " + id + " needs a value for " + String.join(", ", missing)
                    + " (give values: {NAME: ...} or from: a resource with those fields)");
            return null;
        }
        Template principal = p.compileTemplate(x.principal(), ap + "/delivery");
        List<Template> actions = new ArrayList<>();
        x.actions().forEach(act -> actions.add(p.compileTemplate(act, ap + "/delivery")));
        Template resource = p.compileTemplate(x.resource(), ap + "/delivery");
        Map<String, Template> context = new LinkedHashMap<>();
        x.context().forEach((k, t) -> {
            Template c = p.compileTemplate(t, ap + "/delivery");
            if (c != null) {
                context.put(k, c);
            }
        });
        // a key AWS sends whenever another placeholder has a value: without its own, it is sent with an unknown value
        Map<String, Template> sentWhen = new LinkedHashMap<>();
        x.sentWhen().forEach((k, t) -> sentWhen.put(k, p.compileTemplate(t, ap + "/delivery")));
        if (resource == null || actions.contains(null) || badIdentity || (policy.ref() == null && identity == null)
                || sentWhen.containsValue(null)) {
            return null;
        }
        return new Condition.Access(policy.ref(), identity, principal, actions, resource, context, expect, because, ptr,
                sentWhen);
    }

    private Condition whoMay(JsonNode n, String ptr, Set<String> keys, Template because) {
        Set<String> quantifiers = intersect(keys, QUANTIFIERS);
        Set<String> allowed = new LinkedHashSet<>(QUANTIFIERS);
        allowed.add("who_may");
        only(keys, allowed, ptr);
        JsonNode w = n.get("who_may");
        String wp = ptr + "/who_may";
        if (!w.isObject()) {
            p.problem(wp, "expected {policy, action, resource}");
            return null;
        }
        p.unknownKeys(w, wp, WHO_MAY_KEYS, "a who_may question");
        PolicyRefOrNull policy = w.has("policy") ? policyRef(w.get("policy"), wp + "/policy")
                : new PolicyRefOrNull(new Condition.PolicyRef(null, PathSelector.compile("$.Policy")));
        Template action = p.template(w, "action", wp, true);
        Template resource = p.template(w, "resource", wp, true);
        if (quantifiers.size() != 1) {
            p.problem(ptr, "say what must hold of the principals: every, some or none");
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
            p.problem(ptr, "matches_events needs 'path': the filter pattern, such as $.filterPattern");
            return null;
        }
        PathSelector path = path(n.get("path"), ptr + "/path");
        if (path != null && !path.isDefinite()) {
            p.problem(ptr + "/path", "matches_events needs a definite path (one filter pattern)");
            return null;
        }
        JsonNode m = n.get("matches_events");
        String mp = ptr + "/matches_events";
        if (!m.isObject()) {
            p.problem(mp, "expected {match: [EVENT, ...], ignore: [EVENT, ...]}");
            return null;
        }
        p.unknownKeys(m, mp, RuleGrammar.MATCHES_EVENTS.keys(), "matches_events");
        List<Condition.SampleEvent> match = sampleEvents(m.get("match"), mp + "/match");
        List<Condition.SampleEvent> ignore = sampleEvents(m.get("ignore"), mp + "/ignore");
        if (match.isEmpty() && ignore.isEmpty()) {
            p.problem(mp, "name at least one event to match or to ignore");
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
            p.problem(ptr, "expected a list of sample event names (" + String.join(", ", SampleEvents.names())
                    + ") or inline events");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isTextual()) {
                Optional<JsonNode> ev = SampleEvents.get(e.asText());
                if (ev.isEmpty()) {
                    p.problem(ptr + "/" + i, "unknown sample event '" + e.asText() + "'" + Suggestions.hint(e.asText(),
                            SampleEvents.names()) + "; known: " + String.join(", ", SampleEvents.names()));
                } else {
                    out.add(new Condition.SampleEvent(e.asText(), ev.get()));
                }
            } else if (e.isObject()) {
                String name = e.path("eventName").asText("inline event " + i);
                out.add(new Condition.SampleEvent(name, e));
            } else {
                p.problem(ptr + "/" + i, "expected a sample event name or an inline event (a mapping)");
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
            p.unknownKeys(v, ptr, RuleGrammar.POLICY_REF.keys(), "a policy reference");
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
        p.problem(ptr, "expected a path such as $.Policy, or {of: self|RELATION, path: $.Policy}");
        return new PolicyRefOrNull(null);
    }


    /**
     * A name that stands for a resource ({@code self}, a related element, a relation or a binding), resolved in the
     * current scope; {@code null} (reported) when there is none by that name here.
     */
    private Name resourceName(String name, String ptr) {
        Name n = scopes.resolve(name, false);
        if (n == null) {
            p.problem(ptr, "unknown name '" + name + "' for " + String.join(", ", scopes.types())
                    + Suggestions.hint(name, scopes.visibleNames(false)) + "; known here: "
                    + String.join(", ", scopes.visibleNames(false)));
        }
        return n;
    }

    /** The relation {@code related:} follows from the current scope's resource, or {@code null} (reported). */
    Name.Follow relationType(String name, String ptr) {
        for (String t : scopes.types()) {
            if (scopes.relations().find(name, t).isEmpty()) {
                Set<String> known = new LinkedHashSet<>(scopes.relations().namesFor(t));
                known.addAll(p.lets().keySet());
                p.problem(ptr, "unknown relation '" + name + "' for " + t + Suggestions.hint(name, known)
                        + (known.isEmpty() ? "; it has no relations" : "; known: " + String.join(", ", known)), true);
                return null;
            }
        }
        return scopes.follow(name, scopes.current());
    }

    private Operand operand(JsonNode v, String ptr) {
        if (v.isObject() && v.size() == 1 && v.has("param")) {
            String name = v.get("param").asText();
            if (!p.params().containsKey(name)) {
                p.problem(ptr + "/param", "unknown parameter '" + name + "'" + Suggestions.hint(name, p.params().keySet())
                        + (p.params().isEmpty() ? "; declare it under params:" : "; declared: " + String.join(", ", p.params().keySet())));
            }
            return new Operand.Param(name);
        }
        if (v.isTextual() && v.asText().contains("{{")) {
            Template t = p.compileTemplate(v.asText(), ptr);
            return t == null ? new Operand.Literal(v) : new Operand.Templated(t);
        }
        return new Operand.Literal(v);
    }

    PathSelector path(JsonNode v, String ptr) {
        if (v == null || !v.isTextual()) {
            p.problem(ptr, "expected a JSONPath string such as $.Status.IsLogging");
            return null;
        }
        try {
            return PathSelector.compile(v.asText());
        } catch (IllegalArgumentException e) {
            p.problem(ptr, e.getMessage(), true);
            return null;
        }
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
}
