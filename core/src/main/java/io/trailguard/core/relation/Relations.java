package io.trailguard.core.relation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in relations, declared in {@code io/trailguard/core/relation/relations.yaml}: every relation is a join
 * over index keys derived from its declaration, or one of the few {@link Algorithm algorithms}.
 *
 * <p>A relation that finds nothing says why when it can: the target's account is outside the snapshot
 * ({@code OUT_OF_SCOPE_ACCOUNT}), its listing failed (the collection error's cause), or it is not in the snapshot
 * at all ({@code NOT_IN_SNAPSHOT}, for names such as buckets whose account cannot be told).
 */
public final class Relations {
    /** The type of the synthetic resources of the {@code deliveries} relation. */
    public static final String DELIVERY = Deliveries.TYPE;
    /** The type of the account-level S3 Block Public Access settings. */
    public static final String ACCOUNT_PAB = "AWS::S3::AccountPublicAccessBlock";
    /** The type of the synthetic resources of the {@code replicationRules} relation: one replication rule of a bucket. */
    public static final String REPLICATION_RULE = ReplicationRulePrefixes.TYPE;
    /** The type of the synthetic resources of the {@code metricFilters} relation: one metric filter of a log group. */
    public static final String METRIC_FILTER = "trailguard::MetricFilter";
    private static final RelationSet BUILTIN = RelationsFile.builtin();

    private Relations() {
    }

    /** The built-in relations. */
    public static RelationSet builtin() {
        return BUILTIN;
    }

    /** The built-in relation of that name for a subject type, if declared. */
    public static Optional<Relation> find(String name, String fromType) {
        return BUILTIN.find(name, fromType);
    }

    /** The names of the built-in relations defined for a subject type. */
    public static Set<String> namesFor(String fromType) {
        return BUILTIN.namesFor(fromType);
    }

    /** Every built-in relation, for documentation. */
    public static List<Relation> all() {
        return BUILTIN.all();
    }
}
