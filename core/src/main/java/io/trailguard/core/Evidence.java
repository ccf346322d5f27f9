package io.trailguard.core;

import java.util.Objects;

/**
 * One fact that decided a finding: the value found at a path of a resource's configuration (as JSON text, or
 * {@code null} when the path is absent), and what the rule expected of it.
 *
 * @param resource the id of the resource the fact was read from
 * @param path     the JSONPath (or relation) that was read
 * @param value    the value found, as JSON text; {@code null} when absent
 * @param expected what the rule required, in plain words ("equals true", "a flow log on vpc-1 or subnet-2")
 * @since 0.1.0
 */
public record Evidence(String resource, String path, String value, String expected) {
    public Evidence {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expected, "expected");
    }

    /** A one-line rendering for text reports. */
    public String describe() {
        return path + " = " + (value == null ? "(absent)" : value) + "; expected " + expected
                + (resource.isEmpty() ? "" : " [" + resource + "]");
    }
}
