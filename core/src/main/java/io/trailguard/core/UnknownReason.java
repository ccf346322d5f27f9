package io.trailguard.core;

import java.util.Objects;

/**
 * Why a rule could not decide: what was missing, and the code of the cause.
 *
 * @param code   the cause
 * @param detail what was missing, in plain words, naming the account, region and API call where known
 * @since 0.1.0
 */
public record UnknownReason(Code code, String detail) {
    public UnknownReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    /** The closed set of causes. */
    public enum Code {
        /** The collector was denied the API call that reads the input. */
        ACCESS_DENIED,
        /** The API call was throttled past its retries. */
        THROTTLED,
        /** The API call failed in another way (5xx, timeout, malformed answer). */
        API_ERROR,
        /** The region is not enabled for the account. */
        REGION_DISABLED,
        /** A related resource the rule needs is not in the snapshot. */
        NOT_IN_SNAPSHOT,
        /** A related resource belongs to an account the snapshot does not cover. */
        OUT_OF_SCOPE_ACCOUNT,
        /** A configuration field the rule reads is absent and the rule gives no default for it. */
        MISSING_FIELD,
        /** A policy document the rule reads is not a valid IAM policy. */
        MALFORMED_POLICY,
        /**
         * A configuration field has a JSON type other than the one AWS returns (the string {@code "true"} where AWS
         * returns a boolean), so the rule cannot read it.
         */
        WRONG_TYPE,
        /** Evaluating the rule for this resource failed inside the engine; the scan went on. */
        EVALUATION_ERROR
    }
}
