package io.trailguard.core.policy;

import java.util.List;

/**
 * Whether a resource policy is public in the sense of S3 Block Public Access, and the statements that make it so.
 *
 * @param grants one entry per public statement, empty when not public
 * @since 0.1
 */
public record PublicAccess(boolean isPublic, List<PublicGrant> grants) {
  public PublicAccess {
    grants = List.copyOf(grants);
  }

  /**
   * A statement that grants public access.
   *
   * @param reason why, in plain words, e.g. {@code Principal "*" without a condition on a fixed value of ...}
   */
  public record PublicGrant(StatementRef statement, String reason) {}
}
