package io.trailguard.core.policy;

import java.util.List;

/**
 * An {@code Action}/{@code NotAction} or {@code Resource}/{@code NotResource} element.
 *
 * @param negated true for the {@code Not...} form
 * @param values the patterns listed (may contain {@code *}, {@code ?} and, in Resource, policy variables)
 * @since 0.1
 */
public record ValueList(boolean negated, List<String> values) {
  public ValueList {
    values = List.copyOf(values);
  }
}
