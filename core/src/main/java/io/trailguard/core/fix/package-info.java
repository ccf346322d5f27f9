/**
 * Fixes as typed changes and what is rendered from them: {@link io.trailguard.core.fix.Change} (the desired state of
 * fields of one resource, or a resource to create), {@link io.trailguard.core.fix.FixCommand} (an AWS CLI command with
 * its account and region), {@link io.trailguard.core.fix.ShellQuote} (the one quoting function),
 * {@link io.trailguard.core.fix.FixPlan} (every change of a scan, merged, ordered and proven as a whole) and
 * {@link io.trailguard.core.fix.FixScript} (the plan as a bash script or JSON). Public API; immutable types.
 */
package io.trailguard.core.fix;
