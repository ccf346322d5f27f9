package io.trailguard.core.snapshot;

import java.util.List;

/** One account a snapshot covers: its id, name, the regions collected, and its organisation (or {@code null}). */
public record AccountInfo(String id, String name, List<String> regions, String organizationId) {
    public AccountInfo {
        regions = List.copyOf(regions);
    }
}
