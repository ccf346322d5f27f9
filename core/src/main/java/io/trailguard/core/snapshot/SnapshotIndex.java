package io.trailguard.core.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.CollectionError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A snapshot's content with the lookups that relations join on: by type, by (type, id), bucket by name, KMS key by
 * id, ARN or alias, log group by ARN or name, flow logs by the resource they capture, subnets by VPC, interfaces by
 * subnet, trails by bucket. Built once in linear time; every lookup is a hash lookup.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
public final class SnapshotIndex {
    public static final String TRAIL = "AWS::CloudTrail::Trail";
    public static final String BUCKET = "AWS::S3::Bucket";
    public static final String KMS_KEY = "AWS::KMS::Key";
    public static final String LOG_GROUP = "AWS::Logs::LogGroup";
    public static final String VPC = "AWS::EC2::VPC";
    public static final String SUBNET = "AWS::EC2::Subnet";
    public static final String ENI = "AWS::EC2::NetworkInterface";
    public static final String FLOW_LOG = "AWS::EC2::FlowLog";
    public static final String ROLE = "AWS::IAM::Role";
    public static final String TOPIC = "AWS::SNS::Topic";
    public static final String ALARM = "AWS::CloudWatch::Alarm";
    public static final String CONFIG_RECORDER = "AWS::Config::ConfigurationRecorder";
    public static final String HOSTED_ZONE = "AWS::Route53::HostedZone";
    public static final String LOGS_RESOURCE_POLICY = "AWS::Logs::ResourcePolicy";
    public static final String RESOLVER_QUERY_LOG_ASSOCIATION = "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation";
    public static final String RESOLVER_QUERY_LOG_CONFIG = "AWS::Route53Resolver::ResolverQueryLoggingConfig";

    private final Instant capturedAt;
    private final OrganizationInfo organization;
    private final Map<String, AccountInfo> accounts;
    private final List<ResourceNode> resources;
    private final List<CollectionError> errors;
    private final CollectionGaps gaps;
    private final JsonNode source;

    private final Map<String, List<ResourceNode>> byType = new HashMap<>();
    // keyed by type first, then id / account / account and region: built per type on first use (a scan asks these
    // of a few types only), without building key strings
    private final Map<String, Map<String, ResourceNode>> byTypeAndId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<ResourceNode>>> byTypeAndAccount = new ConcurrentHashMap<>();
    private final Map<String, ResourceNode> bucketsByName = new HashMap<>();
    private final Map<String, ResourceNode> kmsKeys = new HashMap<>();
    private final Map<String, ResourceNode> logGroups = new HashMap<>();
    private final Map<String, List<ResourceNode>> flowLogsByTarget = new HashMap<>();
    private final Map<String, List<ResourceNode>> subnetsByVpc = new HashMap<>();
    private final Map<String, List<ResourceNode>> interfacesBySubnet = new HashMap<>();
    private final Map<String, List<ResourceNode>> trailsByBucket = new HashMap<>();
    private final Map<String, List<ResourceNode>> trailsByKey = new HashMap<>();
    private final Map<String, List<ResourceNode>> trailsByLogGroup = new HashMap<>();
    private final Map<String, List<ResourceNode>> alarmsByMetric = new HashMap<>();
    private final Map<String, Map<String, Map<String, List<ResourceNode>>>> byTypeAccountRegion = new ConcurrentHashMap<>();
    private final Map<String, List<ResourceNode>> resolverLoggingByVpc = new HashMap<>();

    /**
     * @param source the parsed snapshot document, kept so that the snapshot can be written back unchanged
     */
    public SnapshotIndex(Instant capturedAt, OrganizationInfo organization, List<AccountInfo> accounts,
                         List<ResourceNode> resources, List<CollectionError> errors, JsonNode source) {
        this.capturedAt = capturedAt;
        this.organization = organization;
        Map<String, AccountInfo> acc = new LinkedHashMap<>();
        accounts.forEach(a -> acc.put(a.id(), a));
        this.accounts = Collections.unmodifiableMap(acc);
        this.resources = List.copyOf(resources);
        this.errors = List.copyOf(errors);
        this.gaps = new CollectionGaps(errors);
        this.source = source;
        for (ResourceNode r : this.resources) {
            add(r);
        }
        for (ResourceNode t : ofType(TRAIL)) {
            String ref = t.text("KmsKeyId");
            if (ref != null) {
                String account = accountOfArn(ref);
                String region = regionOfArn(ref);
                kmsKey(ref, account == null ? t.accountId() : account, region == null ? t.region() : region)
                        .ifPresent(k -> trailsByKey.computeIfAbsent(k.id(), x -> new ArrayList<>()).add(t));
            }
        }
    }

    private void add(ResourceNode r) {
        byType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r);
        switch (r.type()) {
            case BUCKET -> {
                String name = r.text("Name");
                bucketsByName.put(name != null ? name : r.id().substring(r.id().lastIndexOf(':') + 1), r);
            }
            case KMS_KEY -> {
                kmsKeys.put(r.id(), r);
                String keyId = r.text("KeyId");
                if (keyId != null) {
                    kmsKeys.put(scoped(r, keyId), r);
                }
                String arn = r.text("Arn");
                if (arn != null) {
                    kmsKeys.put(arn, r);
                }
                JsonNode aliases = r.configuration().path("Aliases");
                for (JsonNode a : aliases) {
                    if (a.hasNonNull("AliasName")) {
                        kmsKeys.put(scoped(r, a.get("AliasName").asText()), r);
                    }
                    if (a.hasNonNull("AliasArn")) {
                        kmsKeys.put(a.get("AliasArn").asText(), r);
                    }
                }
            }
            case LOG_GROUP -> {
                logGroups.put(stripStar(r.id()), r);
                String name = r.text("logGroupName");
                if (name != null) {
                    logGroups.put(scoped(r, name), r);
                }
            }
            case FLOW_LOG -> {
                String target = r.text("ResourceId");
                if (target != null) {
                    flowLogsByTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(r);
                }
            }
            case SUBNET -> {
                String vpc = r.text("VpcId");
                if (vpc != null) {
                    subnetsByVpc.computeIfAbsent(vpc, k -> new ArrayList<>()).add(r);
                }
            }
            case ENI -> {
                String subnet = r.text("SubnetId");
                if (subnet != null) {
                    interfacesBySubnet.computeIfAbsent(subnet, k -> new ArrayList<>()).add(r);
                }
            }
            case TRAIL -> {
                String bucket = r.text("S3BucketName");
                if (bucket != null) {
                    trailsByBucket.computeIfAbsent(bucket, k -> new ArrayList<>()).add(r);
                }
                String group = r.text("CloudWatchLogsLogGroupArn");
                if (group != null) {
                    trailsByLogGroup.computeIfAbsent(stripStar(group), k -> new ArrayList<>()).add(r);
                }
            }
            case RESOLVER_QUERY_LOG_ASSOCIATION -> {
                String vpc = r.text("ResourceId");
                if (vpc != null) {
                    resolverLoggingByVpc.computeIfAbsent(vpc, k -> new ArrayList<>()).add(r);
                }
            }
            case ALARM -> {
                java.util.Set<String> keys = new java.util.LinkedHashSet<>();
                JsonNode c = r.configuration();
                if (c.hasNonNull("MetricName") && c.hasNonNull("Namespace")) {
                    keys.add(metricKey(r.accountId(), r.region(), c.get("Namespace").asText(), c.get("MetricName").asText()));
                }
                for (JsonNode m : c.path("Metrics")) {
                    JsonNode metric = m.path("MetricStat").path("Metric");
                    if (metric.hasNonNull("MetricName") && metric.hasNonNull("Namespace")) {
                        keys.add(metricKey(r.accountId(), r.region(), metric.get("Namespace").asText(),
                                metric.get("MetricName").asText()));
                    }
                }
                keys.forEach(k -> alarmsByMetric.computeIfAbsent(k, x -> new ArrayList<>()).add(r));
            }
            default -> {
                // no type-specific keys
            }
        }
    }

    private static String scoped(ResourceNode r, String key) {
        return r.accountId() + "|" + r.region() + "|" + key;
    }

    private static String stripStar(String arn) {
        return arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
    }

    public Instant capturedAt() {
        return capturedAt;
    }

    /** The organisation, or {@code null} when the snapshot names none. */
    public OrganizationInfo organization() {
        return organization;
    }

    public Map<String, AccountInfo> accounts() {
        return accounts;
    }

    public boolean coversAccount(String accountId) {
        return accounts.containsKey(accountId);
    }

    public List<ResourceNode> resources() {
        return resources;
    }

    public List<CollectionError> errors() {
        return errors;
    }

    public CollectionGaps gaps() {
        return gaps;
    }

    /** The parsed source document. */
    public JsonNode source() {
        return source;
    }

    public List<ResourceNode> ofType(String type) {
        return byType.getOrDefault(type, List.of());
    }

    public List<ResourceNode> ofType(String type, String accountId) {
        return byTypeAndAccount.computeIfAbsent(type, t -> {
            Map<String, List<ResourceNode>> m = new HashMap<>();
            ofType(t).forEach(r -> m.computeIfAbsent(r.accountId(), k -> new ArrayList<>()).add(r));
            return m;
        }).getOrDefault(accountId, List.of());
    }

    public Optional<ResourceNode> get(String type, String id) {
        return Optional.ofNullable(byTypeAndId.computeIfAbsent(type, t -> {
            Map<String, ResourceNode> m = new HashMap<>();
            ofType(t).forEach(r -> m.put(r.id(), r));
            return m;
        }).get(id));
    }

    public Optional<ResourceNode> bucketNamed(String name) {
        return Optional.ofNullable(bucketsByName.get(name));
    }

    /**
     * The KMS key a reference names: a key ARN, an alias ARN, or (resolved in the given account and region) a key id
     * or an alias name ({@code alias/x}).
     */
    public Optional<ResourceNode> kmsKey(String reference, String accountId, String region) {
        ResourceNode k = kmsKeys.get(reference);
        if (k == null) {
            k = kmsKeys.get(accountId + "|" + region + "|" + reference);
        }
        return Optional.ofNullable(k);
    }

    /** The log group an ARN (with or without the trailing {@code :*}) names. */
    public Optional<ResourceNode> logGroupByArn(String arn) {
        return Optional.ofNullable(logGroups.get(stripStar(arn)));
    }

    public Optional<ResourceNode> logGroupNamed(String accountId, String region, String name) {
        return Optional.ofNullable(logGroups.get(accountId + "|" + region + "|" + name));
    }

    /** Flow logs whose {@code ResourceId} is the given VPC, subnet or interface id. */
    public List<ResourceNode> flowLogsOn(String resourceId) {
        return flowLogsByTarget.getOrDefault(resourceId, List.of());
    }

    public List<ResourceNode> subnetsOf(String vpcId) {
        return subnetsByVpc.getOrDefault(vpcId, List.of());
    }

    public List<ResourceNode> interfacesOf(String subnetId) {
        return interfacesBySubnet.getOrDefault(subnetId, List.of());
    }

    /** Trails that deliver to the bucket of that name, in any account of the snapshot. */
    public List<ResourceNode> trailsDeliveringTo(String bucketName) {
        return trailsByBucket.getOrDefault(bucketName, List.of());
    }

    /** Trails, in any account of the snapshot, that encrypt with the KMS key of that id. */
    public List<ResourceNode> trailsUsingKey(String keyResourceId) {
        return trailsByKey.getOrDefault(keyResourceId, List.of());
    }

    /** Trails, in any account of the snapshot, whose CloudWatchLogsLogGroupArn names the log group of that ARN. */
    public List<ResourceNode> trailsDeliveringToLogGroup(String logGroupArn) {
        return trailsByLogGroup.getOrDefault(stripStar(logGroupArn), List.of());
    }

    /**
     * CloudWatch alarms in an account and region on a metric (by {@code Namespace} and {@code MetricName}, directly
     * or as a metric of a metric-math alarm).
     */
    public List<ResourceNode> alarmsOnMetric(String accountId, String region, String namespace, String metricName) {
        return alarmsByMetric.getOrDefault(metricKey(accountId, region, namespace, metricName), List.of());
    }

    /** Route 53 Resolver query logging associations whose {@code ResourceId} is the VPC. */
    public List<ResourceNode> resolverQueryLoggingOf(String vpcId) {
        return resolverLoggingByVpc.getOrDefault(vpcId, List.of());
    }

    /** The resources of a type in one account and region. */
    public List<ResourceNode> ofType(String type, String accountId, String region) {
        return byTypeAccountRegion.computeIfAbsent(type, t -> {
            Map<String, Map<String, List<ResourceNode>>> m = new HashMap<>();
            ofType(t).forEach(r -> m.computeIfAbsent(r.accountId(), k -> new HashMap<>())
                    .computeIfAbsent(r.region(), k -> new ArrayList<>()).add(r));
            return m;
        }).getOrDefault(accountId, Collections.emptyMap()).getOrDefault(region, List.of());
    }

    private static String metricKey(String account, String region, String namespace, String name) {
        return account + "|" + region + "|" + namespace + "|" + name;
    }

    /** The account an ARN names ({@code arn:aws:kms:us-east-1:111122223333:key/...}), or {@code null}. */
    public static String accountOfArn(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length > 4 && !parts[4].isEmpty() ? parts[4] : null;
    }

    /** The region an ARN names, or {@code null}. */
    public static String regionOfArn(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3].toLowerCase(Locale.ROOT) : null;
    }
}
