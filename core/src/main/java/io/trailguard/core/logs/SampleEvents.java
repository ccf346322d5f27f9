package io.trailguard.core.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named sample CloudTrail events that rules judge filter patterns against ({@code root-console-login},
 * {@code stop-logging}, ...): real recorded events, and events derived from a recorded one of the same service with only
 * the fields their {@code source} names changed, with their sources in {@code io/trailguard/core/logs/NOTICE}.
 */
public final class SampleEvents {
    private static final String RESOURCE = "/io/trailguard/core/logs/cloudtrail-events.json";
    private static final Map<String, JsonNode> EVENTS = load();

    private SampleEvents() {
    }

    private static Map<String, JsonNode> load() {
        try (InputStream in = SampleEvents.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, JsonNode> m = new LinkedHashMap<>();
            root.path("events").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().get("event")));
            return Collections.unmodifiableMap(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event of that name. */
    public static Optional<JsonNode> get(String name) {
        return Optional.ofNullable(EVENTS.get(name));
    }

    /** Every name. */
    public static Set<String> names() {
        return EVENTS.keySet();
    }
}
