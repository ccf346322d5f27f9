package io.trailguard.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * The result of evaluating a request.
 *
 * @param statements the deciding statements: every matching Deny for {@link Outcome#EXPLICIT_DENY}, the matching
 *     Allows for {@link Outcome#ALLOWED}, and for {@link Outcome#IMPLICIT_DENY} any Allows that matched on one side
 *     of a cross-account request without the other
 * @param explanation one sentence in plain words
 * @since 0.1
 */
public record Decision(Outcome outcome, List<StatementRef> statements, String explanation) {
  /** The three outcomes of AWS policy evaluation. */
  public enum Outcome {
    ALLOWED,
    EXPLICIT_DENY,
    IMPLICIT_DENY
  }

  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    statements = List.copyOf(statements);
    Objects.requireNonNull(explanation, "explanation");
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOWED;
  }
}
