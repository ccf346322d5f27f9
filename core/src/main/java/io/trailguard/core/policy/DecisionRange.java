package io.trailguard.core.policy;

import java.util.Objects;

/**
 * The decisions a request can get when AWS sends context keys whose values are not known
 * ({@link AccessRequest#unknownKeys}): {@code least} takes every condition on them against the request (Allow
 * conditions false, Deny conditions true), {@code most} in its favour. Every value the keys may have gives a
 * decision between the two; when they agree, the unknown values do not matter.
 *
 * @since 0.3
 */
public record DecisionRange(Decision least, Decision most) {
  public DecisionRange {
    Objects.requireNonNull(least, "least");
    Objects.requireNonNull(most, "most");
  }

  /** Whether the decision is the same whatever the unknown keys' values are. */
  public boolean settled() {
    return least.outcome() == most.outcome();
  }
}
