package io.trailguard.core;

import java.util.List;
import java.util.Objects;

/**
 * An API call that failed while the snapshot was collected. Whatever it would have read is unknown, not absent:
 * rules that need it report {@link Status#UNKNOWN}.
 *
 * @param accountId    the account
 * @param region       the region, {@code global} for global services
 * @param service      the service ({@code s3})
 * @param operation    the API operation ({@code GetBucketPolicy})
 * @param code         AWS's error code, or {@code Timeout} / {@code MalformedResponse}
 * @param message      the error message
 * @param resourceType the resource type whose data is missing, or {@code null} to derive it from the operation
 * @param resourceId   the one resource left incomplete, or {@code null} when the failure hides every resource of
 *                     the type in that account and region
 * @param fields       the configuration fields left unread; empty to derive them from the operation
 * @since 0.1.0
 */
public record CollectionError(String accountId, String region, String service, String operation, String code,
                              String message, String resourceType, String resourceId, List<String> fields) {
    public CollectionError {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        fields = List.copyOf(fields);
    }

    /** {@code s3:GetBucketPolicy in 222222222222/eu-west-1 failed: AccessDenied (Access Denied)}. */
    public String describe() {
        return service + ":" + operation + " in " + accountId + "/" + region
                + (resourceId == null ? "" : " for " + resourceId) + " failed: " + code
                + (message.isBlank() ? "" : " (" + message + ")");
    }
}
