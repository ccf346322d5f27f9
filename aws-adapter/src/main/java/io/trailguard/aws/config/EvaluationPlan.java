package io.trailguard.aws.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What one Config rule invocation reports. Immutable.
 *
 * @param messageType the invoking event's message type
 * @param resultToken the token to report with
 * @param testMode    whether {@code PutEvaluations} is sent with {@code TestMode}
 * @param region      the rule's region (where the evaluations are put)
 * @param roleArn     the member-account role assumed for reading and reporting, or {@code null}
 * @param warnings    what was ignored (rule parameters that name no rule parameter, …)
 * @since 0.1.0
 */
public record EvaluationPlan(String messageType, String resultToken, boolean testMode, String region, String roleArn,
                             List<EvaluationResult> evaluations, List<String> warnings) {
    public EvaluationPlan {
        evaluations = List.copyOf(evaluations);
        warnings = List.copyOf(warnings);
    }

    /** The {@code PutEvaluations} request bodies (JSON 1.1), in batches within Config's limit per call. */
    public List<ObjectNode> requests() {
        return PutEvaluationsBatches.requestBodies(this);
    }
}
