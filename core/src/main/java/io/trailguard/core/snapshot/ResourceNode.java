package io.trailguard.core.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.ResourceRef;

/**
 * One resource of a snapshot with its configuration as a JSON tree. The tree must not be modified: patches work on
 * a copy (see {@link JsonPatch}).
 */
public record ResourceNode(ResourceRef ref, ObjectNode configuration) {
    public String type() {
        return ref.type();
    }

    public String id() {
        return ref.id();
    }

    public String accountId() {
        return ref.accountId();
    }

    public String region() {
        return ref.region();
    }

    /** The text of a top-level configuration field, or {@code null} when absent or not a scalar. */
    public String text(String field) {
        var v = configuration.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
