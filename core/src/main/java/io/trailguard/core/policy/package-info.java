/**
 * IAM policy documents and an evaluator that follows AWS's documented policy evaluation logic.
 *
 * <p>This package is public API. Entry point: {@link io.trailguard.core.policy.PolicyEvaluator}, which answers
 * four questions about parsed {@link io.trailguard.core.policy.PolicyDocument}s: is a request allowed
 * ({@code evaluate}), who may perform an action ({@code whoMay}), is a policy public in the sense of S3 Block
 * Public Access ({@code publicAccess}), and which required requests a resource policy denies together with the
 * statements that would grant them ({@code missingGrants}). Every answer carries the deciding statements as
 * evidence. {@link io.trailguard.core.policy.DeliveryCatalogue} says what each AWS service sends when it delivers
 * logs (principal, actions, resource layout, request-context keys, each with its AWS page), so that rules and fixes
 * build their requests from one source.
 *
 * <p>All types are immutable and thread-safe; no method returns {@code null} unless its javadoc says so.
 * Policies are untrusted input: parsing never throws anything but {@link
 * io.trailguard.core.policy.PolicyParseException}, and wildcard matching is linear-time per candidate position
 * (no backtracking regular expressions).
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html">IAM
 *     policy evaluation logic</a>
 * @since 0.1
 */
package io.trailguard.core.policy;
