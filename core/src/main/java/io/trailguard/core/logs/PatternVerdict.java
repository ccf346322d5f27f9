package io.trailguard.core.logs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a filter pattern does with named sample events: the events it should match but does not, and the events it
 * should ignore but matches. The sentence it makes names each event by its CloudTrail {@code eventName} (and the
 * sample's name), so that a finding says which required event a filter misses. Immutable.
 *
 * @param missed  names of the events to match that the pattern does not match
 * @param matched  names of the events to ignore that the pattern matches
 * @param required how many events the pattern had to match
 * @param labels   the label of each named event in {@code missed} and {@code matched}
 * @since 0.2.0
 */
public record PatternVerdict(List<String> missed, List<String> matched, int required, Map<String, String> labels) {
    public PatternVerdict {
        missed = List.copyOf(missed);
        matched = List.copyOf(matched);
        labels = Map.copyOf(labels);
    }

    /**
     * Runs a pattern over named events.
     *
     * @param match  the events it must match, by sample name
     * @param ignore the events it must not match, by sample name
     * @throws UnsupportedOperationException for a space-delimited pattern (see {@link FilterPattern#supported()})
     */
    public static PatternVerdict judge(FilterPattern pattern, Map<String, JsonNode> match, Map<String, JsonNode> ignore) {
        List<String> missed = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        java.util.LinkedHashMap<String, String> labels = new java.util.LinkedHashMap<>();
        match.forEach((name, event) -> {
            if (!pattern.matches(event)) {
                missed.add(name);
                labels.put(name, label(name, event));
            }
        });
        ignore.forEach((name, event) -> {
            if (pattern.matches(event)) {
                matched.add(name);
                labels.put(name, label(name, event));
            }
        });
        return new PatternVerdict(missed, matched, match.size(), labels);
    }

    /** True when every event to match matches and no event to ignore does. */
    public boolean holds() {
        return missed.isEmpty() && matched.isEmpty();
    }

    /**
     * True when the verdict fails although the pattern matches at least one event it must match: a filter written
     * for this purpose that falls short (or reaches too far), rather than a filter for something else.
     */
    public boolean nearMiss() {
        return !holds() && missed.size() < required;
    }

    /**
     * A sentence for a finding, such as {@code Filter RootUsage does not match StopConfigurationRecorder
     * (config-stop-configuration-recorder); it also matches GetBucketPolicy (s3-get-bucket-policy).}; empty when
     * the verdict holds.
     */
    public String sentence(String filter) {
        if (holds()) {
            return "";
        }
        StringBuilder b = new StringBuilder("Filter ").append(filter);
        if (!missed.isEmpty()) {
            b.append(" does not match ").append(labelled(missed));
        }
        if (!matched.isEmpty()) {
            b.append(missed.isEmpty() ? " matches " : "; it also matches ").append(labelled(matched))
                    .append(", which it should ignore");
        }
        return b.append('.').toString();
    }

    private String labelled(List<String> names) {
        return String.join(", ", names.stream().map(labels::get).toList());
    }

    private static String label(String name, JsonNode event) {
        String eventName = event == null ? null : event.path("eventName").asText(null);
        return eventName == null || eventName.equals(name) ? name : eventName + " (" + name + ")";
    }
}
