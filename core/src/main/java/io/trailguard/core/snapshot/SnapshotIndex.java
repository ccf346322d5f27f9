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
 * A snapshot's content with the lookups that relations join on: by type, by (type, id), by type and account (and
 * region), by the value of a field, and the lookups the relations derive from their declarations ({@link #derived}).
 * Built once in linear time; every lookup is a hash lookup.
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
    // keyed by type first, then id / account / account and region / a field's value: built per type on first use (a
    // scan asks these of a few types only), without building key strings
    private final Map<String, Map<String, ResourceNode>> byTypeAndId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<ResourceNode>>> byTypeAndAccount = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Map<String, List<ResourceNode>>>> byTypeAccountRegion = new ConcurrentHashMap<>();
    private final Map<FieldKey, Map<String, List<ResourceNode>>> byTypeAndField = new ConcurrentHashMap<>();

    /** A lookup's key: built per call from constant strings, so its hash is two cached string hashes. */
    private record FieldKey(String type, String field) {
    }
    /** The lookups relations derive from their declarations ({@link #derived}), built on first use. */
    private final Map<Object, Object> derived = new ConcurrentHashMap<>();

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
            byType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r);
        }
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

    /** The resources of a type in one account and region. */
    public List<ResourceNode> ofType(String type, String accountId, String region) {
        return byTypeAccountRegion.computeIfAbsent(type, t -> {
            Map<String, Map<String, List<ResourceNode>>> m = new HashMap<>();
            ofType(t).forEach(r -> m.computeIfAbsent(r.accountId(), k -> new HashMap<>())
                    .computeIfAbsent(r.region(), k -> new ArrayList<>()).add(r));
            return m;
        }).getOrDefault(accountId, Collections.emptyMap()).getOrDefault(region, List.of());
    }

    /** The resources of a type whose top-level configuration field (a scalar) has that text, in snapshot order. */
    public List<ResourceNode> withField(String type, String field, String value) {
        return byTypeAndField.computeIfAbsent(new FieldKey(type, field), k -> {
            Map<String, List<ResourceNode>> m = new HashMap<>();
            ofType(type).forEach(r -> {
                String v = r.text(field);
                if (v != null) {
                    m.computeIfAbsent(v, x -> new ArrayList<>()).add(r);
                }
            });
            return m;
        }).getOrDefault(value, List.of());
    }

    /**
     * A lookup derived from this snapshot, built once on first use and kept with it: the relations' index keys
     * (io.trailguard.core.relation) live here so that they are built once per snapshot, whoever asks.
     *
     * @param key   identifies the lookup (equal keys share it)
     * @param build builds it from this index; must not call {@code derived} with the same key
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Object key, java.util.function.Function<SnapshotIndex, T> build) {
        Object v = derived.get(key);
        if (v == null) {
            v = build.apply(this);
            Object prev = derived.putIfAbsent(key, v);
            if (prev != null) {
                v = prev;
            }
        }
        return (T) v;
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
