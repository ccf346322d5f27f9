package io.trailguard.core.relation;

import static io.trailguard.core.snapshot.SnapshotIndex.ALARM;
import static io.trailguard.core.snapshot.SnapshotIndex.BUCKET;
import static io.trailguard.core.snapshot.SnapshotIndex.ENI;
import static io.trailguard.core.snapshot.SnapshotIndex.FLOW_LOG;
import static io.trailguard.core.snapshot.SnapshotIndex.HOSTED_ZONE;
import static io.trailguard.core.snapshot.SnapshotIndex.KMS_KEY;
import static io.trailguard.core.snapshot.SnapshotIndex.LOG_GROUP;
import static io.trailguard.core.snapshot.SnapshotIndex.RESOLVER_QUERY_LOG_ASSOCIATION;
import static io.trailguard.core.snapshot.SnapshotIndex.SUBNET;
import static io.trailguard.core.snapshot.SnapshotIndex.TRAIL;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The fields relations join on, with the JSON type AWS returns for each. A field of another type (a number where AWS
 * returns a key ARN, an object where it returns a bucket name, the string {@code "true"} where it returns a boolean)
 * cannot be followed, and reading it as absent would make a related resource vanish: a trail whose {@code KmsKeyId}
 * is an object would have no key, and the key no trail, so every rule over them would say NOT_APPLICABLE. Instead the
 * relation is incomplete with a {@code WRONG_TYPE} reason naming the field and its JSON pointer: from the resource
 * that holds the field (forward: trail → kmsKey), and from every resource that such a field might name (reverse:
 * key → trails), since which one it names cannot be told.
 */
final class ReferenceFields {
    /** What the field's value must be. */
    private enum Kind { STRING, BOOLEAN, OBJECT }

    /**
     * A field as a path of names ({@code Replication.Rules[].Destination.Bucket}: {@code []} after a name means a
     * list of elements) and the kind of its value.
     */
    private record Field(String type, String path, Kind kind) {
    }

    /** What a relation reads: fields of its subject, and fields of other resources it joins on. */
    private record Reads(List<Field> subject, List<Field> others) {
    }

    /** By relation name, then subject type: looked up on every relation step, so without building a key. */
    private static final Map<String, Map<String, Reads>> READS = new LinkedHashMap<>();

    static {
        Field bucketName = new Field(TRAIL, "S3BucketName", Kind.STRING);
        Field trailKey = new Field(TRAIL, "KmsKeyId", Kind.STRING);
        Field orgTrail = new Field(TRAIL, "IsOrganizationTrail", Kind.BOOLEAN);
        Field logGroupArn = new Field(TRAIL, "CloudWatchLogsLogGroupArn", Kind.STRING);
        Field replication = new Field(BUCKET, "Replication.Rules[].Destination.Bucket", Kind.STRING);
        Field replicaKey = new Field(BUCKET, "Replication.Rules[].Destination.EncryptionConfiguration.ReplicaKmsKeyID",
                Kind.STRING);
        Field flowTarget = new Field(FLOW_LOG, "ResourceId", Kind.STRING);
        Field metricTransforms = new Field(LOG_GROUP, "MetricFilters[].metricTransformations[]", Kind.OBJECT);
        List<Field> alarmMetric = List.of(new Field(ALARM, "Namespace", Kind.STRING),
                new Field(ALARM, "MetricName", Kind.STRING), new Field(ALARM, "Dimensions[]", Kind.OBJECT),
                new Field(ALARM, "Metrics[].MetricStat.Metric", Kind.OBJECT));
        // trail →
        reads(TRAIL, "bucket", List.of(bucketName), List.of());
        reads(TRAIL, "knownBucket", List.of(bucketName), List.of());
        reads(TRAIL, "kmsKey", List.of(trailKey), List.of());
        reads(TRAIL, "logGroup", List.of(logGroupArn), List.of());
        reads(TRAIL, "cloudWatchLogsRole", List.of(new Field(TRAIL, "CloudWatchLogsRoleArn", Kind.STRING)), List.of());
        reads(TRAIL, "snsTopic", List.of(new Field(TRAIL, "SnsTopicARN", Kind.STRING)), List.of());
        // bucket →
        reads(BUCKET, "trails", List.of(), List.of(bucketName));
        reads(BUCKET, "deliveries", List.of(), List.of(bucketName, orgTrail, trailKey));
        reads(BUCKET, "loggingTarget", List.of(new Field(BUCKET, "Logging.LoggingEnabled.TargetBucket", Kind.STRING)),
                List.of());
        reads(BUCKET, "replicationRole", List.of(new Field(BUCKET, "Replication.Role", Kind.STRING)), List.of());
        reads(BUCKET, "replicationDestinations", List.of(replication), List.of());
        reads(BUCKET, "replicaKmsKeys", List.of(replicaKey), List.of());
        reads(BUCKET, "kmsKeys", List.of(new Field(BUCKET,
                "Encryption.Rules[].ApplyServerSideEncryptionByDefault.KMSMasterKeyID", Kind.STRING)),
                List.of(bucketName, trailKey));
        // key →
        reads(KMS_KEY, "trails", List.of(), List.of(trailKey));
        reads(KMS_KEY, "trailBuckets", List.of(), List.of(trailKey, bucketName));
        // network →
        for (String t : List.of(SUBNET, ENI)) {
            reads(t, "flowLogs", List.of(), List.of(flowTarget));
            reads(t, "vpcFlowLogs", List.of(), List.of(flowTarget));
        }
        reads(SnapshotIndex.VPC, "flowLogs", List.of(), List.of(flowTarget));
        reads(SnapshotIndex.VPC, "vpcFlowLogs", List.of(), List.of(flowTarget));
        // account and region → trails
        reads(io.trailguard.core.ResourceRef.ACCOUNT_TYPE, "trails", List.of(), List.of(orgTrail));
        reads(io.trailguard.core.ResourceRef.REGION_TYPE, "trails", List.of(),
                List.of(new Field(TRAIL, "IsMultiRegionTrail", Kind.BOOLEAN)));
        // logs and alarms
        reads(LOG_GROUP, "metricFilters", List.of(new Field(LOG_GROUP, "MetricFilters[]", Kind.OBJECT)), List.of());
        reads(LOG_GROUP, "alarms", List.of(metricTransforms), alarmMetric);
        reads(Relations.METRIC_FILTER, "alarms", List.of(new Field(Relations.METRIC_FILTER, "metricTransformations[]",
                Kind.OBJECT)), alarmMetric);
        reads(LOG_GROUP, "trails", List.of(), List.of(logGroupArn));
        reads(ALARM, "snsTopics", List.of(new Field(ALARM, "AlarmActions[]", Kind.STRING)), List.of());
        // Route 53
        Field queryLogs = new Field(HOSTED_ZONE, "QueryLoggingConfigs[].CloudWatchLogsLogGroupArn", Kind.STRING);
        reads(HOSTED_ZONE, "queryLogGroups", List.of(queryLogs), List.of());
        reads(HOSTED_ZONE, "resourcePolicies", List.of(queryLogs), List.of());
        reads(HOSTED_ZONE, "resolverQueryLogging", List.of(new Field(HOSTED_ZONE, "VPCs[].VPCId", Kind.STRING)),
                List.of(new Field(RESOLVER_QUERY_LOG_ASSOCIATION, "ResourceId", Kind.STRING)));
        // flow logs
        reads(FLOW_LOG, "deliveryRole", List.of(new Field(FLOW_LOG, "DeliverLogsPermissionArn", Kind.STRING)), List.of());
        reads(FLOW_LOG, "logGroup", List.of(new Field(FLOW_LOG, "LogDestinationType", Kind.STRING),
                new Field(FLOW_LOG, "LogDestination", Kind.STRING), new Field(FLOW_LOG, "LogGroupName", Kind.STRING)),
                List.of());
    }

    /** The first wrong-typed field of each type, per snapshot: computed once, on first use. */
    private static final Map<SnapshotIndex, Map<Field, UnknownReason>> WRONG_ANYWHERE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private ReferenceFields() {
    }

    private static void reads(String fromType, String relation, List<Field> subject, List<Field> others) {
        READS.computeIfAbsent(relation, k -> new LinkedHashMap<>()).put(fromType, new Reads(subject, others));
    }

    /**
     * The relation's result, made incomplete ({@code WRONG_TYPE}) when a field it reads, of the subject or of the
     * resources it joins on, has a JSON type AWS never returns. A result that already has a gap keeps it.
     */
    static RelationResult checked(Relation relation, SnapshotIndex index, ResourceNode subject, RelationResult r) {
        Map<String, Reads> byType = READS.get(relation.name());
        Reads reads = byType == null ? null : byType.get(subject.type());
        if (reads == null) {
            return r;
        }
        // the subject's own field first: a gap the lookup found for a misread value is not the reason
        for (Field f : reads.subject()) {
            Optional<UnknownReason> wrong = wrong(subject, f);
            if (wrong.isPresent()) {
                return new RelationResult(r.found(), wrong.get(), r.sought());
            }
        }
        if (r.gap() == null && !reads.others().isEmpty()) {
            Map<Field, UnknownReason> anywhere = WRONG_ANYWHERE.computeIfAbsent(index, ReferenceFields::scan);
            for (Field f : reads.others()) {
                UnknownReason u = anywhere.get(f);
                if (u != null) {
                    return new RelationResult(r.found(), new UnknownReason(u.code(), u.detail()
                            + ", so it cannot be told whether it names " + subject.id()), r.sought());
                }
            }
        }
        return r;
    }

    private static Map<Field, UnknownReason> scan(SnapshotIndex index) {
        Map<Field, UnknownReason> out = new LinkedHashMap<>();
        for (Reads reads : READS.values().stream().flatMap(m -> m.values().stream()).toList()) {
            for (Field f : reads.others()) {
                if (out.containsKey(f)) {
                    continue;
                }
                for (ResourceNode n : index.ofType(f.type())) {
                    Optional<UnknownReason> w = wrong(n, f);
                    if (w.isPresent()) {
                        out.put(f, w.get());
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The first value on the field's path that is not of the kind AWS returns; absent values are fine. */
    static Optional<UnknownReason> wrong(ResourceNode n, Field f) {
        List<String> names = List.of(f.path().split("\\."));
        List<String> wrong = new ArrayList<>();
        walk(n.configuration(), names, 0, "$", "", f.kind(), wrong);
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UnknownReason(UnknownReason.Code.WRONG_TYPE, wrong.get(0).replace("\0", n.id())));
    }

    private static void walk(JsonNode node, List<String> names, int i, String path, String pointer, Kind leaf,
                             List<String> wrong) {
        if (!wrong.isEmpty()) {
            return;
        }
        String name = names.get(i);
        boolean list = name.endsWith("[]");
        String key = list ? name.substring(0, name.length() - 2) : name;
        JsonNode v = node.get(key);
        String p = path + "." + key;
        String ptr = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
        if (v == null || v.isNull()) {
            return;
        }
        boolean last = i == names.size() - 1;
        if (list) {
            if (!v.isArray()) {
                wrong.add(describe(p, ptr, v, "a list"));
                return;
            }
            for (int e = 0; e < v.size() && wrong.isEmpty(); e++) {
                JsonNode el = v.get(e);
                String ep = p + "[" + e + "]";
                String eptr = ptr + "/" + e;
                if (last) {
                    check(el, ep, eptr, leaf, wrong);
                } else if (!el.isObject()) {
                    wrong.add(describe(ep, eptr, el, "an object"));
                } else {
                    walk(el, names, i + 1, ep, eptr, leaf, wrong);
                }
            }
        } else if (last) {
            check(v, p, ptr, leaf, wrong);
        } else if (!v.isObject()) {
            wrong.add(describe(p, ptr, v, "an object"));
        } else {
            walk(v, names, i + 1, p, ptr, leaf, wrong);
        }
    }

    private static void check(JsonNode v, String path, String pointer, Kind kind, List<String> wrong) {
        boolean ok = switch (kind) {
            case STRING -> v.isTextual();
            case BOOLEAN -> v.isBoolean();
            case OBJECT -> v.isObject();
        };
        if (!ok) {
            wrong.add(describe(path, pointer, v, switch (kind) {
                case STRING -> "a string";
                case BOOLEAN -> "a boolean";
                case OBJECT -> "an object";
            }));
        }
    }

    private static String describe(String path, String pointer, JsonNode v, String wanted) {
        String shown = v.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        String type = switch (v.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
        return path + " (JSON pointer " + pointer + ") of \0 is " + type + " (" + shown + ") where AWS returns "
                + wanted;
    }
}
