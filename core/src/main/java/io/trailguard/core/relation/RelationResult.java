package io.trailguard.core.relation;

import io.trailguard.core.UnknownReason;
import io.trailguard.core.snapshot.ResourceNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a relation found, and, when the answer may be incomplete because inputs were not collected, why.
 *
 * @param found  the related resources found
 * @param gap    why more may exist than were found (or why the one sought is missing), else {@code null}
 * @param sought what was looked for, in plain words ("bucket central-logs", "flow logs on subnet-1 or vpc-1")
 */
public record RelationResult(List<ResourceNode> found, UnknownReason gap, String sought) {
    public RelationResult {
        found = List.copyOf(found);
    }

    /** True when the relation surely finds nothing: no resource found, and nothing left uncollected. */
    public boolean isSurelyEmpty() {
        return found.isEmpty() && gap == null;
    }

    public static RelationResult of(List<ResourceNode> found, String sought) {
        return new RelationResult(found, null, sought);
    }

    /**
     * Several lookups as one result: every resource they found, once each and in order, and the first gap, starting
     * with {@code first} (the gap of the input they were made from, such as an unread field).
     */
    static RelationResult merge(UnknownReason first, List<RelationResult> parts, String sought) {
        Set<ResourceNode> found = new LinkedHashSet<>();
        UnknownReason gap = first;
        for (RelationResult r : parts) {
            found.addAll(r.found());
            if (gap == null) {
                gap = r.gap();
            }
        }
        return new RelationResult(new ArrayList<>(found), gap, sought);
    }
}
