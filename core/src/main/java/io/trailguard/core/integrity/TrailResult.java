package io.trailguard.core.integrity;

import java.util.List;

/** One trail's chain: its hours in time order. */
public record TrailResult(TrailId trail, List<HourResult> hours) {
    public TrailResult {
        hours = List.copyOf(hours);
    }
}
