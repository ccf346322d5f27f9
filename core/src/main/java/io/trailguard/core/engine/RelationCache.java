package io.trailguard.core.engine;

import io.trailguard.core.relation.Relation;
import io.trailguard.core.relation.RelationResult;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Relation results, parsed policies and subject-independent evidence texts, shared by all rules of one scan so each
 * is computed once.
 */
final class RelationCache {
    private final Map<Pair, RelationResult> results = new ConcurrentHashMap<>();
    private final PolicyQuestions policies = new PolicyQuestions();
    private final Map<Pair, String> texts = new ConcurrentHashMap<>();
    private final Map<Pair, BitSet> reaching = new ConcurrentHashMap<>();

    /**
     * Two objects by identity (a relation and the resource it is followed from, a condition and its rule's
     * parameters): records' equals and hashCode would walk their fields, a resource's whole configuration, on every
     * lookup. Every resource a rule reaches is the snapshot's own node or an element of a cached relation result, so
     * identity finds every repeat.
     */
    private record Pair(Object a, Object b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && p.a == a && p.b == b;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(a) * 31 + System.identityHashCode(b);
        }
    }

    /**
     * Which subjects of a list the relation finds something from, or might (an incomplete result): computed once
     * per scan for each relation and subject list, however many rules ask.
     */
    BitSet reaching(Relation relation, List<ResourceNode> subjects, SnapshotIndex index) {
        return reaching.computeIfAbsent(new Pair(relation, subjects), k -> {
            BitSet out = new BitSet(subjects.size());
            for (int i = 0; i < subjects.size(); i++) {
                ResourceNode s = subjects.get(i);
                RelationResult r = get(relation, s, () -> relation.resolve(index, s));
                if (!r.isSurelyEmpty()) {
                    out.set(i);
                }
            }
            return out;
        });
    }

    /**
     * A text about a condition that is the same for every subject (what a comparison with a literal or a parameter
     * expects), made once per scan instead of once per subject.
     */
    String text(Object condition, Object params, Supplier<String> compute) {
        return texts.computeIfAbsent(new Pair(condition, params), k -> compute.get());
    }

    /** Parsed policies, shared by the rules of one scan. */
    PolicyQuestions policies() {
        return policies;
    }

    /**
     * The relation's result from a resource, computed on first use. Complete empty results are not kept: they are
     * most results (every bucket that is not a log bucket has no trails), cheap to compute again, and hold no
     * resource whose identity later lookups would need.
     */
    RelationResult get(Relation relation, ResourceNode from, Supplier<RelationResult> compute) {
        Pair k = new Pair(relation, from);
        RelationResult r = results.get(k);
        if (r == null) {
            r = compute.get();
            if (!r.isSurelyEmpty()) {
                results.put(k, r);
            }
        }
        return r;
    }
}
