package io.trailguard.core.engine;

import io.trailguard.core.relation.Relation;
import io.trailguard.core.relation.RelationResult;
import io.trailguard.core.snapshot.ResourceNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Relation results and parsed policies, shared by all rules of one scan so each is computed once. */
final class RelationCache {
    /** The relation by identity: a record's equals and hashCode would walk its fields on every lookup. */
    private static final class Key {
        private final Relation relation;
        private final String type;
        private final String id;
        private final int hash;

        Key(Relation relation, String type, String id) {
            this.relation = relation;
            this.type = type;
            this.id = id;
            this.hash = (System.identityHashCode(relation) * 31 + type.hashCode()) * 31 + id.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.relation == relation && k.hash == hash && k.id.equals(id) && k.type.equals(type);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Map<Key, RelationResult> results = new ConcurrentHashMap<>();
    private final PolicyQuestions policies = new PolicyQuestions();

    /** Parsed policies, shared by the rules of one scan. */
    PolicyQuestions policies() {
        return policies;
    }

    RelationResult get(Relation relation, ResourceNode from, Supplier<RelationResult> compute) {
        Key k = new Key(relation, from.type(), from.id());
        RelationResult r = results.get(k);
        if (r == null) {
            r = compute.get();
            results.put(k, r);
        }
        return r;
    }
}
