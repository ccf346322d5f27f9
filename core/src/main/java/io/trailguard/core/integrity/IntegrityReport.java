package io.trailguard.core.integrity;

import java.time.Instant;
import java.util.List;

/**
 * The result of validating a bucket: where ({@code location}: {@code s3://bucket/prefix} or a directory), when
 * ({@code validatedAt}), every trail's hours, and every issue, ordered by trail, time and object.
 *
 * @since 0.2.0
 */
public record IntegrityReport(String location, Instant validatedAt, ValidateOptions options, List<TrailResult> trails,
        List<IntegrityIssue> issues, Counts counts) {

    public IntegrityReport {
        trails = List.copyOf(trails);
        issues = List.copyOf(issues);
    }

    /** Totals: digests read, log files checked, and log files by verdict. */
    public record Counts(int digests, int logFiles, int validLogFiles, int modified, int deleted, int notCovered,
            int unknown) {
    }

    /** Whether any issue is of a failing kind (exit code 1). */
    public boolean failing() {
        return issues.stream().anyMatch(i -> i.kind().failing());
    }
}
