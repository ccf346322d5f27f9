package io.trailguard.core.fix.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the snapshot says a parameter naming the user's resources should be, when no {@code --param} sets it: the
 * organisation trail's bucket and key, the bucket most trails deliver to, a topic existing alarms notify that has a
 * confirmed subscription, the existing delivery channel's bucket, the VPC's other flow logs' destination. A value is
 * taken only when the snapshot decides it (a tie decides nothing); the answer says how it was found.
 */
public final class SnapshotDefaults {
    /** The derivations a parameter's {@code from:} may name; {@code user}: only the user can say (an empty value is unset). */
    public static final Set<String> KINDS = Set.of("organizationTrailBucket", "organizationTrailKey", "alarmTopic",
            "deliveryChannelBucket", "flowLogBucket", "resolverQueryLogConfig", "accessLogBucket", "user");

    private SnapshotDefaults() {
    }

    /** A derived value and how it was found ({@code the organisation trail's bucket}). */
    public record Derived(String value, String how) {
    }

    /**
     * Derives a value.
     *
     * @param near the resource to look near (same account, region, VPC), e.g. the subject or a related log group
     */
    public static Optional<Derived> derive(String kind, SnapshotIndex index, ResourceNode near) {
        return switch (kind) {
            case "organizationTrailBucket" -> trailField(index, "S3BucketName", "bucket");
            case "organizationTrailKey" -> trailField(index, "KmsKeyId", "KMS key");
            case "alarmTopic" -> alarmTopic(index, near);
            case "deliveryChannelBucket" -> deliveryChannelBucket(index, near);
            case "flowLogBucket" -> flowLogBucket(index, near);
            case "resolverQueryLogConfig" -> resolverConfig(index, near);
            case "accessLogBucket" -> most(index.ofType(SnapshotIndex.BUCKET), b -> text(b.configuration()
                    .at("/Logging/LoggingEnabled/TargetBucket")), "the access-log bucket most buckets log to");
            default -> Optional.empty();
        };
    }

    private static Optional<Derived> trailField(SnapshotIndex index, String field, String what) {
        List<ResourceNode> org = index.ofType(SnapshotIndex.TRAIL).stream()
                .filter(t -> t.configuration().path("IsOrganizationTrail").asBoolean(false))
                .filter(t -> text(t.configuration().get(field)) != null).toList();
        if (org.size() == 1 || (!org.isEmpty() && org.stream().map(t -> text(t.configuration().get(field))).distinct().count() == 1)) {
            return Optional.of(new Derived(text(org.get(0).configuration().get(field)),
                    "snapshot: the " + what + " of organisation trail " + org.get(0).id()));
        }
        return most(index.ofType(SnapshotIndex.TRAIL), t -> text(t.configuration().get(field)),
                "the " + what + " most trails use");
    }

    /**
     * A topic existing alarms notify that has a confirmed subscription, in the region of {@code near} (an alarm
     * notifies a topic in its own region), by votes: each alarm action on it counts a thousand when the topic is in
     * {@code near}'s account, else one. The notified topics are counted once per snapshot ({@link AlarmTopics}).
     */
    private static Optional<Derived> alarmTopic(SnapshotIndex index, ResourceNode near) {
        AlarmTopics topics = index.derived(AlarmTopics.class, AlarmTopics::of);
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (AlarmTopics.Topic t : topics.notified()) {
            if (near != null && !t.topic().region().equals(near.region())) {
                continue;
            }
            int weight = near != null && t.topic().accountId().equals(near.accountId()) ? 1000 : 1;
            votes.merge(t.arn(), weight * t.actions(), Integer::sum);
        }
        return best(votes, "a topic existing alarms notify, with a confirmed subscription");
    }

    /** The topics with a confirmed subscription that alarm actions name, each with how many actions name it. */
    private record AlarmTopics(List<Topic> notified) {
        record Topic(String arn, ResourceNode topic, int actions) {
        }

        static AlarmTopics of(SnapshotIndex index) {
            Map<String, Integer> actions = new LinkedHashMap<>();
            Map<String, ResourceNode> nodes = new HashMap<>();
            for (ResourceNode alarm : index.ofType(SnapshotIndex.ALARM)) {
                for (JsonNode a : alarm.configuration().path("AlarmActions")) {
                    String arn = a.asText();
                    if (!arn.startsWith("arn:aws:sns:")) {
                        continue;
                    }
                    Optional<ResourceNode> topic = index.get(SnapshotIndex.TOPIC, arn);
                    if (topic.isEmpty() || topic.get().configuration().at("/Attributes/SubscriptionsConfirmed").asInt(0) < 1) {
                        continue;
                    }
                    actions.merge(arn, 1, Integer::sum);
                    nodes.put(arn, topic.get());
                }
            }
            List<Topic> out = new ArrayList<>();
            actions.forEach((arn, n) -> out.add(new Topic(arn, nodes.get(arn), n)));
            return new AlarmTopics(List.copyOf(out));
        }
    }

    private static Optional<Derived> deliveryChannelBucket(SnapshotIndex index, ResourceNode near) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (ResourceNode r : index.ofType(SnapshotIndex.CONFIG_RECORDER)) {
            for (JsonNode ch : r.configuration().path("DeliveryChannels")) {
                String b = text(ch.get("s3BucketName"));
                if (b != null) {
                    votes.merge(b, near != null && r.accountId().equals(near.accountId()) ? 1000 : 1, Integer::sum);
                }
            }
        }
        Optional<Derived> d = best(votes, "");
        return d.map(x -> new Derived(x.value(), "snapshot: the bucket of " + (votes.get(x.value()) >= 1000
                ? "the account's delivery channels" : "the organisation's delivery channels (none in the account)")));
    }

    /**
     * The bucket flow logs deliver to, by votes: a flow log on the same VPC (on it, one of its subnets or one of their
     * interfaces) counts a million, one in the same account a thousand, any other one. The counts are taken once per
     * snapshot ({@link FlowLogBuckets}); a fix is built for every failing VPC, subnet and interface.
     */
    private static Optional<Derived> flowLogBucket(SnapshotIndex index, ResourceNode near) {
        FlowLogBuckets counts = index.derived(FlowLogBuckets.class, FlowLogBuckets::of);
        String vpc = near == null ? null : text(near.configuration().get("VpcId"));
        String account = near == null ? null : near.accountId();
        Map<String, Integer> inVpc = vpc == null ? Map.of() : counts.byVpc().getOrDefault(vpc, Map.of());
        Map<String, Integer> inAccount = account == null ? Map.of() : counts.byAccount().getOrDefault(account, Map.of());
        Map<String, Integer> inBoth = vpc == null || account == null ? Map.of()
                : counts.byVpcAndAccount().getOrDefault(List.of(vpc, account), Map.of());
        Map<String, Long> votes = new LinkedHashMap<>();
        counts.all().forEach((bucket, all) -> {
            long v = inVpc.getOrDefault(bucket, 0);
            long a = inAccount.getOrDefault(bucket, 0);
            long av = inBoth.getOrDefault(bucket, 0);
            votes.put(bucket, 1_000_000 * v + 1000 * (a - av) + (all - a - v + av));
        });
        return best(votes, "").map(x -> {
            long top = votes.get(x.value());
            return new Derived(x.value(), "snapshot: the bucket " + (top >= 1_000_000
                    ? "the VPC's other flow logs deliver to" : top >= 1000
                    ? "the account's flow logs deliver to (none on the VPC)"
                    : "the organisation's flow logs deliver to (none in the account)"));
        });
    }

    /**
     * How many flow logs deliver to each S3 bucket: in all, per VPC they capture (the VPC of the subnet or interface
     * they are on), per account, and per VPC and account.
     */
    private record FlowLogBuckets(Map<String, Integer> all, Map<String, Map<String, Integer>> byVpc,
                                  Map<String, Map<String, Integer>> byAccount,
                                  Map<List<String>, Map<String, Integer>> byVpcAndAccount) {
        static FlowLogBuckets of(SnapshotIndex index) {
            FlowLogBuckets c = new FlowLogBuckets(new LinkedHashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
            for (ResourceNode f : index.ofType(SnapshotIndex.FLOW_LOG)) {
                if (!"s3".equals(text(f.configuration().get("LogDestinationType")))) {
                    continue;
                }
                String dest = text(f.configuration().get("LogDestination"));
                if (dest == null || !dest.startsWith("arn:aws:s3:::")) {
                    continue;
                }
                String bucket = dest.substring("arn:aws:s3:::".length()).split("/", 2)[0];
                String vpc = vpcOf(index, text(f.configuration().get("ResourceId")));
                c.all.merge(bucket, 1, Integer::sum);
                c.byAccount.computeIfAbsent(f.accountId(), k -> new HashMap<>()).merge(bucket, 1, Integer::sum);
                if (vpc != null) {
                    c.byVpc.computeIfAbsent(vpc, k -> new HashMap<>()).merge(bucket, 1, Integer::sum);
                    c.byVpcAndAccount.computeIfAbsent(List.of(vpc, f.accountId()), k -> new HashMap<>())
                            .merge(bucket, 1, Integer::sum);
                }
            }
            return c;
        }

        /** The VPC a flow log's resource is in: its subnet's, its interface's subnet's, else the id itself. */
        private static String vpcOf(SnapshotIndex index, String resourceId) {
            if (resourceId == null) {
                return null;
            }
            Optional<ResourceNode> subnet = index.get(SnapshotIndex.SUBNET, resourceId);
            if (subnet.isPresent()) {
                return text(subnet.get().configuration().get("VpcId"));
            }
            Optional<ResourceNode> eni = index.get(SnapshotIndex.ENI, resourceId);
            if (eni.isPresent()) {
                String id = text(eni.get().configuration().get("SubnetId"));
                Optional<ResourceNode> its = id == null ? Optional.empty() : index.get(SnapshotIndex.SUBNET, id);
                return its.isPresent() ? text(its.get().configuration().get("VpcId")) : resourceId;
            }
            return resourceId;
        }
    }

    /**
     * A query logging configuration is regional and a VPC can only be associated with one of its own region
     * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_AssociateResolverQueryLogConfig.html):
     * the region is that of the zone's VPCs that have no association yet, and nothing is derived when they sit in
     * several regions. In it: the configuration the account's other VPCs use, else the account's only one.
     */
    private static Optional<Derived> resolverConfig(SnapshotIndex index, ResourceNode near) {
        if (near == null) {
            return Optional.empty();
        }
        String region = unloggedVpcRegion(index, near);
        if (region == null) {
            return Optional.empty();
        }
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (ResourceNode a : index.ofType(SnapshotIndex.RESOLVER_QUERY_LOG_ASSOCIATION)) {
            String id = text(a.configuration().get("ResolverQueryLogConfigId"));
            String status = text(a.configuration().get("Status"));
            if (id != null && a.accountId().equals(near.accountId()) && a.region().equals(region)
                    && (status == null || status.equals("ACTIVE") || status.equals("CREATING"))) {
                votes.merge(id, 1, Integer::sum);
            }
        }
        if (!votes.isEmpty()) {
            return best(votes, "the Resolver query logging configuration the account's other VPCs in " + region
                    + " use");
        }
        for (ResourceNode c : index.ofType(SnapshotIndex.RESOLVER_QUERY_LOG_CONFIG)) {
            String id = text(c.configuration().get("Id"));
            String status = text(c.configuration().get("Status"));
            if (id != null && c.accountId().equals(near.accountId()) && c.region().equals(region)
                    && (status == null || status.equals("CREATED") || status.equals("CREATING"))) {
                votes.merge(id, 1, Integer::sum);
            }
        }
        return best(votes, "the account's only Resolver query logging configuration in " + region);
    }

    /** The one region of the near resource, or of its {@code VPCs} that have no query logging association. */
    private static String unloggedVpcRegion(SnapshotIndex index, ResourceNode near) {
        if (!near.region().equals("global")) {
            return near.region();
        }
        Set<String> regions = new java.util.TreeSet<>();
        for (JsonNode v : near.configuration().path("VPCs")) {
            String vpc = text(v.get("VPCId"));
            String region = text(v.get("VPCRegion"));
            if (vpc != null && region != null && index.withField(SnapshotIndex.RESOLVER_QUERY_LOG_ASSOCIATION, "ResourceId", vpc).isEmpty()) {
                regions.add(region);
            }
        }
        return regions.size() == 1 ? regions.iterator().next() : null;
    }

    private static Optional<Derived> most(List<ResourceNode> nodes, Function<ResourceNode, String> value, String how) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (ResourceNode n : nodes) {
            String v = value.apply(n);
            if (v != null) {
                votes.merge(v, 1, Integer::sum);
            }
        }
        return best(votes, how);
    }

    /** The value with the most votes, if no other has as many. */
    private static <N extends Comparable<N>> Optional<Derived> best(Map<String, N> votes, String how) {
        List<Map.Entry<String, N>> sorted = new ArrayList<>(votes.entrySet());
        sorted.sort((a, b) -> b.getValue().compareTo(a.getValue()));
        if (sorted.isEmpty() || (sorted.size() > 1 && sorted.get(0).getValue().equals(sorted.get(1).getValue()))) {
            return Optional.empty();
        }
        return Optional.of(new Derived(sorted.get(0).getKey(), "snapshot: " + how));
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() || !v.isValueNode() || v.asText().isEmpty() ? null : v.asText();
    }
}
