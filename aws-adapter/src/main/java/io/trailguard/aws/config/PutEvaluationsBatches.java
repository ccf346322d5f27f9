package io.trailguard.aws.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.Evaluation;
import software.amazon.awssdk.services.config.model.PutEvaluationsResponse;

/**
 * A plan's evaluations as {@code PutEvaluations} calls, in batches within Config's limit per call: sent with the SDK,
 * or written as the JSON 1.1 request bodies (what {@code trailguard config-rule --format json} prints). Stateless.
 */
final class PutEvaluationsBatches {
    /** Config's limit on evaluations per {@code PutEvaluations} call (API PutEvaluations: Evaluations, max 100). */
    static final int MAX_PER_CALL = 100;

    private PutEvaluationsBatches() {
    }

    static List<List<EvaluationResult>> batches(List<EvaluationResult> evs) {
        List<List<EvaluationResult>> out = new ArrayList<>();
        for (int i = 0; i < evs.size(); i += MAX_PER_CALL) {
            out.add(evs.subList(i, Math.min(evs.size(), i + MAX_PER_CALL)));
        }
        return out;
    }

    /** Sends the plan's evaluations with one call per batch; returns Config's answers in order. */
    static List<PutEvaluationsResponse> send(ConfigClient config, EvaluationPlan plan) {
        List<PutEvaluationsResponse> out = new ArrayList<>();
        for (List<EvaluationResult> batch : batches(plan.evaluations())) {
            List<Evaluation> evs = batch.stream().map(e -> Evaluation.builder()
                    .complianceResourceType(e.resourceType())
                    .complianceResourceId(e.resourceId())
                    .complianceType(ComplianceType.fromValue(e.compliance().name()))
                    .annotation(e.annotation())
                    .orderingTimestamp(e.orderingTimestamp())
                    .build()).toList();
            out.add(config.putEvaluations(b -> b.evaluations(evs).resultToken(plan.resultToken())
                    .testMode(plan.testMode() ? Boolean.TRUE : null)));
        }
        return out;
    }

    /** The request bodies as the SDK's JSON 1.1 marshaller writes them, one per batch. */
    static List<ObjectNode> requestBodies(EvaluationPlan plan) {
        List<ObjectNode> out = new ArrayList<>();
        for (List<EvaluationResult> batch : batches(plan.evaluations())) {
            ObjectNode r = ConfigJson.F.objectNode();
            ArrayNode evs = r.putArray("Evaluations");
            for (EvaluationResult e : batch) {
                ObjectNode n = evs.addObject();
                n.put("ComplianceResourceType", e.resourceType());
                n.put("ComplianceResourceId", e.resourceId());
                n.put("ComplianceType", e.compliance().name());
                if (e.annotation() != null) {
                    n.put("Annotation", e.annotation());
                }
                // epoch seconds, as the SDK's JSON 1.1 marshaller writes timestamps
                n.put("OrderingTimestamp", BigDecimal.valueOf(e.orderingTimestamp().toEpochMilli(), 3));
            }
            r.put("ResultToken", plan.resultToken());
            if (plan.testMode()) {
                r.put("TestMode", true);
            }
            out.add(r);
        }
        return out;
    }
}
