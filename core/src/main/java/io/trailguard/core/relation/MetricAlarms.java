package io.trailguard.core.relation;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CloudWatch alarms, in a metric filter's account and region, that receive a metric the filter publishes: one of
 * its {@code metricTransformations} and the alarm's metric (its own, or one of a metric-math alarm's) agree on
 * namespace, name and dimension names, and the dimension values the filter's pattern lets the event fields have
 * ({@link MetricMatch}, with the AWS documents it encodes). Alarms are indexed
 * by account, region, namespace and metric name, so each filter reads only the alarms on its metrics.
 */
record MetricAlarms() implements Algorithm {
    @Override
    public String name() {
        return "metricAlarms";
    }

    /** The filter's metricTransformations, and every alarm's metric: its own, or each of a metric-math alarm's. */
    @Override
    public Reads reads() {
        return new Reads(List.of(new Reads.Field(Relations.METRIC_FILTER, "metricTransformations[]", Reads.Kind.OBJECT)),
                List.of(new Reads.Field(SnapshotIndex.ALARM, "Namespace", Reads.Kind.STRING),
                        new Reads.Field(SnapshotIndex.ALARM, "MetricName", Reads.Kind.STRING),
                        new Reads.Field(SnapshotIndex.ALARM, "Dimensions[]", Reads.Kind.OBJECT),
                        new Reads.Field(SnapshotIndex.ALARM, "Metrics[].MetricStat.Metric", Reads.Kind.OBJECT)));
    }

    @Override
    public RelationResult resolve(SnapshotIndex ix, ResourceNode filter) {
        Map<String, List<ResourceNode>> byMetric = ix.derived(MetricAlarms.class, MetricAlarms::index);
        Set<ResourceNode> out = new LinkedHashSet<>();
        for (JsonNode t : filter.configuration().path("metricTransformations")) {
            String ns = t.path("metricNamespace").asText(null);
            String name = t.path("metricName").asText(null);
            if (ns != null && name != null) {
                for (ResourceNode a : byMetric.getOrDefault(key(filter.accountId(), filter.region(), ns, name), List.of())) {
                    if (MetricMatch.receives(filter.configuration(), t, a.configuration())) {
                        out.add(a);
                    }
                }
            }
        }
        return new RelationResult(new ArrayList<>(out), ix.gaps().typeGap(SnapshotIndex.ALARM, filter.accountId(),
                filter.region()).orElse(null), "alarms on the metrics of " + filter.id());
    }

    private static Map<String, List<ResourceNode>> index(SnapshotIndex ix) {
        Map<String, List<ResourceNode>> m = new HashMap<>();
        for (ResourceNode r : ix.ofType(SnapshotIndex.ALARM)) {
            Set<String> keys = new LinkedHashSet<>();
            JsonNode c = r.configuration();
            if (c.hasNonNull("MetricName") && c.hasNonNull("Namespace")) {
                keys.add(key(r.accountId(), r.region(), c.get("Namespace").asText(), c.get("MetricName").asText()));
            }
            for (JsonNode metric : c.path("Metrics")) {
                JsonNode mm = metric.path("MetricStat").path("Metric");
                if (mm.hasNonNull("MetricName") && mm.hasNonNull("Namespace")) {
                    keys.add(key(r.accountId(), r.region(), mm.get("Namespace").asText(), mm.get("MetricName").asText()));
                }
            }
            keys.forEach(k -> m.computeIfAbsent(k, x -> new ArrayList<>()).add(r));
        }
        return m;
    }

    private static String key(String account, String region, String namespace, String name) {
        return account + "|" + region + "|" + namespace + "|" + name;
    }
}
