/**
 * Linear-time regular expressions for text that comes from users: rule files, {@code --param} values and metric
 * filter patterns in snapshots. Internal to trailguard, not API.
 */
package io.trailguard.core.regex;
