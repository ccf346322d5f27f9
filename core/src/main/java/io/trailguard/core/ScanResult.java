package io.trailguard.core;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of one scan, with what was scanned.
 *
 * @param capturedAt          when the snapshot was captured
 * @param accounts            the accounts the snapshot covers
 * @param resourceCount       how many resources it holds
 * @param collectionErrors    the API calls that failed while it was collected
 * @param rulesEvaluated      how many rules were evaluated
 * @param findings            one per rule and subject, ordered by rule then snapshot order; suppressed findings
 *                            stay in the list, marked ({@link Finding#suppression()})
 * @since 0.1.0
 */
public record ScanResult(Instant capturedAt, List<String> accounts, int resourceCount,
                         List<CollectionError> collectionErrors, int rulesEvaluated, List<Finding> findings) {
    public ScanResult {
        accounts = List.copyOf(accounts);
        collectionErrors = List.copyOf(collectionErrors);
        findings = List.copyOf(findings);
    }

    /** How many findings have each status. */
    public Map<Status, Integer> countByStatus() {
        Map<Status, Integer> out = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            out.put(s, 0);
        }
        findings.forEach(f -> out.merge(f.status(), 1, Integer::sum));
        return out;
    }

    /** How many findings are suppressed (whatever their status). */
    public int suppressedCount() {
        return (int) findings.stream().filter(Finding::isSuppressed).count();
    }

    /** A copy with other findings (after suppressions or a baseline are applied). */
    public ScanResult withFindings(List<Finding> replacement) {
        return new ScanResult(capturedAt, accounts, resourceCount, collectionErrors, rulesEvaluated, replacement);
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
