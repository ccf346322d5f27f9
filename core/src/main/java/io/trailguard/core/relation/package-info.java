/**
 * Named relations between snapshot resources: trail to its bucket, key, log group and role; bucket to the trails and
 * log deliveries into it; subnet to the flow logs that capture it; account to the trails that log it. They are
 * declared in {@code relations.yaml} (core's, and a user's beside their rules) over the closed set of {@link
 * io.trailguard.core.relation.Join joins}, or are one of the few {@link io.trailguard.core.relation.Algorithm
 * algorithms} that encode an AWS document. Each is an index lookup, and each says when what it looks for may be
 * missing because it was not collected. The parser resolves the names rules use to {@link
 * io.trailguard.core.relation.Relation}s of a {@link io.trailguard.core.relation.RelationSet}.
 */
package io.trailguard.core.relation;
