package io.trailguard.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Which required requests a resource policy does not allow, and statements that would allow them.
 *
 * @param denied the required requests that are not allowed now, with their decisions
 * @param blockedByDeny those of {@code denied} that an explicit Deny blocks; no added Allow can fix them
 * @param statements generated Allow statements; appended to the policy they make every implicitly denied request
 *     succeed (verified by re-evaluation before they are returned)
 * @param patchedPolicy the policy with {@code statements} appended (equal to the input when nothing is missing)
 * @since 0.1
 */
public record MissingGrants(
    List<DeniedRequest> denied, List<DeniedRequest> blockedByDeny, List<JsonNode> statements,
    JsonNode patchedPolicy) {
  public MissingGrants {
    denied = List.copyOf(denied);
    blockedByDeny = List.copyOf(blockedByDeny);
    statements = statements.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    patchedPolicy = patchedPolicy.deepCopy();
  }

  /** Whether every required request is allowed already. */
  public boolean complete() {
    return denied.isEmpty();
  }

  /** A required request and why it is denied. */
  public record DeniedRequest(AccessRequest request, Decision decision) {}
}
