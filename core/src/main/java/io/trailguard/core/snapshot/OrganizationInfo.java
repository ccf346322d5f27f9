package io.trailguard.core.snapshot;

/** The AWS Organization a snapshot belongs to. */
public record OrganizationInfo(String id, String managementAccountId) {
}
