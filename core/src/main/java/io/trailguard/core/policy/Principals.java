package io.trailguard.core.policy;

import java.util.List;

/**
 * The {@code Principal} or {@code NotPrincipal} element of a statement.
 *
 * @param negated true for {@code NotPrincipal}
 * @param ids the principals listed, never empty
 * @since 0.1
 */
public record Principals(boolean negated, List<PrincipalId> ids) {
  public Principals {
    ids = List.copyOf(ids);
  }
}
