package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.trailguard.core.Evidence;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.dsl.Condition;
import io.trailguard.core.dsl.Durations;
import io.trailguard.core.dsl.Operand;
import io.trailguard.core.dsl.Operator;
import io.trailguard.core.dsl.PathSelector;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.RuleDefinition.LetBinding;
import io.trailguard.core.dsl.Template;
import io.trailguard.core.engine.Outcome.Value;
import io.trailguard.core.logs.FilterPattern;
import io.trailguard.core.logs.FilterPatternException;
import io.trailguard.core.policy.AccessRequest;
import io.trailguard.core.policy.Decision;
import io.trailguard.core.policy.Grantee;
import io.trailguard.core.policy.PolicyEvaluator;
import io.trailguard.core.policy.PolicyInput;
import io.trailguard.core.policy.PublicAccess;
import io.trailguard.core.policy.StatementRef;
import io.trailguard.core.relation.Relation;
import io.trailguard.core.relation.RelationResult;
import io.trailguard.core.relation.Relations;
import io.trailguard.core.snapshot.AccountInfo;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import io.trailguard.core.snapshot.Timestamps;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates one rule's conditions for one subject with Kleene three-valued logic. Not thread-safe: one instance
 * per (rule, subject); the relation cache it reads is shared and thread-safe.
 */
final class Evaluator {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** How many related resources' ids evidence lists (a central bucket may have a thousand trails). */
    private static final int SHOWN_IDS = 10;

    /** Where a condition is evaluated: the document paths read from, the resource it belongs to, bound names. */
    record Frame(JsonNode doc, ResourceNode resource, boolean atRoot, String prefix, Map<String, ResourceNode> bound) {
        Frame child(JsonNode element, String path) {
            return new Frame(element, resource, false, path, bound);
        }

        Frame withDoc(JsonNode d) {
            return new Frame(d, resource, atRoot, prefix, bound);
        }

        Frame on(ResourceNode r, String name) {
            Map<String, ResourceNode> b = new HashMap<>(bound);
            b.put(name, r);
            return new Frame(r.configuration(), r, true, "", b);
        }
    }

    private final RuleDefinition rule;
    private final SnapshotIndex index;
    private final ObjectNode params;
    private final ResourceNode subject;
    private final RelationCache cache;
    private final Map<String, Filtered> lets = new HashMap<>();
    /** Resources with their metadata as template roots, by identity (see {@link #meta}); made on first use. */
    private Map<ResourceNode, ObjectNode> metas;
    /** Made on the first denied request: most evaluations ask no policy question. */
    private PolicyQuestions.Failures failures;

    Evaluator(RuleDefinition rule, SnapshotIndex index, ObjectNode params, ResourceNode subject, RelationCache cache) {
        this.rule = rule;
        this.index = index;
        this.params = params;
        this.subject = subject;
        this.cache = cache;
    }

    /**
     * The relation of a rule's {@code when} when that is a bare {@code related: X, exists: true} (no filter, no
     * reason, not a {@code let}) for subjects of that type, else {@code null}. Such a rule does not apply to a subject
     * exactly when the relation finds nothing from it and is complete: most subjects of the bucket and key rules (only
     * log buckets and keys have trails), so the engine decides those without evaluating.
     */
    static Relation bareWhenRelation(RuleDefinition rule, String subjectType) {
        if (!(rule.when() instanceof Condition.Related r) || r.check() != Condition.RelatedCheck.EXISTS || !r.exists()
                || r.where() != null || r.because() != null || rule.lets().containsKey(r.relation())) {
            return null;
        }
        return Relations.find(r.relation(), subjectType).orElse(null);
    }

    /**
     * The outcome of a {@link #bareWhenRelation bare relation} {@code when} that does not hold: FALSE, with the
     * evidence {@link #related} would give, decided without an evaluator; {@code null} when it may hold.
     */
    static Outcome emptyRelationWhen(RuleDefinition rule, SnapshotIndex index, ResourceNode subject,
                                     RelationCache cache) {
        Relation rel = bareWhenRelation(rule, subject.type());
        if (rel == null) {
            return null;
        }
        RelationResult found = cache.get(rel, subject, () -> rel.resolve(index, subject));
        if (!found.isSurelyEmpty()) {
            return null;
        }
        return Outcome.of(false, new Evidence(subject.id(), "related " + rel.name(), "[]", found.sought()));
    }

    Frame root() {
        return new Frame(subject.configuration(), subject, true, "", Map.of());
    }

    Outcome eval(Condition c, Frame f) {
        Outcome o = evalNode(c, f);
        if (c.because() != null && o.isFalse()) {
            o = o.because(render(c.because(), f));
        }
        return o;
    }

    private Outcome evalNode(Condition c, Frame f) {
        // Java 17 has no pattern switch; the sealed interface keeps this list closed.
        if (c instanceof Condition.Compare cmp) {
            return compare(cmp, f);
        } else if (c instanceof Condition.All all) {
            return all(all, f);
        } else if (c instanceof Condition.Any any) {
            return any(any, f);
        } else if (c instanceof Condition.Not not) {
            return eval(not.child(), f).negate();
        } else if (c instanceof Condition.Quantified q) {
            return quantified(q, f);
        } else if (c instanceof Condition.Related r) {
            return related(r, f);
        } else if (c instanceof Condition.Access a) {
            return access(a, f);
        } else if (c instanceof Condition.Public p) {
            return publicAccess(p, f);
        } else if (c instanceof Condition.WhoMay w) {
            return whoMay(w, f);
        } else if (c instanceof Condition.MatchesEvents m) {
            return matchesEvents(m, f);
        }
        throw new IllegalStateException("unhandled condition " + c.getClass());
    }

    private Outcome all(Condition.All all, Frame f) {
        List<Outcome> unknowns = new ArrayList<>();
        List<Outcome> trues = new ArrayList<>();
        for (Condition c : all.children()) {
            Outcome o = eval(c, f);
            if (o.isFalse()) {
                return o;
            }
            (o.isUnknown() ? unknowns : trues).add(o);
        }
        if (!unknowns.isEmpty()) {
            return new Outcome(Value.UNKNOWN, Outcome.concat(unknowns), unknowns.get(0).unknown());
        }
        return new Outcome(Value.TRUE, Outcome.concat(trues), null);
    }

    private Outcome any(Condition.Any any, Frame f) {
        List<Outcome> unknowns = new ArrayList<>();
        List<Outcome> falses = new ArrayList<>();
        for (Condition c : any.children()) {
            Outcome o = eval(c, f);
            if (o.isTrue()) {
                return o;
            }
            (o.isUnknown() ? unknowns : falses).add(o);
        }
        if (!unknowns.isEmpty()) {
            return new Outcome(Value.UNKNOWN, Outcome.concat(unknowns), unknowns.get(0).unknown());
        }
        return new Outcome(Value.FALSE, Outcome.concat(falses), null, Outcome.reasons(falses));
    }

    // ---- leaves ----------------------------------------------------------------------------------------------

    private Outcome compare(Condition.Compare c, Frame f) {
        String shown = c.path() == null ? c.value().source()
                : f.prefix().isEmpty() && c.path().text().startsWith("$") ? c.path().text()
                : dollar(f.prefix() + c.path().text().substring(1));
        if (c.path() != null && f.atRoot()) {
            UnknownReason gap = fieldGap(f.resource(), c.path().topField());
            if (gap != null) {
                return Outcome.unknown(gap, new Evidence(f.resource().id(), shown, null, "could not be read"));
            }
        }
        JsonNode v = c.path() != null ? c.path().selectOne(f.doc()) : value(c.value(), f);
        if (v != null && v.isNull()) {
            v = null;
        }
        Operator op = c.operator();
        if (op == Operator.EXISTS || op == Operator.ABSENT) {
            boolean present = v != null;
            return Outcome.of(op == Operator.EXISTS ? present : !present,
                    new Evidence(f.resource().id(), shown, v == null ? null : compact(v), op.describe("")));
        }
        JsonNode operand = c.operand() == null ? null : operand(c.operand(), f);
        String expected = subjectIndependent(c) ? cache.text(c, params, () -> expected(c, op, operand, f))
                : expected(c, op, operand, f);
        if (v == null) {
            if (c.defaultValue() == null) {
                return Outcome.unknown(new UnknownReason(UnknownReason.Code.MISSING_FIELD, shown + " is absent from "
                        + f.resource().id() + " and the rule gives no default"),
                        new Evidence(f.resource().id(), shown, null, expected));
            }
            v = c.defaultValue();
        }
        Boolean result = apply(op, v, operand, c, f);
        Evidence e = new Evidence(f.resource().id(), shown, compact(v), expected);
        if (result == null) {
            return Outcome.unknown(new UnknownReason(UnknownReason.Code.MISSING_FIELD, shown + " of "
                    + f.resource().id() + " has a value the rule cannot compare: " + compact(v)), e);
        }
        return Outcome.of(result, e);
    }

    /** A path as shown in evidence: with one leading {@code $}. */
    private static String dollar(String path) {
        return path.startsWith("$") ? path : "$" + path;
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** An IAM-style wildcard pattern ({@code *} any run of characters, {@code ?} one character) as an RE2 pattern. */
    private static Pattern wildcard(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("(?<=[*?])|(?=[*?])")) {
            re.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }

    /** The comparison; {@code null} when the value has the wrong type to compare. */
    private Boolean apply(Operator op, JsonNode v, JsonNode operand, Condition.Compare c, Frame f) {
        switch (op) {
            case EQUALS:
                return same(v, operand);
            case NOT_EQUALS:
                return !same(v, operand);
            case IN:
            case NOT_IN: {
                boolean in = false;
                if (operand != null && operand.isArray()) {
                    for (JsonNode x : operand) {
                        in |= same(v, x);
                    }
                } else {
                    in = same(v, operand);
                }
                return op == Operator.IN ? in : !in;
            }
            case LIKE:
            case NOT_LIKE: {
                if (!v.isTextual()) {
                    return null;
                }
                boolean like = false;
                for (JsonNode x : operand == null ? List.<JsonNode>of() : operand.isArray() ? iterable(operand) : List.of(operand)) {
                    like |= wildcard(x.asText()).matcher(v.asText()).matches();
                }
                return op == Operator.LIKE ? like : !like;
            }
            case CONTAINS: {
                if (v.isArray()) {
                    for (JsonNode x : v) {
                        if (same(x, operand)) {
                            return true;
                        }
                    }
                    return false;
                }
                return v.isTextual() && operand != null ? v.asText().contains(operand.asText()) : null;
            }
            case STARTS_WITH:
                return v.isTextual() && operand != null ? v.asText().startsWith(operand.asText()) : null;
            case ENDS_WITH:
                return v.isTextual() && operand != null ? v.asText().endsWith(operand.asText()) : null;
            case MATCHES: {
                if (!v.isValueNode()) {
                    return null;
                }
                Pattern p = c.pattern();
                if (p == null) {
                    try {
                        p = Pattern.compile(operand == null ? "" : operand.asText());
                    } catch (PatternSyntaxException e) {
                        return null;
                    }
                }
                return p.matcher(v.asText()).find();
            }
            case GREATER_THAN:
            case LESS_THAN:
            case AT_LEAST:
            case AT_MOST:
                return numeric(op, number(v), number(operand));
            case OLDER_THAN:
            case NEWER_THAN: {
                Instant t = instant(v);
                Duration d = operand == null ? null : Durations.parse(operand.asText());
                if (t == null || d == null) {
                    return null;
                }
                Instant limit = index.capturedAt().minus(d);
                return op == Operator.OLDER_THAN ? t.isBefore(limit) : !t.isBefore(limit);
            }
            case SIZE: {
                BigDecimal size = BigDecimal.valueOf(v.isArray() || v.isObject() ? v.size() : v.isTextual() ? v.asText().length() : -1);
                if (size.signum() < 0) {
                    return null;
                }
                for (var e : c.sizeChecks().entrySet()) {
                    Boolean ok = numeric(e.getKey(), size, number(operand(e.getValue(), f)));
                    if (ok == null || !ok) {
                        return ok;
                    }
                }
                return true;
            }
            default:
                throw new IllegalStateException("operator " + op);
        }
    }

    private String expected(Condition.Compare c, Operator op, JsonNode operand, Frame f) {
        return op == Operator.SIZE ? op.describe(sizeText(c, f)) : op.describe(text(operand));
    }

    /** Whether what a comparison expects is the same for every subject: no operand is a template. */
    private static boolean subjectIndependent(Condition.Compare c) {
        if (c.operand() instanceof Operand.Templated) {
            return false;
        }
        if (c.sizeChecks().isEmpty()) {
            return true;
        }
        for (Operand o : c.sizeChecks().values()) {
            if (o instanceof Operand.Templated) {
                return false;
            }
        }
        return true;
    }

    private String sizeText(Condition.Compare c, Frame f) {
        List<String> parts = new ArrayList<>();
        c.sizeChecks().forEach((op, operand) -> parts.add(op.describe(text(operand(operand, f)))));
        return String.join(" and ", parts);
    }

    private static Boolean numeric(Operator op, BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return null;
        }
        int cmp = a.compareTo(b);
        return switch (op) {
            case EQUALS -> cmp == 0;
            case NOT_EQUALS -> cmp != 0;
            case GREATER_THAN -> cmp > 0;
            case LESS_THAN -> cmp < 0;
            case AT_LEAST -> cmp >= 0;
            case AT_MOST -> cmp <= 0;
            default -> throw new IllegalStateException("not numeric: " + op);
        };
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static BigDecimal number(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Instant instant(JsonNode v) {
        if (v.isNumber()) {
            double d = v.asDouble();
            // AWS JSON timestamps are epoch seconds; values past year 2286 in seconds are taken as milliseconds
            return d > 1e10 ? Instant.ofEpochMilli((long) d) : Instant.ofEpochMilli((long) (d * 1000));
        }
        return v.isTextual() ? Timestamps.parse(v.asText()) : null;
    }

    /** {@code matches_events}: what the filter pattern at the path matches among sample events. */
    private Outcome matchesEvents(Condition.MatchesEvents m, Frame f) {
        String shown = "$" + (f.prefix() + m.path().text().substring(1)).replaceFirst("^\\$", "");
        String expected = "a filter pattern matching " + names(m.match()) + (m.ignore().isEmpty() ? ""
                : " and not " + names(m.ignore()));
        if (f.atRoot()) {
            UnknownReason gap = fieldGap(f.resource(), m.path().topField());
            if (gap != null) {
                return Outcome.unknown(gap, new Evidence(f.resource().id(), shown, null, "could not be read"));
            }
        }
        JsonNode v = m.path().selectOne(f.doc());
        if (v == null || v.isNull()) {
            return Outcome.unknown(new UnknownReason(UnknownReason.Code.MISSING_FIELD, shown + " is absent from "
                    + f.resource().id()), new Evidence(f.resource().id(), shown, null, expected));
        }
        if (!v.isTextual()) {
            return Outcome.of(false, new Evidence(f.resource().id(), shown, compact(v), expected));
        }
        FilterPattern p;
        try {
            p = FilterPattern.parse(v.asText());
        } catch (FilterPatternException e) {
            return Outcome.of(false, new Evidence(f.resource().id(), shown, compact(v), expected + " (" + e.getMessage() + ")"));
        }
        if (!p.supported()) {
            return Outcome.unknown(new UnknownReason(UnknownReason.Code.MISSING_FIELD, "the space-delimited filter pattern "
                    + v.asText() + " of " + f.resource().id() + " cannot be judged against CloudTrail events"),
                    new Evidence(f.resource().id(), shown, compact(v), expected));
        }
        List<String> missed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Condition.SampleEvent e : m.match()) {
            if (!p.matches(e.event())) {
                missed.add(e.name());
            }
        }
        for (Condition.SampleEvent e : m.ignore()) {
            if (p.matches(e.event())) {
                wrong.add(e.name());
            }
        }
        String actual = compact(v) + (missed.isEmpty() && wrong.isEmpty() ? ": matches as expected"
                : (missed.isEmpty() ? "" : ": does not match " + String.join(", ", missed))
                + (wrong.isEmpty() ? "" : ": also matches " + String.join(", ", wrong)));
        return Outcome.of(missed.isEmpty() && wrong.isEmpty(), new Evidence(f.resource().id(), shown, actual, expected));
    }

    private static String names(List<Condition.SampleEvent> events) {
        return events.isEmpty() ? "(none)" : String.join(", ", events.stream().map(Condition.SampleEvent::name).toList());
    }

    // ---- quantifiers -----------------------------------------------------------------------------------------

    private Outcome quantified(Condition.Quantified q, Frame f) {
        String shown = dollar(f.prefix() + q.path().text().substring(1));
        if (f.atRoot()) {
            UnknownReason gap = fieldGap(f.resource(), q.path().topField());
            if (gap != null) {
                return Outcome.unknown(gap, new Evidence(f.resource().id(), shown, null, "could not be read"));
            }
        }
        List<JsonNode> items = q.path().selectAll(f.doc());
        List<Outcome> results = new ArrayList<>(items.size());
        String base = f.prefix() + q.path().text().substring(1);
        for (int i = 0; i < items.size(); i++) {
            results.add(eval(q.each(), f.child(items.get(i), base + "[" + i + "]")));
        }
        Evidence none = new Evidence(f.resource().id(), shown, items.isEmpty() ? "[]" : null,
                q.quantifier().name().toLowerCase() + " element to match");
        return quantify(q.quantifier(), results, null, none);
    }

    /** Combines per-element outcomes; {@code gap} means more elements may exist than were seen. */
    private static Outcome quantify(Condition.Quantifier q, List<Outcome> results, UnknownReason gap, Evidence empty) {
        Outcome firstTrue = null;
        Outcome firstFalse = null;
        Outcome firstUnknown = null;
        for (Outcome o : results) {
            if (o.isTrue() && firstTrue == null) {
                firstTrue = o;
            } else if (o.isFalse() && firstFalse == null) {
                firstFalse = o;
            } else if (o.isUnknown() && firstUnknown == null) {
                firstUnknown = o;
            }
        }
        UnknownReason why = firstUnknown != null ? firstUnknown.unknown() : gap;
        List<Evidence> ev = firstUnknown != null ? firstUnknown.evidence() : List.of(empty);
        switch (q) {
            case SOME:
                if (firstTrue != null) {
                    return firstTrue;
                }
                if (why != null) {
                    return new Outcome(Value.UNKNOWN, ev, why);
                }
                return new Outcome(Value.FALSE, results.isEmpty() ? List.of(empty) : Outcome.concat(results), null,
                        Outcome.reasons(results));
            case EVERY:
                if (firstFalse != null) {
                    List<Outcome> falses = results.stream().filter(Outcome::isFalse).toList();
                    return new Outcome(Value.FALSE, Outcome.concat(falses), null, Outcome.reasons(falses));
                }
                if (why != null) {
                    return new Outcome(Value.UNKNOWN, ev, why);
                }
                return new Outcome(Value.TRUE, results.isEmpty() ? List.of(empty) : Outcome.concat(results), null);
            case NONE:
                if (firstTrue != null) {
                    return firstTrue.negate();
                }
                if (why != null) {
                    return new Outcome(Value.UNKNOWN, ev, why);
                }
                return new Outcome(Value.TRUE, results.isEmpty() ? List.of(empty) : Outcome.concat(results), null);
            default:
                throw new IllegalStateException();
        }
    }

    // ---- policy questions ------------------------------------------------------------------------------------

    /** The resource that holds a policy and the document it is read from. */
    private record Holder(ResourceNode resource, JsonNode doc, boolean root, UnknownReason missing) {
    }

    private Holder holder(Condition.PolicyRef ref, Frame f) {
        if (ref.of() == null) {
            return new Holder(f.resource(), f.doc(), f.atRoot(), null);
        }
        ResourceNode r = named(ref.of(), f);
        if (r == null) {
            return new Holder(null, null, false, new UnknownReason(UnknownReason.Code.NOT_IN_SNAPSHOT,
                    "no " + ref.of() + " found for " + f.resource().id()));
        }
        return new Holder(r, r.configuration(), true, null);
    }

    /** A named resource: self, a bound relation element, or the first resource of a relation or let binding. */
    private ResourceNode named(String name, Frame f) {
        if (name.equals("self")) {
            return subject;
        }
        ResourceNode bound = f.bound().get(name);
        if (bound != null) {
            return bound;
        }
        LetBinding let = rule.lets().get(name);
        List<ResourceNode> found = let != null ? let(let).kept()
                : Relations.find(name, f.resource().type()).isPresent() ? relation(name, f.resource()).found()
                : relation(name, subject).found();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Reads and parses the policy a reference names: a gap or a malformed document makes it unknown. */
    private Object policy(Condition.PolicyRef ref, Frame f) {
        Holder h = holder(ref, f);
        if (h.missing() != null) {
            return h.missing();
        }
        if (h.root()) {
            UnknownReason gap = fieldGap(h.resource(), ref.path().topField());
            if (gap != null) {
                return gap;
            }
        }
        JsonNode node = ref.path().selectOne(h.doc());
        PolicyQuestions.Parsed p = cache.policies().parse(node, h.resource(), ref.path().text());
        if (p.problem() != null) {
            return p.problem();
        }
        return PolicyInput.resource(h.resource().id(), p.document(), h.resource().accountId());
    }

    private Outcome access(Condition.Access a, Frame f) {
        List<PolicyInput> inputs = new ArrayList<>();
        PolicyInput resourcePolicy = null;
        ResourceNode holder = f.resource();
        if (a.policy() != null) {
            Object p = policy(a.policy(), f);
            if (p instanceof UnknownReason u) {
                return Outcome.unknown(u, new Evidence(f.resource().id(), "policy " + a.policy().path().text(), null,
                        "a readable policy"));
            }
            resourcePolicy = (PolicyInput) p;
            inputs.add(resourcePolicy);
            holder = holder(a.policy(), f).resource();
        }
        String principal = a.principal() == null ? null : render(a.principal(), f);
        if (a.identity() != null) {
            ResourceNode role = named(a.identity(), f);
            if (role == null) {
                return Outcome.of(!a.expectAllowed(), new Evidence(f.resource().id(), "identity " + a.identity(), null,
                        "an IAM role (none found, so nothing is allowed)"));
            }
            for (String field : List.of("RolePolicyList", "AttachedManagedPolicies")) {
                UnknownReason gap = fieldGap(role, field);
                if (gap != null) {
                    return Outcome.unknown(gap, new Evidence(role.id(), "$." + field, null, "readable role policies"));
                }
            }
            inputs.addAll(cache.policies().identityPolicies(role));
            if (principal == null) {
                principal = role.text("Arn") != null ? role.text("Arn") : role.id();
            }
        }
        if (a.moreActions().isEmpty()) {
            return accessOne(a, f, inputs, resourcePolicy, holder, principal, a.action());
        }
        // A list of actions: every one must have the expected decision; each is evaluated (none skipped), so that
        // every denied request is recorded for the fix.
        List<Outcome> results = new ArrayList<>();
        for (Template action : a.actions()) {
            results.add(accessOne(a, f, inputs, resourcePolicy, holder, principal, action));
        }
        List<Outcome> falses = results.stream().filter(Outcome::isFalse).toList();
        if (!falses.isEmpty()) {
            return new Outcome(Value.FALSE, Outcome.concat(falses), null, Outcome.reasons(falses));
        }
        return new Outcome(Value.TRUE, Outcome.concat(results), null);
    }

    private Outcome accessOne(Condition.Access a, Frame f, List<PolicyInput> inputs, PolicyInput resourcePolicy,
                              ResourceNode holder, String principal, Template action) {
        AccessRequest req = AccessRequest.of(principal, render(action, f), render(a.resource(), f));
        for (var e : a.context().entrySet()) {
            JsonNode v = value(e.getValue(), f);
            if (v == null) {
                continue;
            }
            List<String> values = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(x -> values.add(x.asText()));
            } else {
                values.add(v.asText());
            }
            req = req.with(e.getKey(), values.toArray(new String[0]));
        }
        if (holder != null && resourcePolicy != null) {
            req = req.withResourceAccount(holder.accountId());
        }
        Decision d = PolicyEvaluator.evaluate(inputs, req);
        boolean holds = a.expectExplicitDeny() ? d.outcome() == Decision.Outcome.EXPLICIT_DENY
                : d.allowed() == a.expectAllowed();
        if (!holds && a.expectAllowed() && resourcePolicy != null && holder != null) {
            if (failures == null) {
                failures = new PolicyQuestions.Failures();
            }
            failures.add(holder, resourcePolicy, req);
        }
        String deciding = d.statements().isEmpty() ? "no statement matches"
                : String.join(", ", d.statements().stream().map(StatementRef::label).toList());
        return Outcome.of(holds, new Evidence(holder == null ? f.resource().id() : holder.id(),
                "access " + req.describe(), d.outcome() + " (" + deciding + ")",
                a.expectAllowed() ? "allowed" : a.expectExplicitDeny() ? "explicitly denied" : "denied"));
    }

    private Outcome publicAccess(Condition.Public p, Frame f) {
        Object policy = policy(p.policy(), f);
        if (policy instanceof UnknownReason u) {
            return Outcome.unknown(u, new Evidence(f.resource().id(), "policy " + p.policy().path().text(), null,
                    "a readable policy"));
        }
        PublicAccess pa = PolicyEvaluator.publicAccess((PolicyInput) policy);
        String grants = pa.grants().isEmpty() ? "no public grant"
                : String.join("; ", pa.grants().stream().map(g -> g.statement().label() + ": " + g.reason()).toList());
        return Outcome.of(pa.isPublic(), new Evidence(holder(p.policy(), f).resource().id(),
                "public " + p.policy().path().text(), grants, "not public (S3 Block Public Access definition)"));
    }

    private Outcome whoMay(Condition.WhoMay w, Frame f) {
        Object policy = policy(w.policy(), f);
        if (policy instanceof UnknownReason u) {
            return Outcome.unknown(u, new Evidence(f.resource().id(), "policy " + w.policy().path().text(), null,
                    "a readable policy"));
        }
        String action = render(w.action(), f);
        String resource = render(w.resource(), f);
        List<Grantee> grantees = PolicyEvaluator.whoMay((PolicyInput) policy, action, resource);
        List<Outcome> results = new ArrayList<>(grantees.size());
        for (int i = 0; i < grantees.size(); i++) {
            Grantee g = grantees.get(i);
            ObjectNode o = F.objectNode();
            o.put("principal", g.principal().value());
            o.put("type", g.principal().type().name());
            o.put("breadth", g.breadth().name());
            o.put("access", g.access().name());
            ArrayNode by = o.putArray("allowedBy");
            g.allowedBy().forEach(s -> by.add(s.label()));
            ArrayNode denied = o.putArray("deniedBy");
            g.deniedBy().forEach(s -> denied.add(s.label()));
            results.add(eval(w.each(), f.child(o, "who_may(" + action + ")[" + i + "]")));
        }
        Evidence none = new Evidence(f.resource().id(), "who_may " + action + " on " + resource,
                grantees.isEmpty() ? "[]" : null, "principals to check");
        return quantify(w.quantifier(), results, null, none);
    }

    /** The fix data of the policies that denied required requests, or {@code null}. */
    ObjectNode missing() {
        return failures == null ? null : failures.missing();
    }

    // ---- relations -------------------------------------------------------------------------------------------

    /** A relation's resources after its {@code where} filter: those that pass, and how many might. */
    private record Filtered(List<ResourceNode> kept, int maybe, UnknownReason gap, String sought,
                            UnknownReason maybeReason) {
    }

    private Outcome related(Condition.Related r, Frame f) {
        Filtered fl = filtered(r.relation(), r.where(), f);
        List<ResourceNode> kept = fl.kept();
        String ids = ids(kept);
        String path = "related " + r.relation();
        UnknownReason gap = fl.gap();
        if (gap == null && fl.maybe() > 0) {
            gap = fl.maybeReason();
        }
        Evidence found = new Evidence(f.resource().id(), path, ids, fl.sought());
        switch (r.check()) {
            case EXISTS: {
                Outcome o;
                if (!kept.isEmpty()) {
                    o = Outcome.of(true, found);
                } else if (gap != null) {
                    return Outcome.unknown(gap, found);
                } else {
                    o = Outcome.of(false, found);
                }
                return r.exists() ? o : o.negate();
            }
            case THAT: {
                if (kept.isEmpty()) {
                    return gap != null ? Outcome.unknown(gap, found)
                            : Outcome.of(false, new Evidence(f.resource().id(), path, null, fl.sought() + " (not found)"));
                }
                return eval(r.each(), f.on(kept.get(0), r.relation()));
            }
            case EVERY:
            case SOME:
            case NONE: {
                List<Outcome> results = new ArrayList<>(kept.size());
                for (ResourceNode n : kept) {
                    results.add(eval(r.each(), f.on(n, r.relation())));
                }
                return quantify(Condition.Quantifier.valueOf(r.check().name()), results, gap, found);
            }
            case COUNT: {
                int min = kept.size();
                if (r.distinct() != null) {
                    Set<String> distinct = new HashSet<>();
                    for (ResourceNode n : kept) {
                        JsonNode v = r.distinct().selectOne(n.configuration());
                        distinct.add(v == null ? n.id() : v.asText());
                    }
                    min = distinct.size();
                }
                boolean atMin = countHolds(r, f, min);
                boolean unbounded = fl.gap() != null;
                if (fl.maybe() > 0 || unbounded) {
                    boolean atMax = countHolds(r, f, unbounded ? Integer.MAX_VALUE : min + fl.maybe());
                    if (atMin != atMax) {
                        return Outcome.unknown(gap, found);
                    }
                }
                return Outcome.of(atMin, new Evidence(f.resource().id(), "count of " + r.relation(),
                        String.valueOf(min) + (kept.isEmpty() ? "" : " (" + ids + ")"),
                        countText(r, f)));
            }
            default:
                throw new IllegalStateException();
        }
    }

    /** Evidence listing related resources: their ids, the first {@value #SHOWN_IDS} when there are more. */
    private static String ids(List<ResourceNode> nodes) {
        if (nodes.isEmpty()) {
            return "[]";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes.size() && i < SHOWN_IDS; i++) {
            sb.append(i == 0 ? "" : ", ").append(nodes.get(i).id());
        }
        if (nodes.size() > SHOWN_IDS) {
            sb.append(", … (").append(nodes.size()).append(" in all)");
        }
        return sb.toString();
    }

    private boolean countHolds(Condition.Related r, Frame f, int n) {
        for (var e : r.countChecks().entrySet()) {
            Boolean ok = numeric(e.getKey(), BigDecimal.valueOf(n), number(operand(e.getValue(), f)));
            if (ok == null || !ok) {
                return false;
            }
        }
        return true;
    }

    private String countText(Condition.Related r, Frame f) {
        List<String> parts = new ArrayList<>();
        r.countChecks().forEach((op, o) -> parts.add(op.describe(text(operand(o, f)))));
        return "a count that " + String.join(" and ", parts);
    }

    private Filtered filtered(String name, Condition where, Frame f) {
        LetBinding let = rule.lets().get(name);
        Filtered base = let != null ? let(let) : unfiltered(relation(name, f.resource()));
        return where == null ? base : filter(base, name, where, f);
    }

    private static Filtered unfiltered(RelationResult r) {
        return new Filtered(r.found(), 0, r.gap(), r.sought(), null);
    }

    /** Keeps the resources for which {@code where} holds; those for which it is unknown are counted as maybe. */
    private Filtered filter(Filtered base, String name, Condition where, Frame f) {
        List<ResourceNode> kept = new ArrayList<>();
        int maybe = base.maybe();
        UnknownReason firstUnknown = base.maybeReason();
        for (ResourceNode n : base.kept()) {
            Outcome o = eval(where, f.on(n, name));
            if (o.isTrue()) {
                kept.add(n);
            } else if (o.isUnknown()) {
                maybe++;
                if (firstUnknown == null) {
                    firstUnknown = o.unknown();
                }
            }
        }
        return new Filtered(kept, maybe, base.gap(), base.sought(), firstUnknown);
    }

    /** A {@code let} binding: its relation from the subject, filtered; cached per evaluator. */
    private Filtered let(LetBinding let) {
        Filtered cached = lets.get(let.name());
        if (cached == null) {
            Filtered base = unfiltered(relation(let.relation(), subject));
            cached = let.where() == null ? base : filter(base, let.name(), let.where(), root());
            lets.put(let.name(), cached);
        }
        return cached;
    }

    RelationResult relation(String name, ResourceNode from) {
        Relation rel = Relations.find(name, from.type()).orElseThrow(() ->
                new IllegalStateException("relation " + name + " for " + from.type()));
        return cache.get(rel, from, () -> rel.resolve(index, from));
    }

    private UnknownReason fieldGap(ResourceNode r, String field) {
        return index.gaps().fieldGap(r, field).orElse(null);
    }

    // ---- values and templates --------------------------------------------------------------------------------

    private JsonNode operand(Operand o, Frame f) {
        if (o instanceof Operand.Literal l) {
            return l.value();
        } else if (o instanceof Operand.Param p) {
            return params.get(p.name());
        } else if (o instanceof Operand.Templated t) {
            return value(t.template(), f);
        }
        throw new IllegalStateException("unhandled operand " + o.getClass());
    }

    JsonNode value(Template t, Frame f) {
        JsonNode v = t.value(root -> resolveRoot(root, f));
        return v == null || v.isNull() ? null : v;
    }

    String render(Template t, Frame f) {
        return t.render(root -> resolveRoot(root, f));
    }

    JsonNode resolveRoot(String name, Frame f) {
        switch (name) {
            case "self":
                return meta(subject);
            case "params":
                return params;
            case "snapshot": {
                ObjectNode s = F.objectNode();
                s.put("capturedAt", index.capturedAt().toString());
                return s;
            }
            case "account":
                return account(subject.accountId());
            case "missing":
                return missing();
            default:
                break;
        }
        ResourceNode bound = f.bound().get(name);
        if (bound != null) {
            return meta(bound);
        }
        List<ResourceNode> found;
        boolean many;
        LetBinding let = rule.lets().get(name);
        if (let != null) {
            found = let(let).kept();
            many = true;
        } else {
            var rel = Relations.find(name, subject.type());
            if (rel.isEmpty()) {
                return null;
            }
            found = relation(name, subject).found();
            many = rel.get().many();
        }
        if (!many) {
            return found.isEmpty() ? null : meta(found.get(0));
        }
        ArrayNode a = F.arrayNode();
        found.forEach(n -> a.add(meta(n)));
        return a;
    }

    private ObjectNode account(String id) {
        ObjectNode a = F.objectNode();
        a.put("id", id);
        AccountInfo info = index.accounts().get(id);
        if (info != null && info.name() != null) {
            a.put("name", info.name());
        }
        if (info != null) {
            info.regions().forEach(a.putArray("regions")::add);
        }
        return a;
    }

    /** {@link #withMeta}, made once per resource for this evaluator: templates read it for every {@code {{ }}}. */
    private ObjectNode meta(ResourceNode r) {
        if (metas == null) {
            metas = new IdentityHashMap<>();
        }
        return metas.computeIfAbsent(r, Evaluator::withMeta);
    }

    /** The configuration with {@code id}, {@code type}, {@code accountId} and {@code region} beside it. */
    static ObjectNode withMeta(ResourceNode r) {
        return MetaFields.of(r);
    }

    private static String compact(JsonNode v) {
        if (v.isTextual() && v.textValue().length() <= 400) {
            String plain = plainQuoted(v.textValue());
            if (plain != null) {
                return plain;
            }
        } else if (v.isBoolean() || v.isIntegralNumber()) {
            return v.asText();
        } else if (v.isContainerNode() && v.isEmpty()) {
            return v.isArray() ? "[]" : "{}";
        }
        String s = v.toString();
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    /** The JSON text of a string that needs no escaping (the common case, without Jackson's writer), or null. */
    private static String plainQuoted(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == '"' || ch == '\\' || ch > 0x7e) {
                return null;
            }
        }
        return '"' + s + '"';
    }

    private static String text(JsonNode v) {
        if (v != null && v.isTextual()) {
            String plain = plainQuoted(v.textValue());
            return plain != null ? plain : v.toString();
        }
        return v == null ? "(none)" : compact(v);
    }
}
