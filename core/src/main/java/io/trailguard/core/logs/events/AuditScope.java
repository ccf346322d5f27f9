package io.trailguard.core.logs.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Snapshot;
import io.trailguard.core.relation.Relations;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.Set;
import java.util.TreeSet;

/**
 * The organisation's audit pipeline as a snapshot names it: the log buckets (trails, S3 flow logs, Config delivery
 * channels), the log keys (trails' {@code KmsKeyId}), the trails, the trails' log groups, and the alarms on the metric
 * filters of those log groups (the CW-01…06 chain). {@link #unknown()} when no snapshot is given: then a bucket or key
 * operation cannot be told to be on the pipeline and is reported as unverified.
 *
 * @since 0.2.0
 */
public record AuditScope(boolean known, Set<String> logBuckets, Set<String> logKeys, Set<String> trails,
        Set<String> logGroups, Set<String> metricFilters, Set<String> alarms) {

    public AuditScope {
        logBuckets = Set.copyOf(logBuckets);
        logKeys = Set.copyOf(logKeys);
        trails = Set.copyOf(trails);
        logGroups = Set.copyOf(logGroups);
        metricFilters = Set.copyOf(metricFilters);
        alarms = Set.copyOf(alarms);
    }

    /** No snapshot: nothing is known to be on the pipeline. */
    public static AuditScope unknown() {
        return new AuditScope(false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    /** The pipeline of a snapshot. */
    public static AuditScope of(Snapshot snapshot) {
        SnapshotIndex ix = snapshot.index();
        Set<String> buckets = new TreeSet<>();
        Set<String> keys = new TreeSet<>();
        Set<String> trails = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (ResourceNode t : ix.ofType(SnapshotIndex.TRAIL)) {
            add(buckets, t.text("S3BucketName"));
            add(trails, t.text("Name"));
            add(trails, t.text("TrailARN"));
            String key = t.text("KmsKeyId");
            if (key != null) {
                keys.add(key);
                keys.add(key.substring(key.lastIndexOf('/') + 1));
                for (ResourceNode k : Relations.find("kmsKey", SnapshotIndex.TRAIL).orElseThrow().resolve(ix, t).found()) {
                    add(keys, k.text("Arn"));
                    add(keys, k.text("KeyId"));
                }
            }
            String group = t.text("CloudWatchLogsLogGroupArn");
            if (group != null && group.contains(":log-group:")) {
                String name = group.substring(group.indexOf(":log-group:") + ":log-group:".length());
                groups.add(name.endsWith(":*") ? name.substring(0, name.length() - 2) : name);
            }
        }
        for (ResourceNode f : ix.ofType(SnapshotIndex.FLOW_LOG)) {
            String dest = f.text("LogDestination");
            if ("s3".equals(f.text("LogDestinationType")) && dest != null && dest.startsWith("arn:aws:s3:::")) {
                String b = dest.substring("arn:aws:s3:::".length());
                buckets.add(b.contains("/") ? b.substring(0, b.indexOf('/')) : b);
            }
        }
        for (ResourceNode r : ix.ofType(SnapshotIndex.CONFIG_RECORDER)) {
            for (JsonNode c : r.configuration().path("DeliveryChannels")) {
                add(buckets, c.path("s3BucketName").asText(null));
            }
        }
        Set<String> filters = new TreeSet<>();
        Set<String> metrics = new TreeSet<>();
        for (ResourceNode g : ix.ofType(SnapshotIndex.LOG_GROUP)) {
            if (!groups.contains(g.text("logGroupName"))) {
                continue;
            }
            for (JsonNode mf : g.configuration().path("MetricFilters")) {
                add(filters, mf.path("filterName").asText(null));
                for (JsonNode t : mf.path("metricTransformations")) {
                    add(metrics, t.path("metricNamespace").asText("") + "/" + t.path("metricName").asText(""));
                }
            }
        }
        Set<String> alarms = new TreeSet<>();
        for (ResourceNode a : ix.ofType(SnapshotIndex.ALARM)) {
            if (metrics.contains(a.text("Namespace") + "/" + a.text("MetricName"))) {
                add(alarms, a.text("AlarmName"));
            }
        }
        return new AuditScope(true, buckets, keys, trails, groups, filters, alarms);
    }

    private static void add(Set<String> s, String v) {
        if (v != null && !v.isEmpty()) {
            s.add(v);
        }
    }
}
