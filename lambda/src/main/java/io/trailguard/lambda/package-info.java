/**
 * The custom AWS Config rule as a Lambda function: {@link io.trailguard.lambda.ConfigRuleFunction} is the handler
 * ({@code io.trailguard.lambda.ConfigRuleFunction::handleRequest}). Not a library API. See docs/config-rule.md.
 */
package io.trailguard.lambda;
