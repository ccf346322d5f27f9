package io.trailguard.aws.config;

import java.time.Instant;
import java.util.Objects;

/**
 * One evaluation to report to AWS Config. Immutable.
 *
 * @param resourceType Config resource type ({@code AWS::::Account} for account-scope rules)
 * @param resourceId   Config resource id
 * @param annotation   at most {@value Annotations#MAX_LENGTH} characters ({@link Annotations#cut}), or {@code null}
 * @since 0.1.0
 */
public record EvaluationResult(String resourceType, String resourceId, Compliance compliance, String annotation,
                               Instant orderingTimestamp) {
    public EvaluationResult {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(compliance, "compliance");
        Objects.requireNonNull(orderingTimestamp, "orderingTimestamp");
    }
}
