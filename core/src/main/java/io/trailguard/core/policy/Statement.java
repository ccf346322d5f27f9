package io.trailguard.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * One parsed policy statement.
 *
 * @param index position in the document's {@code Statement} list (0 when {@code Statement} is a single object)
 * @param sid the {@code Sid}, or null when absent
 * @param principals {@code Principal}/{@code NotPrincipal}, or null when absent (identity policies)
 * @param actions {@code Action}/{@code NotAction}
 * @param resources {@code Resource}/{@code NotResource}, or null when absent (e.g. role trust policies), which
 *     means the statement applies to the resource the policy is attached to
 * @param conditions the condition tests, all of which must hold
 * @since 0.1
 */
public record Statement(
    int index,
    String sid,
    Effect effect,
    Principals principals,
    ValueList actions,
    ValueList resources,
    List<Condition> conditions) {
  public Statement {
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(actions, "actions");
    conditions = List.copyOf(conditions);
  }

  /** A short label for messages: the Sid if present, else {@code #index}. */
  public String label() {
    return sid != null && !sid.isEmpty() ? sid : "#" + index;
  }
}
