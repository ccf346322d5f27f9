package io.trailguard.core.relation;

import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The relations that are not a join but an AWS rule about where logs go: each encodes an AWS document (named in its
 * javadoc and tested against its examples), and relations.yaml names it ({@code algorithm: NAME}). A closed set:
 * everything else is declared.
 *
 * @since 0.3.0
 */
public sealed interface Algorithm permits Deliveries, OrganizationTrails, RegionTrails, FlowLogCapture,
        ReplicationRulePrefixes, MetricAlarms {
    /** The names relations.yaml may use. */
    List<String> NAMES = List.of("deliveries", "organizationTrails", "regionTrails", "capturingFlowLogs", "vpcFlowLogs",
            "replicationRules", "metricAlarms");

    /** Its name in relations.yaml. */
    String name();

    RelationResult resolve(SnapshotIndex ix, ResourceNode subject);

    /**
     * The fields it reads and the JSON type AWS returns for each, so that a wrong-typed one makes it incomplete
     * ({@code WRONG_TYPE}) rather than find nothing: declared here, next to the code that reads them.
     */
    Reads reads();

    /**
     * The algorithm of that name, or {@code null}.
     *
     * @param relation the declared relation of a name from a type, for the algorithms built on others
     */
    static Algorithm named(String name, BiFunction<String, String, Relation> relation) {
        return switch (name) {
            case "deliveries" -> new Deliveries(relation.apply("trails", SnapshotIndex.BUCKET));
            case "organizationTrails" -> new OrganizationTrails();
            case "regionTrails" -> new RegionTrails();
            case "capturingFlowLogs" -> new FlowLogCapture(false);
            case "vpcFlowLogs" -> new FlowLogCapture(true);
            case "replicationRules" -> new ReplicationRulePrefixes();
            case "metricAlarms" -> new MetricAlarms();
            default -> null;
        };
    }
}
