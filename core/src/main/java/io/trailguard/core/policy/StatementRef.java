package io.trailguard.core.policy;

/**
 * Evidence: one statement of one policy.
 *
 * @param policy the {@link PolicyInput#name()}
 * @param index the statement's position in the policy
 * @param sid the statement's Sid, or null
 * @since 0.1
 */
public record StatementRef(String policy, int index, String sid, Effect effect) {
  static StatementRef of(String policy, Statement s) {
    return new StatementRef(policy, s.index(), s.sid(), s.effect());
  }

  /** E.g. {@code bucket policy › AWSCloudTrailWrite} or {@code bucket policy › #2}. */
  public String label() {
    return policy + " › " + (sid != null && !sid.isEmpty() ? sid : "#" + index);
  }
}
