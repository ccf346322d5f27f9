package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.policy.AccessRequest;
import io.trailguard.core.policy.MissingGrants;
import io.trailguard.core.policy.PolicyDocument;
import io.trailguard.core.policy.PolicyEvaluator;
import io.trailguard.core.policy.PolicyInput;
import io.trailguard.core.policy.PolicyParseException;
import io.trailguard.core.snapshot.ResourceNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses policy documents once per scan and remembers, per evaluation, the required requests a policy denied, so
 * that a fix can carry the statements that make them succeed ({@code {{ missing.policy }}}).
 */
final class PolicyQuestions {
    /** What an absent policy means: no statement, so nothing is allowed. */
    private static final PolicyDocument EMPTY = new PolicyDocument(PolicyDocument.VERSION_2012, null, List.of(),
            JsonNodeFactory.instance.objectNode().put("Version", PolicyDocument.VERSION_2012));

    /** A parsed document, or why it could not be parsed. */
    record Parsed(PolicyDocument document, UnknownReason problem) {
    }

    private final Map<JsonNode, Parsed> parsed = Collections.synchronizedMap(new IdentityHashMap<>());

    /** Parses a policy document; an absent one has no statements. */
    Parsed parse(JsonNode policy, ResourceNode holder, String path) {
        if (policy == null) {
            return new Parsed(EMPTY, null);
        }
        return parsed.computeIfAbsent(policy, p -> {
            try {
                return new Parsed(PolicyDocument.parse(p), null);
            } catch (PolicyParseException e) {
                return new Parsed(null, new UnknownReason(UnknownReason.Code.MALFORMED_POLICY,
                        "the policy at " + path + " of " + holder.id() + " is not a valid IAM policy: "
                                + e.getMessage()));
            }
        });
    }

    /** A role's identity policies, or why they cannot all be read. */
    record IdentityPolicies(List<PolicyInput> inputs, UnknownReason problem) {
    }

    /**
     * The identity policies of an IAM role resource: inline, then attached. A policy that is absent from its entry,
     * malformed, or a list of another JSON type is a problem, never skipped: a skipped Allow would read as a denial.
     */
    IdentityPolicies identityPolicies(ResourceNode role) {
        List<PolicyInput> out = new ArrayList<>();
        for (String field : List.of("RolePolicyList", "AttachedManagedPolicies")) {
            JsonNode list = role.configuration().get(field);
            if (list == null || list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                return new IdentityPolicies(List.of(), new UnknownReason(UnknownReason.Code.WRONG_TYPE, "$." + field
                        + " (JSON pointer /" + field + ") of " + role.id() + " is not a list of policies"));
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode p = list.get(i);
                JsonNode doc = p.get("PolicyDocument");
                String at = "$." + field + "[" + i + "].PolicyDocument";
                if (doc == null || doc.isNull()) {
                    return new IdentityPolicies(List.of(), new UnknownReason(UnknownReason.Code.MISSING_FIELD, at
                            + " (policy " + p.path("PolicyName").asText("?") + ") is absent from " + role.id()));
                }
                Parsed d = parse(doc, role, at);
                if (d.problem() != null) {
                    return new IdentityPolicies(List.of(), d.problem());
                }
                out.add(PolicyInput.identity(role.id() + " " + p.path("PolicyName").asText(field), d.document()));
            }
        }
        if (out.isEmpty()) {
            // known to grant nothing, which is not the same as not evaluated
            out.add(PolicyInput.noIdentityPolicies(role.id() + " (no policies)"));
        }
        return new IdentityPolicies(out, null);
    }

    /** Required requests a resource policy denied during one evaluation, by policy holder. */
    static final class Failures {
        private final Map<String, PolicyInput> inputs = new LinkedHashMap<>();
        private final Map<String, List<AccessRequest>> requests = new LinkedHashMap<>();
        private ObjectNode missing;

        void add(ResourceNode holder, PolicyInput input, AccessRequest request) {
            inputs.putIfAbsent(holder.id(), input);
            List<AccessRequest> list = requests.computeIfAbsent(holder.id(), k -> new ArrayList<>());
            if (!list.contains(request)) {
                list.add(request);
            }
            missing = null;
        }

        /**
         * {@code {holder, requests, statements, policy, blockedByDeny}} for the first policy that denied required
         * requests, or {@code null} when none did.
         */
        ObjectNode missing() {
            if (missing == null && !inputs.isEmpty()) {
                String holder = inputs.keySet().iterator().next();
                MissingGrants mg = PolicyEvaluator.missingGrants(inputs.get(holder), requests.get(holder));
                JsonNodeFactory f = JsonNodeFactory.instance;
                ObjectNode o = f.objectNode();
                o.put("holder", holder);
                ArrayNode reqs = o.putArray("requests");
                mg.denied().forEach(d -> reqs.add(d.request().describe()));
                ArrayNode st = o.putArray("statements");
                mg.statements().forEach(st::add);
                o.set("policy", mg.patchedPolicy());
                ArrayNode blocked = o.putArray("blockedByDeny");
                mg.blockedByDeny().forEach(d -> blocked.add(d.request().describe() + " — " + d.decision().explanation()));
                missing = o;
            }
            return missing;
        }
    }
}
