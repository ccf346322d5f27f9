package io.trailguard.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * The result of evaluating a request.
 *
 * @param statements the deciding statements: every matching Deny for {@link Outcome#EXPLICIT_DENY}, the matching
 *     Allows for {@link Outcome#ALLOWED}, and for {@link Outcome#IMPLICIT_DENY} any Allows that matched on one side
 *     of a cross-account request without the other, and for {@link Outcome#ALLOWED_IF_IDENTITY_ALLOWS} the
 *     resource policy's allows
 * @param explanation one sentence in plain words
 * @since 0.1
 */
public record Decision(Outcome outcome, List<StatementRef> statements, String explanation) {
  /** The outcomes of AWS policy evaluation, and the conditional answer when identity policies were not given. */
  public enum Outcome {
    ALLOWED,
    EXPLICIT_DENY,
    IMPLICIT_DENY,
    /**
     * The resource policy allows the request, but only for a principal whose own identity policies allow it too:
     * the policy names the principal's account (which delegates to that account's IAM policies) or the request is
     * cross-account, and the principal's identity policies were not part of the evaluation. Not an allow.
     */
    ALLOWED_IF_IDENTITY_ALLOWS
  }

  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    statements = List.copyOf(statements);
    Objects.requireNonNull(explanation, "explanation");
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOWED;
  }

  /**
   * Whether the resource policy does its part: the request is allowed, or allowed provided the principal's identity
   * policies allow it. A grant added to the resource policy cannot change the rest.
   */
  public boolean resourcePolicyAllows() {
    return outcome == Outcome.ALLOWED || outcome == Outcome.ALLOWED_IF_IDENTITY_ALLOWS;
  }
}
