package io.trailguard.core.policy;

import java.util.Objects;

/**
 * One principal named in a policy, e.g. {@code AWS: arn:aws:iam::111122223333:root} or
 * {@code Service: cloudtrail.amazonaws.com}. {@code "Principal": "*"} is represented as {@code AWS: *}, which AWS
 * documents as equivalent.
 *
 * @since 0.1
 */
public record PrincipalId(PrincipalType type, String value) {
  public PrincipalId {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }

  /** Whether this is the anonymous/everyone principal {@code *}. */
  public boolean isEveryone() {
    return type == PrincipalType.AWS && value.equals("*");
  }

  @Override
  public String toString() {
    return type.jsonName() + ":" + value;
  }
}
