/**
 * Named relations between snapshot resources (implementation, not API): trail to its bucket, key, log group and
 * role; subnet to its VPC and the flow logs that capture it; account to the trails that log it. Each is an index
 * lookup, and each says when what it looks for may be missing because it was not collected.
 */
package io.trailguard.core.relation;
