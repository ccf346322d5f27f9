package io.trailguard.core.fix;

import io.trailguard.core.ResourceRef;
import java.util.List;
import java.util.Objects;

/**
 * A configuration fix as typed data: the desired state of named fields of one resource, changed through one AWS API.
 * The engine applies it to the snapshot to prove it; the commands are rendered from it by the API's renderer, so the
 * proof covers exactly what the user runs. Closed set: a change modifies a resource, creates one, or deletes one (a
 * flow log whose traffic type cannot be modified is replaced: created anew, the old one deleted).
 *
 * @since 0.2.0
 */
public sealed interface Change permits Change.Modify, Change.Create, Change.Delete {
    /** The AWS API the change goes through, as {@code service:Operation} ({@code cloudtrail:UpdateTrail}). */
    String api();

    /** The resource changed or created. */
    ResourceRef target();

    /**
     * Edits of an existing resource's configuration.
     *
     * @param edits in order; each sets or removes a field, or adds an element to a list (once) or removes one
     */
    record Modify(String api, ResourceRef target, List<Edit> edits) implements Change {
        public Modify {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(target, "target");
            edits = List.copyOf(edits);
        }
    }

    /**
     * A resource the fix creates, with its configuration as JSON text in the snapshot's format.
     */
    record Create(String api, ResourceRef target, String configuration) implements Change {
        public Create {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(configuration, "configuration");
        }
    }

    /**
     * A resource the fix deletes. The proof removes it from the snapshot; a finding on it is then resolved only when
     * every resource of its type the same fix creates passes the rule.
     */
    record Delete(String api, ResourceRef target) implements Change {
        public Delete {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * One edit. {@link Kind#SET} puts {@code value} at {@code path} (a JSON Pointer into the configuration, parents
     * created); {@link Kind#APPEND} adds {@code value} to the list at {@code path} unless an equal element is there;
     * {@link Kind#REMOVE} takes every element equal to {@code value} out of the list at {@code path} (none there: no
     * change); {@link Kind#UNSET} removes the field at {@code path} ({@code value} is {@code null});
     * {@link Kind#DATA_EVENTS} makes a trail record the data events of resource type {@code value} for all resources,
     * in the selector form the trail already uses (advanced or basic), keeping every existing selector.
     *
     * @param value JSON text
     */
    record Edit(Kind kind, String path, String value) {
        public Edit {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }

        /** The kinds of edit. */
        public enum Kind {
            SET, APPEND, REMOVE, UNSET, DATA_EVENTS
        }
    }
}
