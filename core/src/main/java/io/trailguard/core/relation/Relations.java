package io.trailguard.core.relation;

import static io.trailguard.core.snapshot.SnapshotIndex.ALARM;
import static io.trailguard.core.snapshot.SnapshotIndex.BUCKET;
import static io.trailguard.core.snapshot.SnapshotIndex.CONFIG_RECORDER;
import static io.trailguard.core.snapshot.SnapshotIndex.HOSTED_ZONE;
import static io.trailguard.core.snapshot.SnapshotIndex.LOGS_RESOURCE_POLICY;
import static io.trailguard.core.snapshot.SnapshotIndex.RESOLVER_QUERY_LOG_ASSOCIATION;
import static io.trailguard.core.snapshot.SnapshotIndex.ENI;
import static io.trailguard.core.snapshot.SnapshotIndex.FLOW_LOG;
import static io.trailguard.core.snapshot.SnapshotIndex.KMS_KEY;
import static io.trailguard.core.snapshot.SnapshotIndex.LOG_GROUP;
import static io.trailguard.core.snapshot.SnapshotIndex.ROLE;
import static io.trailguard.core.snapshot.SnapshotIndex.SUBNET;
import static io.trailguard.core.snapshot.SnapshotIndex.TOPIC;
import static io.trailguard.core.snapshot.SnapshotIndex.TRAIL;
import static io.trailguard.core.snapshot.SnapshotIndex.VPC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.snapshot.AccountInfo;
import io.trailguard.core.snapshot.OrganizationInfo;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of named relations. Every relation is a lookup in {@link SnapshotIndex}, never a scan.
 *
 * <p>A relation that finds nothing says why when it can: the target's account is outside the snapshot
 * ({@code OUT_OF_SCOPE_ACCOUNT}), its listing failed (the collection error's cause), or it is not in the snapshot
 * at all ({@code NOT_IN_SNAPSHOT}, for names such as buckets whose account cannot be told).
 */
public final class Relations {
    private static final String ACCOUNT = ResourceRef.ACCOUNT_TYPE;
    private static final String REGION = ResourceRef.REGION_TYPE;
    /** The type of the synthetic resources of the {@code deliveries} relation. */
    public static final String DELIVERY = "trailguard::LogDelivery";
    /** The type of the account-level S3 Block Public Access settings. */
    public static final String ACCOUNT_PAB = "AWS::S3::AccountPublicAccessBlock";
    /** The type of the synthetic resources of the {@code replicationRules} relation: one replication rule of a bucket. */
    public static final String REPLICATION_RULE = "trailguard::ReplicationRule";
    /** The type of the synthetic resources of the {@code metricFilters} relation: one metric filter of a log group. */
    public static final String METRIC_FILTER = "trailguard::MetricFilter";
    private static final Map<String, List<Relation>> BY_NAME = new LinkedHashMap<>();
    /** {@link #find} by name, then subject type: it runs for every relation step of every evaluation. */
    private static final Map<String, Map<String, Optional<Relation>>> FOUND = new ConcurrentHashMap<>();

    static {
        add(new Relation("bucket", List.of(TRAIL), BUCKET, false,
                "the S3 bucket the trail delivers to (S3BucketName), in any account of the snapshot",
                (ix, t) -> bucketNamed(ix, t.text("S3BucketName"))));
        add(new Relation("knownBucket", List.of(TRAIL), BUCKET, false,
                "the S3 bucket the trail delivers to when the snapshot holds it; nothing, and no gap, when every "
                        + "bucket listing of the snapshot succeeded and none holds it (the bucket is outside the "
                        + "snapshot's accounts or does not exist)",
                (ix, t) -> knownBucket(ix, t.text("S3BucketName"))));
        add(new Relation("accountPublicAccessBlock", List.of(BUCKET), ACCOUNT_PAB, false,
                "the account-level S3 Block Public Access settings (AWS::S3::AccountPublicAccessBlock) of the "
                        + "bucket's account",
                (ix, b) -> accountPublicAccessBlock(ix, b)));
        add(new Relation("loggingTarget", List.of(BUCKET), BUCKET, false,
                "the bucket that receives this bucket's server access logs (Logging.LoggingEnabled.TargetBucket)",
                (ix, b) -> loggingTarget(ix, b)));
        add(new Relation("kmsKey", List.of(TRAIL), KMS_KEY, false,
                "the KMS key the trail encrypts with (KmsKeyId: key ARN, alias ARN, key id or alias name)",
                (ix, t) -> kmsKey(ix, t, t.text("KmsKeyId"))));
        add(new Relation("logGroup", List.of(TRAIL), LOG_GROUP, false,
                "the CloudWatch Logs log group the trail delivers to (CloudWatchLogsLogGroupArn)",
                (ix, t) -> byArn(ix, LOG_GROUP, t.text("CloudWatchLogsLogGroupArn"), "log group",
                        arn -> ix.logGroupByArn(arn))));
        add(new Relation("cloudWatchLogsRole", List.of(TRAIL), ROLE, false,
                "the IAM role CloudTrail assumes to write to CloudWatch Logs (CloudWatchLogsRoleArn)",
                (ix, t) -> byArn(ix, ROLE, t.text("CloudWatchLogsRoleArn"), "role", arn -> ix.get(ROLE, arn))));
        add(new Relation("snsTopic", List.of(TRAIL), TOPIC, false,
                "the SNS topic notified of log file delivery (SnsTopicARN)",
                (ix, t) -> byArn(ix, TOPIC, t.text("SnsTopicARN"), "topic", arn -> ix.get(TOPIC, arn))));
        add(new Relation("trails", List.of(BUCKET), TRAIL, true,
                "the trails, in any account of the snapshot, that deliver to this bucket",
                (ix, b) -> trailsOfBucket(ix, b)));
        add(new Relation("deliveries", List.of(BUCKET), DELIVERY, true,
                "every log delivery into the bucket: one per trail and account whose logs it writes, with the object "
                        + "key prefix (AWSLogs/ACCOUNT/, or AWSLogs/ORG-ID/ACCOUNT/ for each account of an organisation "
                        + "trail), the trail's ARN and the trail owner's account",
                Relations::deliveries));
        add(new Relation("trails", List.of(KMS_KEY), TRAIL, true,
                "the trails, in any account of the snapshot, whose KmsKeyId names this key",
                (ix, k) -> new RelationResult(ix.trailsUsingKey(k.id()), ix.gaps().anyTypeGap(TRAIL).orElse(null),
                        "trails using " + k.id())));
        add(new Relation("trailBuckets", List.of(KMS_KEY), BUCKET, true,
                "the buckets, in any account of the snapshot, that the trails using this key deliver to (their "
                        + "replication roles must decrypt what they replicate); unread only when a bucket listing failed",
                Relations::trailBucketsOfKey));
        add(new Relation("vpc", List.of(SUBNET, ENI), VPC, false, "the VPC of the subnet or network interface (VpcId)",
                (ix, r) -> byId(ix, VPC, r, r.text("VpcId"))));
        add(new Relation("subnet", List.of(ENI), SUBNET, false, "the subnet of the network interface (SubnetId)",
                (ix, r) -> byId(ix, SUBNET, r, r.text("SubnetId"))));
        add(new Relation("subnets", List.of(VPC), SUBNET, true, "the subnets of the VPC",
                (ix, v) -> withGap(ix, SUBNET, v, ix.subnetsOf(v.id()), "subnets of " + v.id())));
        add(new Relation("flowLogs", List.of(VPC, SUBNET, ENI), FLOW_LOG, true,
                "the flow logs that capture the resource's traffic: on the VPC; on a subnet or its VPC; on an "
                        + "interface, its subnet or its VPC (capture points inherit VPC → subnet → interface)",
                Relations::capturingFlowLogs));
        add(new Relation("vpcFlowLogs", List.of(VPC, SUBNET, ENI), FLOW_LOG, true,
                "every flow log in the resource's VPC, at any level (VPC, its subnets, its interfaces)",
                Relations::flowLogsInVpc));
        add(new Relation("trails", List.of(ACCOUNT), TRAIL, true,
                "the trails that log the account: the organisation trails of the organisation's management account "
                        + "when the account belongs to the organisation, then the account's own trails",
                Relations::trailsLoggingAccount));
        add(new Relation("ownTrails", List.of(ACCOUNT), TRAIL, true, "the trails the account itself owns",
                (ix, a) -> withGap(ix, TRAIL, a, ix.ofType(TRAIL, a.accountId()), "trails of account " + a.accountId())));
        add(new Relation("trails", List.of(REGION), TRAIL, true,
                "the trails that exist in the region: trails of the account whose home region it is, and its "
                        + "multi-region trails (each counts toward every region's limit of five)",
                Relations::trailsInRegion));
        // ---- CloudWatch Logs metric filters and alarms
        add(new Relation("metricFilters", List.of(LOG_GROUP), METRIC_FILTER, true,
                "the metric filters of the log group (its MetricFilters), each as {filterName, filterPattern, "
                        + "metricTransformations, logGroupName, logGroupArn}",
                Relations::metricFilters));
        add(new Relation("alarms", List.of(METRIC_FILTER), ALARM, true,
                "the CloudWatch alarms, in the filter's account and region, that receive a metric the filter publishes "
                        + "(the Namespace, MetricName and dimension names of one of its metricTransformations, and "
                        + "dimension values its filterPattern lets the event fields have)",
                Relations::alarmsOfFilter));
        add(new Relation("alarms", List.of(LOG_GROUP), ALARM, true,
                "the CloudWatch alarms on any metric that one of the log group's metric filters publishes",
                Relations::alarmsOfLogGroup));
        add(new Relation("snsTopics", List.of(ALARM), TOPIC, true,
                "the SNS topics among the alarm's AlarmActions, in any account of the snapshot",
                Relations::alarmTopics));
        add(new Relation("trails", List.of(LOG_GROUP), TRAIL, true,
                "the trails, in any account of the snapshot, whose CloudWatchLogsLogGroupArn is this log group",
                (ix, g) -> new RelationResult(ix.trailsDeliveringToLogGroup(g.id()), ix.gaps().anyTypeGap(TRAIL).orElse(null),
                        "trails delivering to " + g.id())));
        add(new Relation("logGroups", List.of(ACCOUNT), LOG_GROUP, true,
                "the CloudWatch Logs log groups that the trails logging the account (see trails) deliver to",
                Relations::logGroupsOfAccount));
        add(new Relation("resourcePolicies", List.of(LOG_GROUP), LOGS_RESOURCE_POLICY, true,
                "the CloudWatch Logs resource policies of the log group's account and region (they apply to every "
                        + "log group there)",
                (ix, g) -> logsPolicies(ix, g.accountId(), g.region())));
        // ---- Route 53
        add(new Relation("queryLogGroups", List.of(HOSTED_ZONE), LOG_GROUP, true,
                "the log groups the zone's query logging configs (QueryLoggingConfigs) write to",
                Relations::queryLogGroups));
        add(new Relation("resourcePolicies", List.of(HOSTED_ZONE), LOGS_RESOURCE_POLICY, true,
                "the CloudWatch Logs resource policies of the account and region of each query logging log group",
                Relations::queryLogPolicies));
        add(new Relation("resolverQueryLogging", List.of(HOSTED_ZONE), RESOLVER_QUERY_LOG_ASSOCIATION, true,
                "the Route 53 Resolver query logging associations of the private zone's VPCs (VPCs[].VPCId), in the "
                        + "zone's account",
                Relations::resolverQueryLogging));
        // ---- VPC flow logs
        add(new Relation("deliveryRole", List.of(FLOW_LOG), ROLE, false,
                "the IAM role the flow log delivers to CloudWatch Logs with (DeliverLogsPermissionArn)",
                (ix, fl) -> byArn(ix, ROLE, fl.text("DeliverLogsPermissionArn"), "role", arn -> ix.get(ROLE, arn))));
        add(new Relation("logGroup", List.of(FLOW_LOG), LOG_GROUP, false,
                "the log group a CloudWatch Logs flow log delivers to (LogDestination, else LogGroupName in its "
                        + "account and region)",
                Relations::flowLogGroup));
        // ---- S3 replication
        add(new Relation("replicationRole", List.of(BUCKET), ROLE, false,
                "the IAM role S3 assumes to replicate the bucket (Replication.Role)",
                (ix, b) -> byArn(ix, ROLE, b.configuration().path("Replication").path("Role").asText(null), "role",
                        arn -> ix.get(ROLE, arn))));
        add(new Relation("replicationDestinations", List.of(BUCKET), BUCKET, true,
                "the destination buckets of the bucket's replication rules (Replication.Rules[].Destination.Bucket), "
                        + "in any account of the snapshot",
                Relations::replicationDestinations));
        add(new Relation("replicationRules", List.of(DELIVERY), REPLICATION_RULE, true,
                "the replication rules of the delivery's bucket whose prefix filter (Filter.Prefix, Filter.And.Prefix or "
                        + "the legacy Prefix; none means every object) matches the objects under the delivery's prefix, "
                        + "each as the rule with FilterPrefix added; their Status and tag filters are for the rule to judge",
                Relations::replicationRulesOfDelivery));
        add(new Relation("replicaKmsKeys", List.of(BUCKET), KMS_KEY, true,
                "the KMS keys replicas are encrypted with (Replication.Rules[].Destination.EncryptionConfiguration."
                        + "ReplicaKmsKeyID), in any account of the snapshot",
                Relations::replicaKeys));
        add(new Relation("kmsKeys", List.of(BUCKET), KMS_KEY, true,
                "the KMS keys the bucket's objects are encrypted with: its default encryption key and the keys of "
                        + "the trails that deliver to it",
                Relations::bucketKeys));
        // ---- AWS Config
        add(new Relation("configRecorders", List.of(ACCOUNT), CONFIG_RECORDER, true,
                "the AWS Config configuration recorders of the account, in every region",
                (ix, a) -> withGap(ix, CONFIG_RECORDER, a, ix.ofType(CONFIG_RECORDER, a.accountId()),
                        "configuration recorders of account " + a.accountId())));
        add(new Relation("configRecorders", List.of(REGION), CONFIG_RECORDER, true,
                "the AWS Config configuration recorders of the account in the region",
                (ix, r) -> withGap(ix, CONFIG_RECORDER, r, ix.ofType(CONFIG_RECORDER, r.accountId(), r.region()),
                        "configuration recorders of " + r.accountId() + "/" + r.region())));
    }

    private Relations() {
    }

    private static void add(Relation r) {
        BY_NAME.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
    }

    /** The relation of that name for a subject type, if defined. */
    public static Optional<Relation> find(String name, String fromType) {
        return FOUND.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).computeIfAbsent(fromType, t ->
                BY_NAME.getOrDefault(name, List.of()).stream().filter(r -> r.fromTypes().contains(t)).findFirst());
    }

    /** The names of the relations defined for a subject type. */
    public static Set<String> namesFor(String fromType) {
        Set<String> out = new LinkedHashSet<>();
        BY_NAME.forEach((n, rs) -> rs.stream().filter(r -> r.fromTypes().contains(fromType)).findFirst()
                .ifPresent(r -> out.add(n)));
        return out;
    }

    /** Every relation, for documentation. */
    public static List<Relation> all() {
        return BY_NAME.values().stream().flatMap(List::stream).toList();
    }

    private static RelationResult knownBucket(SnapshotIndex ix, String name) {
        if (name == null) {
            return RelationResult.of(List.of(), "no bucket named");
        }
        String sought = "bucket " + name;
        Optional<ResourceNode> b = ix.bucketNamed(name);
        if (b.isPresent()) {
            return RelationResult.of(List.of(b.get()), sought);
        }
        return new RelationResult(List.of(), ix.gaps().anyTypeGap(BUCKET).orElse(null), sought);
    }

    private static RelationResult accountPublicAccessBlock(SnapshotIndex ix, ResourceNode bucket) {
        String sought = "account Block Public Access settings of " + bucket.accountId();
        Optional<ResourceNode> r = ix.get(ACCOUNT_PAB, bucket.accountId());
        if (r.isPresent()) {
            return RelationResult.of(List.of(r.get()), sought);
        }
        return new RelationResult(List.of(), missing(ix, ACCOUNT_PAB, bucket.accountId(), "global", sought), sought);
    }

    private static RelationResult loggingTarget(SnapshotIndex ix, ResourceNode bucket) {
        String name = bucket.configuration().path("Logging").path("LoggingEnabled").path("TargetBucket").asText(null);
        return bucketNamed(ix, name);
    }

    private static RelationResult bucketNamed(SnapshotIndex ix, String name) {
        if (name == null) {
            return RelationResult.of(List.of(), "no bucket named");
        }
        String sought = "bucket " + name;
        Optional<ResourceNode> b = ix.bucketNamed(name);
        if (b.isPresent()) {
            return RelationResult.of(List.of(b.get()), sought);
        }
        UnknownReason gap = ix.gaps().anyTypeGap(BUCKET).orElse(new UnknownReason(UnknownReason.Code.NOT_IN_SNAPSHOT,
                "bucket " + name + " is not in the snapshot: it belongs to an account the snapshot does not cover, "
                        + "or it does not exist"));
        return new RelationResult(List.of(), gap, sought);
    }

    private static RelationResult kmsKey(SnapshotIndex ix, ResourceNode trail, String ref) {
        if (ref == null) {
            return RelationResult.of(List.of(), "no key named");
        }
        String account = SnapshotIndex.accountOfArn(ref);
        String region = SnapshotIndex.regionOfArn(ref);
        if (account == null) {
            account = trail.accountId();
        }
        if (region == null) {
            region = trail.region();
        }
        String sought = "KMS key " + ref;
        Optional<ResourceNode> k = ix.kmsKey(ref, account, region);
        if (k.isPresent()) {
            return RelationResult.of(List.of(k.get()), sought);
        }
        return new RelationResult(List.of(), missing(ix, KMS_KEY, account, region, sought), sought);
    }

    private static RelationResult byArn(SnapshotIndex ix, String type, String arn, String what,
                                        java.util.function.Function<String, Optional<ResourceNode>> lookup) {
        if (arn == null) {
            return RelationResult.of(List.of(), "no " + what + " named");
        }
        String sought = what + " " + arn;
        Optional<ResourceNode> r = lookup.apply(arn);
        if (r.isPresent()) {
            return RelationResult.of(List.of(r.get()), sought);
        }
        String account = SnapshotIndex.accountOfArn(arn);
        String region = SnapshotIndex.regionOfArn(arn);
        return new RelationResult(List.of(), missing(ix, type, account, region == null ? "global" : region, sought), sought);
    }

    private static RelationResult byId(SnapshotIndex ix, String type, ResourceNode from, String id) {
        if (id == null) {
            return RelationResult.of(List.of(), "no id");
        }
        String sought = type + " " + id;
        Optional<ResourceNode> r = ix.get(type, id);
        return r.map(n -> RelationResult.of(List.of(n), sought)).orElseGet(() ->
                new RelationResult(List.of(), missing(ix, type, from.accountId(), from.region(), sought), sought));
    }

    /** Why a resource that should be in an account and region is missing: out of scope, not collected, or absent. */
    private static UnknownReason missing(SnapshotIndex ix, String type, String account, String region, String sought) {
        if (account != null && !ix.coversAccount(account)) {
            return new UnknownReason(UnknownReason.Code.OUT_OF_SCOPE_ACCOUNT,
                    sought + " belongs to account " + account + ", which the snapshot does not cover");
        }
        if (account == null) {
            return null;
        }
        return ix.gaps().typeGap(type, account, region).orElse(null);
    }

    private static RelationResult withGap(SnapshotIndex ix, String type, ResourceNode subject, List<ResourceNode> found,
                                          String sought) {
        String region = subject.region().equals("global") ? null : subject.region();
        return new RelationResult(found, ix.gaps().typeGap(type, subject.accountId(), region).orElse(null), sought);
    }

    private static RelationResult trailsOfBucket(SnapshotIndex ix, ResourceNode bucket) {
        String name = bucket.text("Name");
        List<ResourceNode> found = ix.trailsDeliveringTo(name == null ? bucket.id() : name);
        UnknownReason gap = ix.gaps().anyTypeGap(TRAIL).orElse(null);
        return new RelationResult(found, gap, "trails delivering to " + name);
    }

    private static RelationResult deliveries(SnapshotIndex ix, ResourceNode bucket) {
        RelationResult trails = trailsOfBucket(ix, bucket);
        List<ResourceNode> out = new ArrayList<>();
        OrganizationInfo org = ix.organization();
        for (ResourceNode t : trails.found()) {
            String prefix = t.text("S3KeyPrefix");
            String base = (prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/") + "AWSLogs/";
            boolean orgTrail = t.configuration().path("IsOrganizationTrail").asBoolean(false);
            if (orgTrail && org != null && t.accountId().equals(org.managementAccountId())) {
                for (AccountInfo a : ix.accounts().values()) {
                    if (org.id().equals(a.organizationId())) {
                        out.add(delivery(ix, bucket, t, a.id(), base + org.id() + "/" + a.id() + "/"));
                    }
                }
            } else {
                out.add(delivery(ix, bucket, t, t.accountId(), base + t.accountId() + "/"));
            }
        }
        return new RelationResult(out, trails.gap(), "log deliveries into " + bucket.id());
    }

    /**
     * One CloudTrail delivery into a bucket: AWS's field names, then the placeholders of the catalogue's
     * {@code cloudtrail-s3-*} entries (bucket, logPrefix, region, account, trailArn, trailAccount, orgId, orgPaths,
     * sse, kmsKeyArn) so that {@code access: {delivery: ..., from: deliveries}} asks what CloudTrail really sends.
     */
    private static ResourceNode delivery(SnapshotIndex ix, ResourceNode bucket, ResourceNode trail, String account,
                                         String prefix) {
        com.fasterxml.jackson.databind.node.ObjectNode c =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        c.put("TrailARN", trail.id());
        c.put("TrailName", trail.text("Name"));
        c.put("TrailAccountId", trail.accountId());
        c.put("AccountId", account);
        c.put("Prefix", prefix);
        c.put("IsOrganizationTrail", trail.configuration().path("IsOrganizationTrail").asBoolean(false));
        c.put("HomeRegion", trail.region());
        String key = trail.text("KmsKeyId");
        if (key != null && !key.isEmpty()) {
            c.put("KmsKeyId", key);
            c.put("EncryptionHeader", "aws:kms");
        }
        c.put("Bucket", bucket.text("Name") != null ? bucket.text("Name") : bucket.id());
        c.put("bucket", c.get("Bucket").asText());
        c.put("logPrefix", prefix);
        c.put("region", trail.region());
        c.put("account", account);
        c.put("trailArn", trail.id());
        c.put("trailAccount", trail.accountId());
        AccountInfo owner = ix.accounts().get(trail.accountId());
        if (owner != null && owner.organizationId() != null) {
            // aws:SourceOrgID: the organisation of the trail's account (AWS Control Tower's audit bucket requires it)
            c.put("orgId", owner.organizationId());
            if (owner.organizationPath() != null) {
                // aws:SourceOrgPaths, sent with it; without it the catalogue sends the key with an unknown value
                c.put("orgPaths", owner.organizationPath());
            }
        }
        if (key != null && !key.isEmpty()) {
            c.put("sse", "aws:kms");
            c.put("kmsKeyArn", key);
        }
        return new ResourceNode(new ResourceRef(DELIVERY, trail.id() + "#" + account, account, trail.region()), c);
    }

    private static RelationResult trailBucketsOfKey(SnapshotIndex ix, ResourceNode key) {
        Set<ResourceNode> out = new LinkedHashSet<>();
        UnknownReason gap = ix.gaps().anyTypeGap(TRAIL).orElse(null);
        for (ResourceNode t : ix.trailsUsingKey(key.id())) {
            RelationResult b = knownBucket(ix, t.text("S3BucketName"));
            out.addAll(b.found());
            if (gap == null) {
                gap = b.gap();
            }
        }
        return new RelationResult(List.copyOf(out), gap, "buckets of the trails using " + key.id());
    }

        private static RelationResult capturingFlowLogs(SnapshotIndex ix, ResourceNode r) {
        List<String> targets = new ArrayList<>();
        targets.add(r.id());
        if (r.type().equals(ENI) && r.text("SubnetId") != null) {
            targets.add(r.text("SubnetId"));
        }
        if (!r.type().equals(VPC) && r.text("VpcId") != null) {
            targets.add(r.text("VpcId"));
        }
        List<ResourceNode> found = new ArrayList<>();
        targets.forEach(t -> found.addAll(ix.flowLogsOn(t)));
        return new RelationResult(found, ix.gaps().typeGap(FLOW_LOG, r.accountId(), r.region()).orElse(null),
                "flow logs on " + String.join(" or ", targets));
    }

    private static RelationResult flowLogsInVpc(SnapshotIndex ix, ResourceNode r) {
        String vpc = r.type().equals(VPC) ? r.id() : r.text("VpcId");
        List<ResourceNode> found = new ArrayList<>();
        if (vpc != null) {
            found.addAll(ix.flowLogsOn(vpc));
            for (ResourceNode s : ix.subnetsOf(vpc)) {
                found.addAll(ix.flowLogsOn(s.id()));
                for (ResourceNode e : ix.interfacesOf(s.id())) {
                    found.addAll(ix.flowLogsOn(e.id()));
                }
            }
        }
        return new RelationResult(found, ix.gaps().typeGap(FLOW_LOG, r.accountId(), r.region()).orElse(null),
                "flow logs in " + vpc);
    }

    private static RelationResult trailsLoggingAccount(SnapshotIndex ix, ResourceNode account) {
        String id = account.accountId();
        List<ResourceNode> found = new ArrayList<>();
        UnknownReason gap = ix.gaps().typeGap(TRAIL, id, null).orElse(null);
        OrganizationInfo org = ix.organization();
        AccountInfo info = ix.accounts().get(id);
        if (org != null && info != null && org.id().equals(info.organizationId())
                && org.managementAccountId() != null && !org.managementAccountId().equals(id)) {
            String mgmt = org.managementAccountId();
            for (ResourceNode t : ix.ofType(TRAIL, mgmt)) {
                if (t.configuration().path("IsOrganizationTrail").asBoolean(false)) {
                    found.add(t);
                }
            }
            if (gap == null) {
                if (!ix.coversAccount(mgmt)) {
                    gap = new UnknownReason(UnknownReason.Code.OUT_OF_SCOPE_ACCOUNT, "organisation trails of management account "
                            + mgmt + " are not known: the snapshot does not cover that account");
                } else {
                    gap = ix.gaps().typeGap(TRAIL, mgmt, null).orElse(null);
                }
            }
        }
        // Organisation trails first: they are the organisation's baseline, the account's own trails come after.
        found.addAll(ix.ofType(TRAIL, id));
        return new RelationResult(found, gap, "trails logging account " + id);
    }

    private static RelationResult metricFilters(SnapshotIndex ix, ResourceNode g) {
        List<ResourceNode> out = new ArrayList<>();
        String name = g.text("logGroupName");
        int i = 0;
        for (JsonNode f : g.configuration().path("MetricFilters")) {
            ObjectNode c = f.isObject() ? ((ObjectNode) f).deepCopy() : JsonNodeFactory.instance.objectNode();
            if (!c.has("logGroupName") && name != null) {
                c.put("logGroupName", name);
            }
            c.put("logGroupArn", g.id());
            String fname = c.path("filterName").asText("filter-" + i);
            out.add(new ResourceNode(new ResourceRef(METRIC_FILTER, g.id() + ":metric-filter/" + fname, g.accountId(),
                    g.region()), c));
            i++;
        }
        UnknownReason gap = ix.gaps().fieldGap(g, "MetricFilters").orElse(null);
        return new RelationResult(out, gap, "metric filters of " + g.id());
    }

    private static RelationResult alarmsOfFilter(SnapshotIndex ix, ResourceNode f) {
        Set<ResourceNode> out = new LinkedHashSet<>();
        for (JsonNode t : f.configuration().path("metricTransformations")) {
            String ns = t.path("metricNamespace").asText(null);
            String name = t.path("metricName").asText(null);
            if (ns != null && name != null) {
                for (ResourceNode a : ix.alarmsOnMetric(f.accountId(), f.region(), ns, name)) {
                    if (MetricMatch.receives(f.configuration(), t, a.configuration())) {
                        out.add(a);
                    }
                }
            }
        }
        return new RelationResult(new ArrayList<>(out), ix.gaps().typeGap(ALARM, f.accountId(), f.region()).orElse(null),
                "alarms on the metrics of " + f.id());
    }

    private static RelationResult alarmsOfLogGroup(SnapshotIndex ix, ResourceNode g) {
        RelationResult filters = metricFilters(ix, g);
        Set<ResourceNode> out = new LinkedHashSet<>();
        UnknownReason gap = filters.gap();
        for (ResourceNode f : filters.found()) {
            RelationResult a = alarmsOfFilter(ix, f);
            out.addAll(a.found());
            if (gap == null) {
                gap = a.gap();
            }
        }
        return new RelationResult(new ArrayList<>(out), gap, "alarms on the metric filters of " + g.id());
    }

    private static RelationResult alarmTopics(SnapshotIndex ix, ResourceNode alarm) {
        List<ResourceNode> out = new ArrayList<>();
        UnknownReason gap = null;
        for (JsonNode a : alarm.configuration().path("AlarmActions")) {
            String arn = a.asText();
            if (!arn.startsWith("arn:aws:sns:") && !arn.startsWith("arn:aws-us-gov:sns:") && !arn.startsWith("arn:aws-cn:sns:")) {
                continue;
            }
            RelationResult r = byArn(ix, TOPIC, arn, "topic", x -> ix.get(TOPIC, x));
            out.addAll(r.found());
            if (r.found().isEmpty() && gap == null) {
                gap = r.gap();
            }
        }
        return new RelationResult(out, gap, "SNS topics notified by " + alarm.id());
    }

    private static RelationResult logGroupsOfAccount(SnapshotIndex ix, ResourceNode account) {
        RelationResult trails = trailsLoggingAccount(ix, account);
        Set<ResourceNode> out = new LinkedHashSet<>();
        UnknownReason gap = trails.gap();
        for (ResourceNode t : trails.found()) {
            String arn = t.text("CloudWatchLogsLogGroupArn");
            if (arn == null) {
                continue;
            }
            RelationResult g = byArn(ix, LOG_GROUP, arn, "log group", ix::logGroupByArn);
            out.addAll(g.found());
            if (g.found().isEmpty() && gap == null) {
                gap = g.gap();
            }
        }
        return new RelationResult(new ArrayList<>(out), gap, "log groups of the trails logging account " + account.accountId());
    }

    private static RelationResult logsPolicies(SnapshotIndex ix, String account, String region) {
        if (account == null || region == null) {
            return RelationResult.of(List.of(), "no account or region");
        }
        String sought = "CloudWatch Logs resource policies of " + account + "/" + region;
        if (!ix.coversAccount(account)) {
            return new RelationResult(List.of(), new UnknownReason(UnknownReason.Code.OUT_OF_SCOPE_ACCOUNT,
                    sought + ": the snapshot does not cover account " + account), sought);
        }
        return new RelationResult(ix.ofType(LOGS_RESOURCE_POLICY, account, region),
                ix.gaps().typeGap(LOGS_RESOURCE_POLICY, account, region).orElse(null), sought);
    }

    private static List<String> queryLogArns(ResourceNode zone) {
        List<String> out = new ArrayList<>();
        for (JsonNode q : zone.configuration().path("QueryLoggingConfigs")) {
            String arn = q.path("CloudWatchLogsLogGroupArn").asText(null);
            if (arn != null) {
                out.add(arn);
            }
        }
        return out;
    }

    private static RelationResult queryLogGroups(SnapshotIndex ix, ResourceNode zone) {
        List<ResourceNode> out = new ArrayList<>();
        UnknownReason gap = ix.gaps().fieldGap(zone, "QueryLoggingConfigs").orElse(null);
        for (String arn : queryLogArns(zone)) {
            RelationResult g = byArn(ix, LOG_GROUP, arn, "log group", ix::logGroupByArn);
            out.addAll(g.found());
            if (g.found().isEmpty() && gap == null) {
                gap = g.gap();
            }
        }
        return new RelationResult(out, gap, "query logging log groups of " + zone.id());
    }

    private static RelationResult queryLogPolicies(SnapshotIndex ix, ResourceNode zone) {
        Set<ResourceNode> out = new LinkedHashSet<>();
        UnknownReason gap = ix.gaps().fieldGap(zone, "QueryLoggingConfigs").orElse(null);
        Set<String> seen = new LinkedHashSet<>();
        for (String arn : queryLogArns(zone)) {
            String account = SnapshotIndex.accountOfArn(arn);
            String region = SnapshotIndex.regionOfArn(arn);
            if (seen.add(account + "|" + region)) {
                RelationResult r = logsPolicies(ix, account, region);
                out.addAll(r.found());
                if (gap == null) {
                    gap = r.gap();
                }
            }
        }
        return new RelationResult(new ArrayList<>(out), gap, "CloudWatch Logs resource policies for the query logs of "
                + zone.id());
    }

    private static RelationResult resolverQueryLogging(SnapshotIndex ix, ResourceNode zone) {
        List<ResourceNode> out = new ArrayList<>();
        UnknownReason gap = null;
        for (JsonNode v : zone.configuration().path("VPCs")) {
            String vpc = v.path("VPCId").asText(null);
            if (vpc == null) {
                continue;
            }
            out.addAll(ix.resolverQueryLoggingOf(vpc));
            String region = v.path("VPCRegion").asText(null);
            if (gap == null) {
                gap = ix.gaps().typeGap(RESOLVER_QUERY_LOG_ASSOCIATION, zone.accountId(), region).orElse(null);
            }
        }
        return new RelationResult(out, gap, "Resolver query logging of the VPCs of " + zone.id());
    }

    private static RelationResult flowLogGroup(SnapshotIndex ix, ResourceNode fl) {
        String type = fl.text("LogDestinationType");
        if (type != null && !type.equals("cloud-watch-logs")) {
            return RelationResult.of(List.of(), "no log group (the flow log delivers to " + type + ")");
        }
        String dest = fl.text("LogDestination");
        if (dest != null && dest.startsWith("arn:")) {
            return byArn(ix, LOG_GROUP, dest, "log group", ix::logGroupByArn);
        }
        String name = fl.text("LogGroupName");
        if (name == null) {
            return RelationResult.of(List.of(), "no log group named");
        }
        String sought = "log group " + name;
        Optional<ResourceNode> g = ix.logGroupNamed(fl.accountId(), fl.region(), name);
        return g.map(x -> RelationResult.of(List.of(x), sought)).orElseGet(() -> new RelationResult(List.of(),
                missing(ix, LOG_GROUP, fl.accountId(), fl.region(), sought), sought));
    }

    private static List<JsonNode> replicationRules(ResourceNode bucket) {
        List<JsonNode> out = new ArrayList<>();
        bucket.configuration().path("Replication").path("Rules").forEach(out::add);
        return out;
    }

    private static RelationResult replicationDestinations(SnapshotIndex ix, ResourceNode bucket) {
        Set<ResourceNode> out = new LinkedHashSet<>();
        UnknownReason gap = ix.gaps().fieldGap(bucket, "Replication").orElse(null);
        for (JsonNode rule : replicationRules(bucket)) {
            String arn = rule.path("Destination").path("Bucket").asText(null);
            if (arn == null) {
                continue;
            }
            String name = arn.startsWith("arn:") ? arn.substring(arn.lastIndexOf(':') + 1) : arn;
            RelationResult r = bucketNamed(ix, name);
            out.addAll(r.found());
            if (r.found().isEmpty() && gap == null) {
                String owner = rule.path("Destination").path("Account").asText(null);
                gap = owner != null && !ix.coversAccount(owner) ? new UnknownReason(UnknownReason.Code.OUT_OF_SCOPE_ACCOUNT,
                        "bucket " + name + " belongs to account " + owner + ", which the snapshot does not cover") : r.gap();
            }
        }
        return new RelationResult(new ArrayList<>(out), gap, "replication destinations of " + bucket.id());
    }

    private static RelationResult replicationRulesOfDelivery(SnapshotIndex ix, ResourceNode delivery) {
        String name = delivery.text("Bucket");
        String prefix = delivery.text("Prefix") == null ? "" : delivery.text("Prefix");
        Optional<ResourceNode> bucket = name == null ? Optional.empty() : ix.bucketNamed(name);
        if (bucket.isEmpty()) {
            return RelationResult.of(List.of(), "replication rules of bucket " + name);
        }
        ResourceNode b = bucket.get();
        List<ResourceNode> out = new ArrayList<>();
        int i = 0;
        for (JsonNode rule : replicationRules(b)) {
            JsonNode filter = rule.path("Filter");
            String p = filter.path("Prefix").asText(null);
            if (p == null) {
                p = filter.path("And").path("Prefix").asText(null);
            }
            if (p == null) {
                p = rule.path("Prefix").asText("");
            }
            if (prefix.startsWith(p)) {
                ObjectNode c = rule.isObject() ? ((ObjectNode) rule).deepCopy() : JsonNodeFactory.instance.objectNode();
                c.put("FilterPrefix", p);
                c.put("Index", i);
                String id = b.id() + "#replication-rule/" + rule.path("ID").asText(String.valueOf(i));
                out.add(new ResourceNode(new ResourceRef(REPLICATION_RULE, id, b.accountId(), b.region()), c));
            }
            i++;
        }
        return new RelationResult(out, ix.gaps().fieldGap(b, "Replication").orElse(null),
                "replication rules of " + b.id() + " matching " + prefix);
    }

    private static RelationResult replicaKeys(SnapshotIndex ix, ResourceNode bucket) {
        Set<ResourceNode> out = new LinkedHashSet<>();
        UnknownReason gap = ix.gaps().fieldGap(bucket, "Replication").orElse(null);
        for (JsonNode rule : replicationRules(bucket)) {
            String ref = rule.path("Destination").path("EncryptionConfiguration").path("ReplicaKmsKeyID").asText(null);
            if (ref == null) {
                continue;
            }
            RelationResult r = keyByRef(ix, ref, bucket);
            out.addAll(r.found());
            if (r.found().isEmpty() && gap == null) {
                gap = r.gap();
            }
        }
        return new RelationResult(new ArrayList<>(out), gap, "replica KMS keys of " + bucket.id());
    }

    private static RelationResult bucketKeys(SnapshotIndex ix, ResourceNode bucket) {
        Set<ResourceNode> out = new LinkedHashSet<>();
        UnknownReason gap = ix.gaps().fieldGap(bucket, "Encryption").orElse(null);
        for (JsonNode rule : bucket.configuration().path("Encryption").path("Rules")) {
            String ref = rule.path("ApplyServerSideEncryptionByDefault").path("KMSMasterKeyID").asText(null);
            if (ref != null) {
                RelationResult r = keyByRef(ix, ref, bucket);
                out.addAll(r.found());
                if (r.found().isEmpty() && gap == null) {
                    gap = r.gap();
                }
            }
        }
        RelationResult trails = trailsOfBucket(ix, bucket);
        if (gap == null) {
            gap = trails.gap();
        }
        for (ResourceNode t : trails.found()) {
            String ref = t.text("KmsKeyId");
            if (ref != null) {
                RelationResult r = kmsKey(ix, t, ref);
                out.addAll(r.found());
                if (r.found().isEmpty() && gap == null) {
                    gap = r.gap();
                }
            }
        }
        return new RelationResult(new ArrayList<>(out), gap, "KMS keys of the objects in " + bucket.id());
    }

    /** A KMS key named by ARN, alias ARN, or (in the bucket's account and region) key id or alias name. */
    private static RelationResult keyByRef(SnapshotIndex ix, String ref, ResourceNode bucket) {
        String bucketRegion = bucket.text("Region") != null ? bucket.text("Region") : bucket.region();
        String account = SnapshotIndex.accountOfArn(ref) != null ? SnapshotIndex.accountOfArn(ref) : bucket.accountId();
        String region = SnapshotIndex.regionOfArn(ref) != null ? SnapshotIndex.regionOfArn(ref) : bucketRegion;
        String sought = "KMS key " + ref;
        Optional<ResourceNode> k = ix.kmsKey(ref, account, region);
        return k.map(x -> RelationResult.of(List.of(x), sought)).orElseGet(() ->
                new RelationResult(List.of(), missing(ix, KMS_KEY, account, region, sought), sought));
    }

    private static RelationResult trailsInRegion(SnapshotIndex ix, ResourceNode region) {
        List<ResourceNode> found = new ArrayList<>();
        for (ResourceNode t : ix.ofType(TRAIL, region.accountId())) {
            if (t.region().equals(region.region()) || t.configuration().path("IsMultiRegionTrail").asBoolean(false)) {
                found.add(t);
            }
        }
        return new RelationResult(found, ix.gaps().typeGap(TRAIL, region.accountId(), region.region()).orElse(null),
                "trails in " + region.accountId() + "/" + region.region());
    }
}
