package io.trailguard.core.relation;

import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;

/**
 * A named relation from resources of one type to related resources, as relations.yaml declares it. Compared by
 * identity where it matters (caches): one object per declaration and subject type.
 *
 * @param name        the name rules use ({@code bucket})
 * @param fromType    the subject type it is defined for
 * @param toType      the type of the related resources
 * @param description what it follows, for {@code rules explain} and the DSL reference
 * @param join        how it finds them
 * @param source      where it is declared ({@code relations.yaml:12:5}), for messages
 * @param reads       the fields it reads and the JSON type of each, derived from the join ({@link ReferenceFields})
 * @since 0.1.0
 */
public record Relation(String name, String fromType, String toType, String description, Join join, String source,
                       Reads reads) {
    /** A relation reading the fields its join declares. */
    public Relation(String name, String fromType, String toType, String description, Join join, String source) {
        this(name, fromType, toType, description, join, source, join.reads(fromType));
    }

    /** True when it may relate several resources. */
    public boolean many() {
        return join.many();
    }

    /**
     * The related resources of the subject; incomplete ({@code WRONG_TYPE}) when a field the relation joins on has a
     * JSON type AWS never returns (see {@link ReferenceFields}).
     */
    public RelationResult resolve(SnapshotIndex index, ResourceNode subject) {
        return ReferenceFields.checked(this, index, subject, join.resolve(index, subject));
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
