package io.trailguard.core.snapshot;

import io.trailguard.core.CollectionError;
import io.trailguard.core.UnknownReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "was this input read?" from a snapshot's collection errors: whether every resource of a type in an
 * account and region is known, and whether a field of one resource was read.
 *
 * <p>An error names the type and fields it hides, or trailguard derives them from the operation (the table below),
 * so hand-written snapshots need only the API call that failed.
 */
public final class CollectionGaps {

    /** What a failed operation hides: a resource type and, for per-resource calls, the fields it fills. */
    private record OperationScope(String type, List<String> fields) {
    }

    private static final Map<String, OperationScope> OPERATIONS = Map.ofEntries(
            op("cloudtrail:DescribeTrails", "AWS::CloudTrail::Trail"),
            op("cloudtrail:ListTrails", "AWS::CloudTrail::Trail"),
            op("cloudtrail:GetTrail", "AWS::CloudTrail::Trail"),
            op("cloudtrail:GetTrailStatus", "AWS::CloudTrail::Trail", "Status"),
            op("cloudtrail:GetEventSelectors", "AWS::CloudTrail::Trail", "EventSelectors", "AdvancedEventSelectors"),
            op("s3:ListBuckets", "AWS::S3::Bucket"),
            op("s3:GetBucketLocation", "AWS::S3::Bucket", "Region"),
            op("s3:GetBucketPolicy", "AWS::S3::Bucket", "Policy"),
            op("s3:GetBucketPolicyStatus", "AWS::S3::Bucket", "PolicyStatus"),
            op("s3:GetBucketEncryption", "AWS::S3::Bucket", "Encryption"),
            op("s3:GetBucketVersioning", "AWS::S3::Bucket", "Versioning"),
            op("s3:GetBucketReplication", "AWS::S3::Bucket", "Replication"),
            op("s3:GetBucketLogging", "AWS::S3::Bucket", "Logging"),
            op("s3:GetPublicAccessBlock", "AWS::S3::Bucket", "PublicAccessBlock"),
            op("s3:GetBucketLifecycleConfiguration", "AWS::S3::Bucket", "Lifecycle"),
            op("s3:GetObjectLockConfiguration", "AWS::S3::Bucket", "ObjectLock"),
            op("s3:GetBucketAcl", "AWS::S3::Bucket", "Acl"),
            op("s3:GetBucketOwnershipControls", "AWS::S3::Bucket", "OwnershipControls"),
            op("s3control:GetPublicAccessBlock", "AWS::S3::AccountPublicAccessBlock"),
            op("kms:ListKeys", "AWS::KMS::Key"),
            op("kms:DescribeKey", "AWS::KMS::Key"),
            op("kms:GetKeyPolicy", "AWS::KMS::Key", "Policy"),
            op("kms:GetKeyRotationStatus", "AWS::KMS::Key", "KeyRotationEnabled"),
            op("kms:ListAliases", "AWS::KMS::Key", "Aliases"),
            op("ec2:DescribeVpcs", "AWS::EC2::VPC"),
            op("ec2:DescribeSubnets", "AWS::EC2::Subnet"),
            op("ec2:DescribeNetworkInterfaces", "AWS::EC2::NetworkInterface"),
            op("ec2:DescribeFlowLogs", "AWS::EC2::FlowLog"),
            op("config:DescribeConfigurationRecorders", "AWS::Config::ConfigurationRecorder"),
            op("config:DescribeConfigurationRecorderStatus", "AWS::Config::ConfigurationRecorder", "Status"),
            op("config:DescribeDeliveryChannels", "AWS::Config::ConfigurationRecorder", "DeliveryChannels"),
            op("config:DescribeDeliveryChannelStatus", "AWS::Config::ConfigurationRecorder", "DeliveryChannels"),
            op("route53:ListHostedZones", "AWS::Route53::HostedZone"),
            op("route53:ListQueryLoggingConfigs", "AWS::Route53::HostedZone", "QueryLoggingConfigs"),
            op("route53resolver:ListResolverQueryLogConfigAssociations",
                    "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation"),
            op("route53resolver:ListResolverQueryLogConfigs", "AWS::Route53Resolver::ResolverQueryLoggingConfig"),
            op("logs:DescribeLogGroups", "AWS::Logs::LogGroup"),
            op("logs:DescribeMetricFilters", "AWS::Logs::LogGroup", "MetricFilters"),
            op("logs:DescribeResourcePolicies", "AWS::Logs::ResourcePolicy"),
            op("cloudwatch:DescribeAlarms", "AWS::CloudWatch::Alarm"),
            op("iam:GetRole", "AWS::IAM::Role"),
            op("iam:ListRolePolicies", "AWS::IAM::Role", "RolePolicyList"),
            op("iam:GetRolePolicy", "AWS::IAM::Role", "RolePolicyList"),
            op("iam:ListAttachedRolePolicies", "AWS::IAM::Role", "AttachedManagedPolicies"),
            op("iam:GetPolicyVersion", "AWS::IAM::Role", "AttachedManagedPolicies"),
            op("sns:GetTopicAttributes", "AWS::SNS::Topic"));

    /** When neither the error nor the table names a type: every type the service serves is unknown. */
    private static final Map<String, List<String>> SERVICE_TYPES = Map.ofEntries(
            Map.entry("cloudtrail", List.of("AWS::CloudTrail::Trail")),
            Map.entry("s3", List.of("AWS::S3::Bucket")),
            Map.entry("s3control", List.of("AWS::S3::AccountPublicAccessBlock")),
            Map.entry("kms", List.of("AWS::KMS::Key")),
            Map.entry("ec2", List.of("AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::NetworkInterface", "AWS::EC2::FlowLog")),
            Map.entry("config", List.of("AWS::Config::ConfigurationRecorder")),
            Map.entry("route53", List.of("AWS::Route53::HostedZone")),
            Map.entry("route53resolver", List.of("AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation",
                    "AWS::Route53Resolver::ResolverQueryLoggingConfig")),
            Map.entry("logs", List.of("AWS::Logs::LogGroup", "AWS::Logs::ResourcePolicy")),
            Map.entry("cloudwatch", List.of("AWS::CloudWatch::Alarm")),
            Map.entry("iam", List.of("AWS::IAM::Role")),
            Map.entry("sns", List.of("AWS::SNS::Topic")));

    private static Map.Entry<String, OperationScope> op(String key, String type, String... fields) {
        return Map.entry(key.toLowerCase(Locale.ROOT), new OperationScope(type, List.of(fields)));
    }

    private record TypeGap(String accountId, String region, CollectionError error) {
    }

    private record FieldGap(Set<String> fields, CollectionError error) {
    }

    /** By type and account, so that a lookup reads only that account's failures. */
    private final Map<String, List<TypeGap>> typeGaps = new HashMap<>();
    private final Map<String, CollectionError> anyTypeGaps = new HashMap<>();
    /** Accounts of which nothing is known: the role could not be assumed, or its regions could not be listed. */
    private final Map<String, CollectionError> accountGaps = new HashMap<>();
    private final Map<String, List<FieldGap>> resourceGaps = new HashMap<>();
    /**
     * The organisation's account list could not be read whole: accounts it may hide are unknown, so no list of any
     * type in any account is known to be complete.
     */
    private CollectionError organizationGap;
    /** The types that have any entry in {@link #resourceGaps}: most lookups stop here without building a key. */
    private final Set<String> typesWithResourceGaps = new HashSet<>();

    CollectionGaps(List<CollectionError> errors) {
        for (CollectionError e : errors) {
            String call = (e.service() + ":" + e.operation()).toLowerCase(Locale.ROOT);
            if (call.equals("organizations:listaccounts")) {
                if (organizationGap == null) {
                    organizationGap = e;
                }
                continue;
            }
            if (call.equals("sts:assumerole") || call.equals("sts:getcalleridentity") || call.equals("ec2:describeregions")) {
                accountGaps.putIfAbsent(e.accountId(), e);
                continue;
            }
            OperationScope scope = OPERATIONS.get((e.service() + ":" + e.operation()).toLowerCase(Locale.ROOT));
            List<String> types = e.resourceType() != null ? List.of(e.resourceType())
                    : scope != null ? List.of(scope.type())
                    : SERVICE_TYPES.getOrDefault(e.service().toLowerCase(Locale.ROOT), List.of());
            if (e.resourceId() != null) {
                List<String> fields = !e.fields().isEmpty() ? e.fields()
                        : scope != null ? scope.fields() : List.of();
                for (String type : types) {
                    typesWithResourceGaps.add(type);
                    resourceGaps.computeIfAbsent(type + "|" + e.resourceId(), k -> new ArrayList<>())
                            .add(new FieldGap(Set.copyOf(fields), e));
                }
            } else if (scope != null && !scope.fields().isEmpty() && e.fields().isEmpty() && e.resourceType() == null) {
                // A per-resource call failed for every resource of the type (no resource named): the fields are
                // unknown on all of them.
                typesWithResourceGaps.add(scope.type());
                resourceGaps.computeIfAbsent(scope.type() + "|*|" + e.accountId() + "|" + e.region(),
                        k -> new ArrayList<>()).add(new FieldGap(Set.copyOf(scope.fields()), e));
            } else {
                for (String type : types) {
                    typeGaps.computeIfAbsent(type + "|" + e.accountId(), k -> new ArrayList<>())
                            .add(new TypeGap(e.accountId(), e.region(), e));
                    anyTypeGaps.putIfAbsent(type, e);
                }
            }
        }
    }

    /**
     * Why the list of resources of {@code type} in an account and region may be incomplete, if it may.
     *
     * @param region a region, or {@code null} for "any region of the account"
     */
    public Optional<UnknownReason> typeGap(String type, String accountId, String region) {
        if (organizationGap != null) {
            return Optional.of(reason(organizationGap, "the organisation's account list is incomplete"));
        }
        CollectionError whole = accountGaps.get(accountId);
        if (whole != null) {
            return Optional.of(reason(whole, "nothing of account " + accountId + " could be collected"));
        }
        List<TypeGap> gaps = typeGaps.get(type + "|" + accountId);
        if (gaps == null) {
            return Optional.empty();
        }
        for (TypeGap g : gaps) {
            if ((region == null || g.region().equals(region) || g.region().equals("global"))) {
                return Optional.of(reason(g.error(), "the list of " + type + " resources is incomplete"));
            }
        }
        return Optional.empty();
    }

    /** Why the whole list of resources of {@code type} in any account may be incomplete, if it may. */
    public Optional<UnknownReason> anyTypeGap(String type) {
        if (organizationGap != null) {
            return Optional.of(reason(organizationGap, "the organisation's account list is incomplete"));
        }
        if (!accountGaps.isEmpty()) {
            CollectionError e = accountGaps.values().iterator().next();
            return Optional.of(reason(e, "nothing of account " + e.accountId() + " could be collected"));
        }
        CollectionError e = anyTypeGaps.get(type);
        return e == null ? Optional.empty()
                : Optional.of(reason(e, "the list of " + type + " resources is incomplete"));
    }

    /** Why a top-level configuration field of a resource was not read, if it was not. */
    public Optional<UnknownReason> fieldGap(ResourceNode resource, String field) {
        if (!typesWithResourceGaps.contains(resource.type())) {
            return Optional.empty();
        }
        for (String key : new String[] {resource.type() + "|" + resource.id(),
                resource.type() + "|*|" + resource.accountId() + "|" + resource.region()}) {
            List<FieldGap> gaps = resourceGaps.get(key);
            if (gaps != null) {
                for (FieldGap g : gaps) {
                    if (g.fields().isEmpty() || field == null || g.fields().contains(field)) {
                        return Optional.of(reason(g.error(), field == null ? "the configuration of " + resource.id()
                                + " is incomplete" : "field " + field + " of " + resource.id() + " was not read"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static UnknownReason reason(CollectionError e, String what) {
        return new UnknownReason(code(e.code()), what + ": " + e.describe());
    }

    /** Maps an AWS error code to the cause reported in findings. */
    public static UnknownReason.Code code(String awsCode) {
        String c = awsCode.toLowerCase(Locale.ROOT);
        if (c.contains("accessdenied") || c.contains("unauthorized") || c.contains("notauthorized")
                || c.equals("authfailure") || c.contains("forbidden")) {
            return UnknownReason.Code.ACCESS_DENIED;
        }
        if (c.contains("throttl") || c.contains("toomanyrequests") || c.contains("requestlimitexceeded")
                || c.contains("slowdown")) {
            return UnknownReason.Code.THROTTLED;
        }
        if (c.contains("optinrequired") || c.contains("regiondisabled") || c.contains("invalidclienttokenid")) {
            return UnknownReason.Code.REGION_DISABLED;
        }
        return UnknownReason.Code.API_ERROR;
    }
}
