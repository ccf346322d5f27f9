/**
 * Accepted risks (public API): a suppressions file lists findings a team has decided to accept, each with a reason
 * and optionally an expiry; {@link io.trailguard.core.suppress.Suppressions#apply} marks the matching findings as
 * suppressed (they stay in every report, shown as suppressed) and reports expired and unused entries.
 * {@link io.trailguard.core.suppress.Baseline} keeps only the failures a previous JSON report did not have.
 *
 * @since 0.1.0
 */
package io.trailguard.core.suppress;
