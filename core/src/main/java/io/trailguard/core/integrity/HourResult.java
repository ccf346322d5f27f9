package io.trailguard.core.integrity;

import java.time.Instant;

/**
 * One digest's hour: the digest, its time range, whether the digest itself is valid, and how many of the log files it
 * lists are valid, modified, deleted or unreadable. {@code status} is VALID only when the digest and all its log
 * files are.
 *
 * @since 0.2.0
 */
public record HourResult(Instant start, Instant end, String digest, Verdict status, boolean backfill, int logFiles,
        int valid, int modified, int deleted, int unknown) {

    /** An hour's verdict, worst first. */
    public enum Verdict { INVALID, UNKNOWN, VALID }
}
