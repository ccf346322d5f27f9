package io.trailguard.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The findings of one scan, with what was scanned and which rules were evaluated.
 *
 * <p>A subject a rule does not apply to is, by default, not a finding: it is counted through
 * {@link EvaluatedRule#omittedNotApplicable()} (see {@link Engine#keepingNotApplicable()}). The counts here
 * ({@link #countByStatus()}, {@link #notApplicableByRule()}) include both kinds.
 *
 * @param capturedAt          when the snapshot was captured
 * @param accounts            the accounts the snapshot covers
 * @param resourceCount       how many resources it holds
 * @param collectionErrors    the API calls that failed while it was collected
 * @param rules               the rules evaluated, in pack order; every finding's rule is one of them
 * @param findings            one per rule and subject (not-applicable subjects only when kept), ordered by rule then
 *                            snapshot order; suppressed findings stay in the list, marked ({@link Finding#suppression()})
 * @since 0.1.0
 */
public record ScanResult(Instant capturedAt, List<String> accounts, int resourceCount,
                         List<CollectionError> collectionErrors, List<EvaluatedRule> rules, List<Finding> findings) {
    public ScanResult {
        accounts = List.copyOf(accounts);
        collectionErrors = List.copyOf(collectionErrors);
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
        Set<String> ids = new HashSet<>();
        rules.forEach(r -> ids.add(r.id()));
        for (Finding f : findings) {
            if (!ids.contains(f.ruleId())) {
                throw new IllegalArgumentException("finding of rule " + f.ruleId() + " on " + f.resource().id()
                        + ", which is not among the rules evaluated");
            }
        }
    }

    /** How many rules were evaluated. */
    public int rulesEvaluated() {
        return rules.size();
    }

    /** How many subjects have each status, whether or not their not-applicable findings were kept. */
    public Map<Status, Integer> countByStatus() {
        Map<Status, Integer> out = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            out.put(s, 0);
        }
        findings.forEach(f -> out.merge(f.status(), 1, Integer::sum));
        out.merge(Status.NOT_APPLICABLE, omittedNotApplicableCount(), Integer::sum);
        return out;
    }

    /** How many not-applicable outcomes have no finding in {@link #findings()}. */
    public int omittedNotApplicableCount() {
        return rules.stream().mapToInt(r -> r.omittedNotApplicable().size()).sum();
    }

    /** For each rule id, in rule order: how many subjects it did not apply to (with a finding or not). */
    public Map<String, Integer> notApplicableByRule() {
        Map<String, Integer> out = new LinkedHashMap<>();
        rules.forEach(r -> out.put(r.id(), r.omittedNotApplicable().size()));
        findings.stream().filter(f -> f.status() == Status.NOT_APPLICABLE)
                .forEach(f -> out.merge(f.ruleId(), 1, Integer::sum));
        return out;
    }

    /** How many findings are suppressed (whatever their status). */
    public int suppressedCount() {
        return (int) findings.stream().filter(Finding::isSuppressed).count();
    }

    /**
     * A copy with other findings (after suppressions are applied); the rules, with their omitted not-applicable
     * subjects, stay.
     */
    public ScanResult withFindings(List<Finding> replacement) {
        return new ScanResult(capturedAt, accounts, resourceCount, collectionErrors, rules, replacement);
    }

    /**
     * A copy holding only the findings and omitted not-applicable subjects whose resource passes the filter (to
     * narrow a result to some accounts or regions, with exact counts).
     */
    public ScanResult restrictedTo(Predicate<ResourceRef> keep) {
        List<EvaluatedRule> narrowed = new ArrayList<>(rules.size());
        for (EvaluatedRule r : rules) {
            narrowed.add(r.withOmittedNotApplicable(r.omittedNotApplicable().stream().filter(keep).toList()));
        }
        return new ScanResult(capturedAt, accounts, resourceCount, collectionErrors, narrowed,
                findings.stream().filter(f -> keep.test(f.resource())).toList());
    }

    /** How many unsuppressed failures there are of each severity. */
    public Map<Severity, Integer> failuresBySeverity() {
        Map<Severity, Integer> out = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            out.put(s, 0);
        }
        findings.stream().filter(Finding::isOpenFailure).forEach(f -> out.merge(f.severity(), 1, Integer::sum));
        return out;
    }

    /** True when some unsuppressed finding fails at or above the threshold. */
    public boolean hasFailuresAtOrAbove(Severity threshold) {
        return findings.stream().anyMatch(f -> f.isOpenFailure() && f.severity().atLeast(threshold));
    }
}
