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
 * @param suppression the accepted-risk entry that suppresses this finding, else {@code null}; a suppressed finding
 *                    keeps its status and is shown as suppressed, not dropped
 * @since 0.1.0
 */
public record Finding(String ruleId, Status status, Severity severity, String title, ResourceRef resource,
                      String message, String rationale, List<Evidence> evidence, List<Reference> references,
                      Fix fix, UnknownReason unknown, Suppression suppression) {
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

    /** A finding that is not suppressed (the form the engine creates). */
    public Finding(String ruleId, Status status, Severity severity, String title, ResourceRef resource,
                   String message, String rationale, List<Evidence> evidence, List<Reference> references,
                   Fix fix, UnknownReason unknown) {
        this(ruleId, status, severity, title, resource, message, rationale, evidence, references, fix, unknown, null);
    }

    /** This finding marked as suppressed by {@code s}, or unmarked when {@code s} is {@code null}. */
    public Finding withSuppression(Suppression s) {
        return new Finding(ruleId, status, severity, title, resource, message, rationale, evidence, references, fix,
                unknown, s);
    }

    /** True when an accepted-risk entry suppresses this finding. */
    public boolean isSuppressed() {
        return suppression != null;
    }

    /** A failure that is not suppressed: what exit codes and severity summaries count. */
    public boolean isOpenFailure() {
        return status == Status.FAIL && suppression == null;
    }

    /** The suppression, present only for suppressed findings. */
    public Optional<Suppression> suppressionIfAny() {
        return Optional.ofNullable(suppression);
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
