package io.trailguard.core.policy;

/**
 * The {@code Effect} of a policy statement.
 *
 * @since 0.1
 */
public enum Effect {
  ALLOW,
  DENY
}
