/**
 * AWS Config integration (API): {@link io.trailguard.aws.config.ConfigItemMapper} maps AWS Config configuration items
 * to snapshot resources, {@link io.trailguard.aws.config.ConfigSnapshotReader} turns a Config snapshot or history file
 * into a trailguard snapshot, and {@link io.trailguard.aws.config.ConfigRuleHandler} evaluates a custom Config rule
 * event into an {@link io.trailguard.aws.config.EvaluationPlan} and reports it with {@code PutEvaluations}. The
 * handler's parts (event parsing, rule parameters, snapshot overlay, history reads, findings → evaluations, batches)
 * are package-private. See docs/config-rule.md.
 *
 * <p>Fields AWS Config does not record (a trail's status and event selectors, a key's aliases, …) are never guessed:
 * they are left out and listed as snapshot {@code errors} with code {@value
 * io.trailguard.aws.config.ConfigItemMapper#NOT_RECORDED}, so the rules that need them say UNKNOWN, never PASS.
 */
package io.trailguard.aws.config;
