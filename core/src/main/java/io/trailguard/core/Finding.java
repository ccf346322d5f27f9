package io.trailguard.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one rule for one resource, with the evidence that decided it.
 *
 * @param ruleId      the rule's id ({@code CT-03})
 * @param status      the outcome
 * @param severity    the rule's severity
 * @param title       the rule's title
 * @param resource    the resource evaluated (an account for account-scope rules)
 * @param message     what is wrong (or right) in one plain sentence, names filled in
 * @param rationale   why it matters
 * @param evidence    the paths and values that decided the outcome
 * @param references  the rule's references
 * @param fix         the fix of a failure, else {@code null}
 * @param unknown     why the rule could not decide, for {@link Status#UNKNOWN}, else {@code null}
 * @since 0.1.0
 */
public record Finding(String ruleId, Status status, Severity severity, String title, ResourceRef resource,
                      String message, String rationale, List<Evidence> evidence, List<Reference> references,
                      Fix fix, UnknownReason unknown) {
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rationale, "rationale");
        evidence = List.copyOf(evidence);
        references = List.copyOf(references);
        if ((status == Status.UNKNOWN) != (unknown != null)) {
            throw new IllegalArgumentException("an UNKNOWN finding, and only it, carries an unknown reason");
        }
    }

    /** The fix, present only for failures whose rule has one. */
    public Optional<Fix> fixIfAny() {
        return Optional.ofNullable(fix);
    }

    /** The reason the rule could not decide, present only for {@link Status#UNKNOWN}. */
    public Optional<UnknownReason> unknownIfAny() {
        return Optional.ofNullable(unknown);
    }
}
