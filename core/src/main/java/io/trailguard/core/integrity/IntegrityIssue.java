package io.trailguard.core.integrity;

import java.time.Instant;

/**
 * One thing validation found: its kind, the trail (or, for {@link IssueKind#NOT_COVERED}, a trail id with
 * {@code trail = "*"}), the time range it concerns (the digest's hour, a gap's bounds; an end may be {@code null} when
 * unknown), the object (log file or digest key, or {@code null} for intervals), and the reason in plain words.
 *
 * @since 0.2.0
 */
public record IntegrityIssue(IssueKind kind, TrailId trail, Instant from, Instant to, String object, String detail) {
}
