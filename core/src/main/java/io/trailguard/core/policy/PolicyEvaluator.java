package io.trailguard.core.policy;

import java.util.List;

/**
 * The entry point for policy questions: is a request allowed, who may do something, is a policy public, and what
 * is missing for required requests to succeed.
 *
 * <p>Evaluation follows the IAM User Guide's "Policy evaluation logic" and "Cross-account policy evaluation
 * logic": an applicable explicit Deny in any policy wins; otherwise a request is allowed if an applicable Allow
 * exists, where for a cross-account request (principal's account differs from the resource's) both an
 * identity-based and the resource-based policy must allow it; otherwise it is implicitly denied. A resource policy
 * statement that names only the principal's account ({@code arn:aws:iam::A:root} or {@code A}) delegates to that
 * account's IAM policies and allows nothing by itself (except to the account's root user). For KMS requests the key
 * policy is the primary control: identity policies count only where the key policy allows the account (without a key
 * policy among the inputs, the question is what the identity policies allow). Service
 * principals are judged by resource policies only. When the input holds no identity-based policy (not even
 * {@link PolicyInput#noIdentityPolicies}), an answer that depends on them is
 * {@link Decision.Outcome#ALLOWED_IF_IDENTITY_ALLOWS}, never {@code ALLOWED}. SCPs, RCPs, permission boundaries and
 * session policies are out of scope.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  /**
   * Evaluates one request against a set of policies and returns the decision with the deciding statements. A
   * condition on a key whose value is not known ({@link AccessRequest#unknownKeys}) is taken against the request:
   * the least it is allowed (see {@link #evaluateRange}).
   */
  public static Decision evaluate(List<PolicyInput> policies, AccessRequest request) {
    return Engine.evaluate(List.copyOf(policies), request);
  }

  /**
   * The least and the most a request may be allowed whatever the values of its unknown keys are: a condition on such
   * a key is neither true nor false, so the answer is settled only when both bounds agree. Without unknown keys the
   * two are the same decision.
   */
  public static DecisionRange evaluateRange(List<PolicyInput> policies, AccessRequest request) {
    List<PolicyInput> copy = List.copyOf(policies);
    Decision least = Engine.evaluate(copy, request, RequestContext.Bound.LEAST);
    if (request.unknownKeys().isEmpty()) {
      return new DecisionRange(least, least);
    }
    return new DecisionRange(least, Engine.evaluate(copy, request, RequestContext.Bound.MOST));
  }

  /**
   * Lists the principals a resource policy names in Allow statements covering {@code action} on {@code resource},
   * with how broad each is and whether a Deny statement cancels or limits the grant. Conditions are not evaluated:
   * a conditional grant is reported as {@link Grantee.Access#MAY_UNDER_CONDITIONS}. There is no request to resolve
   * policy variables from, so a Resource pattern containing one does not match.
   */
  public static List<Grantee> whoMay(PolicyInput resourcePolicy, String action, String resource) {
    return WhoMay.find(resourcePolicy, action, resource);
  }

  /**
   * Whether a resource policy is public by the definition of S3 Block Public Access, with the statements that make
   * it public.
   *
   * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status">
   *     S3 User Guide: The meaning of "public"</a>
   */
  public static PublicAccess publicAccess(PolicyInput resourcePolicy) {
    return PublicCheck.check(resourcePolicy);
  }

  /**
   * Evaluates required requests against a resource policy alone and, for those it implicitly denies, generates
   * Allow statements that make them succeed. The statements are verified by re-evaluation before they are returned.
   */
  public static MissingGrants missingGrants(PolicyInput resourcePolicy, List<AccessRequest> required) {
    return GrantSynthesizer.find(resourcePolicy, List.copyOf(required));
  }
}
