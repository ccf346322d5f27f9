package io.trailguard.core;

import java.util.Objects;

/**
 * Names one resource of a snapshot: its type (an AWS Config type name such as {@code AWS::CloudTrail::Trail}, or
 * {@code AWS::::Account} for an account), its id (the ARN where one exists), its account and its region.
 *
 * @since 0.1.0
 */
public record ResourceRef(String type, String id, String accountId, String region) {
    /** The type of the subject of account-scope rules. */
    public static final String ACCOUNT_TYPE = "AWS::::Account";
    /** The type of the subject of region-scope rules (one per account and region). */
    public static final String REGION_TYPE = "trailguard::Region";

    public ResourceRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
    }
}
