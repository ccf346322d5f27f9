package io.trailguard.core.suppress;

import io.trailguard.core.Problem;
import io.trailguard.core.ScanResult;
import java.util.List;

/**
 * What applying a suppressions file did: the scan result with matching findings marked as suppressed, the warnings
 * (expired entries, entries that match nothing), each naming {@code file:line:col}, and the unused entries.
 *
 * @param result   the findings, suppressed ones marked, none dropped
 * @param warnings expired entries and entries that match no finding, in file order
 * @param unused   the entries (expired or not) that suppressed no finding
 * @since 0.1.0
 */
public record SuppressionOutcome(ScanResult result, List<Problem> warnings, List<SuppressionEntry> unused) {
    public SuppressionOutcome {
        warnings = List.copyOf(warnings);
        unused = List.copyOf(unused);
    }
}
