package io.trailguard.core;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Why a finding is suppressed: the accepted-risk entry that matched it, with its reason, its expiry and where it is
 * written. A suppressed finding keeps its status; reports show it as suppressed and exit codes ignore it.
 *
 * @param reason  why the risk is accepted, as the entry states it
 * @param expires the last day the entry suppresses, or {@code null} when it does not expire
 * @param source  where the entry is written ({@code suppressions.yaml:12:3})
 * @since 0.1.0
 */
public record Suppression(String reason, LocalDate expires, String source) {
    public Suppression {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
    }
}
