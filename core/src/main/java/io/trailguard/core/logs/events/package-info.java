/**
 * What the CloudTrail events themselves say (API): reading log files as delivered ({@link
 * io.trailguard.core.logs.events.CloudTrailEvents}), who is refused and who tried to blind the audit pipeline ({@link
 * io.trailguard.core.logs.events.DeniedAnalysis}, with the same question as Athena SQL), and whether the
 * organisation's metric filters would have fired ({@link io.trailguard.core.logs.events.AlarmReplay}).
 *
 * @since 0.2.0
 */
package io.trailguard.core.logs.events;
