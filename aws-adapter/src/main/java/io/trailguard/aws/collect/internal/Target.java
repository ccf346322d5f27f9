package io.trailguard.aws.collect.internal;

import java.util.List;

/** What a failed call leaves unread: a resource type, optionally one resource and its top-level fields. */
public record Target(String resourceType, String resourceId, List<String> fields) {
    public static final Target NONE = new Target(null, null, null);

    public static Target type(String resourceType) {
        return new Target(resourceType, null, null);
    }

    public static Target of(String resourceType, String resourceId, String... fields) {
        return new Target(resourceType, resourceId, fields.length == 0 ? null : List.of(fields));
    }
}
