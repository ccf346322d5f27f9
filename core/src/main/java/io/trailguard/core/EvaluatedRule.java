package io.trailguard.core;

import java.util.List;
import java.util.Objects;

/**
 * A rule as one scan evaluated it: what it is, so that reports describe each rule once instead of in every finding,
 * and the subjects it did not apply to whose {@link Status#NOT_APPLICABLE} findings were not kept.
 *
 * <p>By default the engine builds no finding for a subject a rule does not apply to (most outcomes of a large scan
 * are of this kind); it records the subject here, without message or evidence, so that counts and filters by
 * account or region stay exact. With {@link Engine#keepingNotApplicable()} those outcomes are findings instead and
 * {@code omittedNotApplicable} is empty: every outcome is in exactly one of the two places.
 *
 * @param id                   the rule's id ({@code CT-03})
 * @param title                the rule's title
 * @param severity             the rule's severity
 * @param rationale            why it matters (the rule's {@code description})
 * @param references           the rule's references
 * @param omittedNotApplicable the subjects the rule did not apply to and that have no finding, in snapshot order
 * @since 0.1.0
 */
public record EvaluatedRule(String id, String title, Severity severity, String rationale, List<Reference> references,
                            List<ResourceRef> omittedNotApplicable) {
    public EvaluatedRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rationale, "rationale");
        references = List.copyOf(references);
        omittedNotApplicable = List.copyOf(omittedNotApplicable);
    }

    /** This rule with other omitted not-applicable subjects (after narrowing a result). */
    EvaluatedRule withOmittedNotApplicable(List<ResourceRef> subjects) {
        return new EvaluatedRule(id, title, severity, rationale, references, subjects);
    }
}
