/**
 * CloudWatch Logs filter patterns parsed so that what they match can be judged, and the named sample CloudTrail
 * events rules judge them against (implementation, not API: rules reach them through {@code matches_events}).
 */
package io.trailguard.core.logs;
