package io.trailguard.core.relation;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The relations rules may follow: the built-in ones ({@link Relations#builtin()}), plus those a user declares in a
 * relations.yaml beside their rules ({@link RelationsFile#load}). Immutable and thread-safe.
 *
 * @since 0.3.0
 */
public final class RelationSet {
    private final List<Relation> all;
    private final Map<String, Relation> byNameAndType = new HashMap<>();

    /** @param all the relations in declaration order; a second one of the same name and subject type is ignored */
    RelationSet(List<Relation> all) {
        this.all = List.copyOf(all);
        for (Relation r : all) {
            byNameAndType.putIfAbsent(r.name() + "|" + r.fromType(), r);
        }
    }

    /** The relation of that name for a subject type, if declared. */
    public Optional<Relation> find(String name, String fromType) {
        return Optional.ofNullable(byNameAndType.get(name + "|" + fromType));
    }

    /** The names of the relations declared for a subject type, in the order each name is first declared. */
    public Set<String> namesFor(String fromType) {
        Set<String> out = new LinkedHashSet<>();
        for (Relation r : all) {
            if (find(r.name(), fromType).isPresent()) {
                out.add(r.name());
            }
        }
        return out;
    }

    /** Every relation, in declaration order (one per declaration and subject type). */
    public List<Relation> all() {
        return all;
    }
}
