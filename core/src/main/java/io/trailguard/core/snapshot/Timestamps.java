package io.trailguard.core.snapshot;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads the timestamps found in snapshots: ISO-8601 text with an offset or a {@code Z}. */
public final class Timestamps {
    private Timestamps() {
    }

    /** The instant, or {@code null} when the text is not an ISO-8601 instant. */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
