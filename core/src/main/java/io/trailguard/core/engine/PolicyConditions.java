package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.Evidence;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.dsl.Condition;
import io.trailguard.core.dsl.Template;
import io.trailguard.core.engine.Evaluator.Frame;
import io.trailguard.core.engine.Outcome.Value;
import io.trailguard.core.policy.AccessRequest;
import io.trailguard.core.policy.Decision;
import io.trailguard.core.policy.DecisionRange;
import io.trailguard.core.policy.Grantee;
import io.trailguard.core.policy.PolicyEvaluator;
import io.trailguard.core.policy.PolicyInput;
import io.trailguard.core.policy.PublicAccess;
import io.trailguard.core.policy.StatementRef;
import io.trailguard.core.snapshot.ResourceNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy family: {@code access}, {@code public} and {@code who_may}, answered by the IAM policy evaluator. A
 * policy, role or request part that could not be read (an unread field, a relation whose listing failed, a
 * template over such a relation) makes the question unknown, never denied.
 */
final class PolicyConditions {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PolicyConditions() {
    }

    /** The resource that holds a policy and the document it is read from, or why there is none. */
    private record Holder(ResourceNode resource, JsonNode doc, boolean root, UnknownReason missing) {
    }

    private static Holder holder(Evaluator ev, Condition.PolicyRef ref, Frame f) {
        if (ref.of() == null) {
            return new Holder(f.resource(), f.doc(), f.atRoot(), null);
        }
        Evaluator.Named n = ev.named(ref.of(), f);
        if (n.node() == null) {
            return new Holder(null, null, false, n.gap() != null ? n.gap()
                    : new UnknownReason(UnknownReason.Code.NOT_IN_SNAPSHOT, "no " + ref.of().text() + " found for "
                    + f.resource().id() + " (" + n.sought() + ")"));
        }
        return new Holder(n.node(), n.node().configuration(), true, null);
    }

    /** Reads and parses the policy a reference names: a gap or a malformed document makes it unknown. */
    private static Object policy(Evaluator ev, Holder h, Condition.PolicyRef ref) {
        if (h.missing() != null) {
            return h.missing();
        }
        if (h.root()) {
            UnknownReason gap = ev.fieldGap(h.resource(), ref.path().topField());
            if (gap != null) {
                return gap;
            }
        }
        JsonNode node = ref.path().selectOne(h.doc());
        PolicyQuestions.Parsed p = ev.cache.policies().parse(node, h.resource(), ref.path().text());
        if (p.problem() != null) {
            return p.problem();
        }
        return PolicyInput.resource(h.resource().id(), p.document(), h.resource().accountId());
    }

    private static Outcome unreadable(UnknownReason u, Condition.PolicyRef ref, Frame f) {
        return Outcome.unknown(u, new Evidence(f.resource().id(), "policy " + ref.path().text(), null, "a readable policy"));
    }

    static Outcome access(Evaluator ev, Condition.Access a, Frame f) {
        List<PolicyInput> inputs = new ArrayList<>();
        PolicyInput resourcePolicy = null;
        ResourceNode holder = f.resource();
        if (a.policy() != null) {
            Holder h = holder(ev, a.policy(), f);
            Object p = policy(ev, h, a.policy());
            if (p instanceof UnknownReason u) {
                return unreadable(u, a.policy(), f);
            }
            resourcePolicy = (PolicyInput) p;
            inputs.add(resourcePolicy);
            holder = h.resource();
        }
        ev.takeGap();
        String principal = a.principal() == null ? null : ev.render(a.principal(), f);
        if (a.identity() != null) {
            Evaluator.Named role = ev.named(a.identity(), f);
            if (role.node() == null) {
                if (role.gap() != null) {
                    return Outcome.unknown(role.gap(), new Evidence(f.resource().id(), "identity " + a.identity().text(),
                            null, "an IAM role (" + role.sought() + ")"));
                }
                return Outcome.of(a.expect() != Condition.Expect.ALLOWED, new Evidence(f.resource().id(),
                        "identity " + a.identity().text(), null, "an IAM role (none found, so nothing is allowed)"));
            }
            for (String field : List.of("RolePolicyList", "AttachedManagedPolicies")) {
                UnknownReason gap = ev.fieldGap(role.node(), field);
                if (gap != null) {
                    return Outcome.unknown(gap, new Evidence(role.node().id(), "$." + field, null, "readable role policies"));
                }
            }
            PolicyQuestions.IdentityPolicies identity = ev.cache.policies().identityPolicies(role.node());
            if (identity.problem() != null) {
                return Outcome.unknown(identity.problem(), new Evidence(role.node().id(), "identity policies", null,
                        "readable role policies"));
            }
            inputs.addAll(identity.inputs());
            if (principal == null) {
                principal = role.node().text("Arn") != null ? role.node().text("Arn") : role.node().id();
            }
        }
        List<AccessRequest> requests = new ArrayList<>(a.actions().size());
        for (Template action : a.actions()) {
            requests.add(request(ev, a, f, holder, resourcePolicy, principal, action));
        }
        UnknownReason gap = ev.takeGap();
        if (gap != null) {
            // the request names a resource of a relation that could not be read: it may not be the real request
            return Outcome.unknown(gap, new Evidence(f.resource().id(), "access " + requests.get(0).describe(), null,
                    "a request whose parts could be read"));
        }
        if (requests.size() == 1) {
            return decide(ev, a, f, inputs, resourcePolicy, holder, requests.get(0));
        }
        // A list of actions: every one must have the expected decision; each is evaluated (none skipped), so that
        // every denied request is recorded for the fix.
        List<Outcome> results = new ArrayList<>();
        for (AccessRequest req : requests) {
            results.add(decide(ev, a, f, inputs, resourcePolicy, holder, req));
        }
        List<Outcome> falses = results.stream().filter(Outcome::isFalse).toList();
        if (!falses.isEmpty()) {
            return new Outcome(Value.FALSE, Outcome.concat(falses), null, Outcome.reasons(falses));
        }
        return new Outcome(Value.TRUE, Outcome.concat(results), null);
    }

    private static AccessRequest request(Evaluator ev, Condition.Access a, Frame f, ResourceNode holder,
                                         PolicyInput resourcePolicy, String principal, Template action) {
        AccessRequest req = AccessRequest.of(principal, ev.render(action, f), ev.render(a.resource(), f));
        for (var e : a.context().entrySet()) {
            JsonNode v = ev.value(e.getValue(), f);
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
        for (var e : a.sentWhen().entrySet()) {
            // AWS sends the key (its companion has a value) but the snapshot does not give its own value
            if (req.values(e.getKey()) == null && ev.value(e.getValue(), f) != null) {
                Template own = a.context().get(e.getKey());
                req = req.withUnknown(e.getKey(), own == null ? "no value" : own.source() + " has no value");
            }
        }
        if (holder != null && resourcePolicy != null) {
            req = req.withResourceAccount(holder.accountId());
        }
        return req;
    }

    private static Outcome decide(Evaluator ev, Condition.Access a, Frame f, List<PolicyInput> inputs,
                                  PolicyInput resourcePolicy, ResourceNode holder, AccessRequest req) {
        DecisionRange range = PolicyEvaluator.evaluateRange(inputs, req);
        if (!range.settled() && holds(a, range.least()) != holds(a, range.most())) {
            // the answer depends on the value of a key AWS sends that the snapshot does not hold
            return Outcome.unknown(new UnknownReason(UnknownReason.Code.NOT_IN_SNAPSHOT, "whether "
                    + req.describe() + " is " + expected(a) + " depends on the value of "
                    + String.join(", ", req.unknownKeys().keySet()) + ", which AWS sends with the request but the"
                    + " snapshot does not give (" + String.join("; ", req.unknownKeys().values()) + "): it is "
                    + range.least().outcome() + " or " + range.most().outcome() + " (" + range.most().explanation() + ")"),
                    new Evidence(holder == null ? f.resource().id() : holder.id(), "access " + req.describe(),
                            range.least().outcome() + " or " + range.most().outcome(), expected(a)));
        }
        Decision d = range.least();
        if (d.outcome() == Decision.Outcome.ALLOWED_IF_IDENTITY_ALLOWS && a.expect() != Condition.Expect.EXPLICITLY_DENIED) {
            // the resource policy defers to identity policies the rule did not bring: neither allowed nor denied
            return Outcome.unknown(new UnknownReason(UnknownReason.Code.NOT_IN_SNAPSHOT, d.explanation()),
                    new Evidence(holder == null ? f.resource().id() : holder.id(), "access " + req.describe(),
                            d.outcome().name(), a.expect() == Condition.Expect.ALLOWED ? "allowed" : "denied"));
        }
        boolean holds = holds(a, d);
        if (!holds && a.expect() == Condition.Expect.ALLOWED && resourcePolicy != null && holder != null) {
            if (ev.failures == null) {
                ev.failures = new PolicyQuestions.Failures();
            }
            ev.failures.add(holder, resourcePolicy, req);
        }
        String deciding = d.statements().isEmpty() ? "no statement matches"
                : String.join(", ", d.statements().stream().map(StatementRef::label).toList());
        return Outcome.of(holds, new Evidence(holder == null ? f.resource().id() : holder.id(),
                "access " + req.describe(), d.outcome() + " (" + deciding + ")", expected(a)));
    }

    private static boolean holds(Condition.Access a, Decision d) {
        return switch (a.expect()) {
            case ALLOWED -> d.allowed();
            case DENIED -> !d.allowed();
            case EXPLICITLY_DENIED -> d.outcome() == Decision.Outcome.EXPLICIT_DENY;
        };
    }

    private static String expected(Condition.Access a) {
        return switch (a.expect()) {
            case ALLOWED -> "allowed";
            case DENIED -> "denied";
            case EXPLICITLY_DENIED -> "explicitly denied";
        };
    }

    static Outcome publicAccess(Evaluator ev, Condition.Public p, Frame f) {
        Holder h = holder(ev, p.policy(), f);
        Object policy = policy(ev, h, p.policy());
        if (policy instanceof UnknownReason u) {
            return unreadable(u, p.policy(), f);
        }
        PublicAccess pa = PolicyEvaluator.publicAccess((PolicyInput) policy);
        String grants = pa.grants().isEmpty() ? "no public grant"
                : String.join("; ", pa.grants().stream().map(g -> g.statement().label() + ": " + g.reason()).toList());
        return Outcome.of(pa.isPublic(), new Evidence(h.resource().id(), "public " + p.policy().path().text(), grants,
                "not public (S3 Block Public Access definition)"));
    }

    static Outcome whoMay(Evaluator ev, Condition.WhoMay w, Frame f) {
        Holder h = holder(ev, w.policy(), f);
        Object policy = policy(ev, h, w.policy());
        if (policy instanceof UnknownReason u) {
            return unreadable(u, w.policy(), f);
        }
        ev.takeGap();
        String action = ev.render(w.action(), f);
        String resource = ev.render(w.resource(), f);
        UnknownReason gap = ev.takeGap();
        if (gap != null) {
            return Outcome.unknown(gap, new Evidence(f.resource().id(), "who_may " + action + " on " + resource, null,
                    "a resource whose name could be read"));
        }
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
            results.add(ev.eval(w.each(), f.child(o, "who_may(" + action + ")[" + i + "]")));
        }
        Evidence none = new Evidence(f.resource().id(), "who_may " + action + " on " + resource,
                grantees.isEmpty() ? "[]" : null, "principals to check");
        return Evaluator.quantify(w.quantifier(), results, null, none);
    }
}
