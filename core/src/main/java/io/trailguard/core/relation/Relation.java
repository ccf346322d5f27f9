package io.trailguard.core.relation;

import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A named relation from resources of some types to related resources.
 *
 * @param name        the name rules use ({@code bucket})
 * @param fromTypes   the subject types it is defined for
 * @param toType      the type of the related resources
 * @param many        true when it may relate several resources
 * @param description what it follows, for {@code rules explain} and the DSL reference
 * @param resolver    the lookup
 */
public record Relation(String name, List<String> fromTypes, String toType, boolean many, String description,
                       BiFunction<SnapshotIndex, ResourceNode, RelationResult> resolver) {
    public Relation {
        fromTypes = List.copyOf(fromTypes);
    }

    /**
     * The related resources of the subject; incomplete ({@code WRONG_TYPE}) when a field the relation joins on has a
     * JSON type AWS never returns (see {@link ReferenceFields}).
     */
    public RelationResult resolve(SnapshotIndex index, ResourceNode subject) {
        return ReferenceFields.checked(this, index, subject, resolver.apply(index, subject));
    }
}
