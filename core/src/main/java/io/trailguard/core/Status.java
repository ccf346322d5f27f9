package io.trailguard.core;

/**
 * The outcome of one rule for one resource.
 *
 * <p>{@link #UNKNOWN} means an input the rule needs was not collected (access denied, an API error, a resource in an
 * account outside the snapshot); it is never reported as {@link #PASS}.
 *
 * @since 0.1.0
 */
public enum Status {
    /** The resource is in the state the rule requires. */
    PASS,
    /** The resource is not in the state the rule requires; the finding carries a fix. */
    FAIL,
    /** The rule could not decide because an input was not collected; see {@link Finding#unknown()}. */
    UNKNOWN,
    /** The rule does not apply to this resource (its {@code when} condition does not hold). */
    NOT_APPLICABLE
}
