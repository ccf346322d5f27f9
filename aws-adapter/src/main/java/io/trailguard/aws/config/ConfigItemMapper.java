package io.trailguard.aws.config;

import static io.trailguard.aws.config.ConfigJson.F;
import static io.trailguard.aws.config.ConfigJson.camel;
import static io.trailguard.aws.config.ConfigJson.firstNode;
import static io.trailguard.aws.config.ConfigJson.firstNonNull;
import static io.trailguard.aws.config.ConfigJson.firstText;
import static io.trailguard.aws.config.ConfigJson.iamPolicy;
import static io.trailguard.aws.config.ConfigJson.instant;
import static io.trailguard.aws.config.ConfigJson.isoTime;
import static io.trailguard.aws.config.ConfigJson.parsed;
import static io.trailguard.aws.config.ConfigJson.pascal;
import static io.trailguard.aws.config.ConfigJson.pascalKey;
import static io.trailguard.aws.config.ConfigJson.putIfText;
import static io.trailguard.aws.config.ConfigJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps one AWS Config configuration item (Config's own format: {@code configuration} plus
 * {@code supplementaryConfiguration}, as in change notifications, {@code GetResourceConfigHistory} and snapshot
 * files) to a snapshot resource whose {@code configuration} uses the field names of docs/snapshot-format.md.
 *
 * <p>Where Config does not record a field the rules read, the field is left out and a snapshot {@code errors} entry
 * with code {@value #NOT_RECORDED} names it, so rules that need it report UNKNOWN. Stateless and thread-safe.
 *
 * <p>Config's encodings (JSON in strings, URL-encoded policies, camelCase keys, times) are read by {@link ConfigJson};
 * the resource and its errors entry are assembled by {@link ResourceBuilder}; this class holds the per-type mapping.
 *
 * @since 0.1.0
 */
public final class ConfigItemMapper {
    /** The error code of a field that AWS Config does not record. */
    public static final String NOT_RECORDED = "NotRecordedByConfig";

    /** The resource types the mapper knows, i.e. the ones of docs/snapshot-format.md that Config records. */
    public static final Set<String> TYPES = Set.of("AWS::CloudTrail::Trail", "AWS::S3::Bucket", "AWS::KMS::Key",
            "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::NetworkInterface", "AWS::EC2::FlowLog",
            "AWS::IAM::Role", "AWS::CloudWatch::Alarm", "AWS::Config::ConfigurationRecorder",
            "AWS::Route53::HostedZone", "AWS::Logs::LogGroup", "AWS::S3::AccountPublicAccessBlock",
            "AWS::SNS::Topic");

    private ConfigItemMapper() {
    }

    /**
     * The result of mapping one item.
     *
     * @param resourceType     Config's resource type
     * @param configResourceId Config's resource id (what {@code PutEvaluations} must name)
     * @param accountId        the item's account
     * @param region           the item's region
     * @param captureTime      the item's capture time, or {@code null}
     * @param deleted          the item records a deleted resource ({@code resource} is then {@code null})
     * @param resource         the snapshot resource, or {@code null} for a deleted resource or an unknown type
     * @param errors           snapshot {@code errors} entries for the fields Config does not record
     */
    public record Mapped(String resourceType, String configResourceId, String accountId, String region,
                         Instant captureTime, boolean deleted, ObjectNode resource, List<ObjectNode> errors) {
        public Mapped {
            errors = List.copyOf(errors);
        }

        /** The snapshot id of the resource, or {@code null}. */
        public String snapshotId() {
            return resource == null ? null : resource.path("id").asText(null);
        }
    }

    /**
     * Maps an item.
     *
     * @throws IllegalArgumentException when the item lacks its resource type or id
     */
    public static Mapped map(JsonNode item) {
        String type = text(item, "resourceType");
        String configId = text(item, "resourceId");
        if (type == null || configId == null) {
            throw new IllegalArgumentException("a configuration item needs resourceType and resourceId");
        }
        String account = firstText(item, "accountId", "awsAccountId");
        String region = text(item, "awsRegion");
        String arn = firstText(item, "arn", "ARN");
        Instant captured = instant(item.get("configurationItemCaptureTime"));
        String status = String.valueOf(text(item, "configurationItemStatus"));
        if (status.startsWith("ResourceDeleted")) {
            return new Mapped(type, configId, account, region, captured, true, null, List.of());
        }
        if (!TYPES.contains(type)) {
            return new Mapped(type, configId, account, region, captured, false, null, List.of());
        }
        JsonNode conf = parsed(item.get("configuration"));
        ObjectNode supp = F.objectNode();
        JsonNode rawSupp = parsed(item.get("supplementaryConfiguration"));
        if (rawSupp instanceof ObjectNode o) {
            o.fields().forEachRemaining(e -> supp.set(e.getKey(), parsed(e.getValue())));
        }
        ResourceBuilder b = new ResourceBuilder(type, account, region);
        if (!(conf instanceof ObjectNode c) || "ResourceNotRecorded".equals(status)) {
            // Config knows the resource exists but recorded nothing of it: every field is unknown
            b.id = fallbackId(type, configId, arn, account, region);
            b.notRecorded();
            return b.done(configId, captured);
        }
        switch (type) {
            case "AWS::CloudTrail::Trail" -> trail(b, c, arn);
            case "AWS::S3::Bucket" -> bucket(b, c, supp, arn);
            case "AWS::KMS::Key" -> key(b, c, supp, arn);
            case "AWS::IAM::Role" -> role(b, c, arn);
            case "AWS::Config::ConfigurationRecorder" -> recorder(b, c, arn, configId);
            case "AWS::Route53::HostedZone" -> hostedZone(b, c, configId, arn);
            case "AWS::Logs::LogGroup" -> logGroup(b, c, arn, configId);
            case "AWS::CloudWatch::Alarm" -> {
                b.conf = pascal(c);
                b.id = firstNonNull(b.conf.path("AlarmArn").asText(null), arn, configId);
            }
            case "AWS::S3::AccountPublicAccessBlock" -> {
                b.conf = pascal(c);
                b.id = account;
                b.region = "global";
            }
            case "AWS::SNS::Topic" -> {
                b.conf = F.objectNode();
                b.id = firstNonNull(arn, configId);
                b.conf.put("TopicArn", b.id);
                b.notRecorded("Attributes", "Policy");
            }
            default -> { // EC2 VPC, Subnet, NetworkInterface, FlowLog: the Describe* entry
                b.conf = pascal(c);
                b.id = configId;
            }
        }
        return b.done(configId, captured);
    }

    // ---- per type ----

    private static void trail(ResourceBuilder b, ObjectNode c, String arn) {
        b.conf = pascal(c);
        b.id = firstNonNull(b.conf.path("TrailARN").asText(null), arn);
        if (b.id == null) {
            b.id = "arn:aws:cloudtrail:" + b.region + ":" + b.account + ":trail/" + b.conf.path("Name").asText();
        }
        b.notRecorded("Status", "EventSelectors", "AdvancedEventSelectors");
    }

    private static void bucket(ResourceBuilder b, ObjectNode c, ObjectNode supp, String arn) {
        String name = firstNonNull(c.path("name").asText(null), c.path("Name").asText(null));
        b.id = arn != null ? arn : "arn:aws:s3:::" + name;
        ObjectNode o = F.objectNode();
        b.conf = o;
        o.put("Name", name);
        o.put("Region", b.region);
        JsonNode created = firstNode(c, "creationDate", "CreationDate");
        if (created != null && !created.isNull()) {
            o.put("CreationDate", isoTime(created));
        }
        // Policy: BucketPolicy.policyText; null text = the bucket has no policy
        JsonNode bp = supp.get("BucketPolicy");
        if (bp == null) {
            b.notRecorded("Policy");
        } else {
            JsonNode text = parsed(bp.get("policyText"));
            if (text != null && !text.isNull() && !text.isMissingNode()) {
                o.set("Policy", text);
            }
        }
        JsonNode sse = supp.get("ServerSideEncryptionConfiguration");
        if (sse instanceof ObjectNode s && s.path("rules").isArray()) {
            ArrayNode rules = F.arrayNode();
            for (JsonNode r : s.path("rules")) {
                ObjectNode rule = rules.addObject();
                JsonNode def = r.get("applyServerSideEncryptionByDefault");
                if (def != null && !def.isNull()) {
                    ObjectNode d = rule.putObject("ApplyServerSideEncryptionByDefault");
                    putIfText(d, "SSEAlgorithm", def.get("sseAlgorithm"));
                    putIfText(d, "KMSMasterKeyID", def.get("kmsMasterKeyID"));
                }
                if (r.has("bucketKeyEnabled") && !r.get("bucketKeyEnabled").isNull()) {
                    rule.put("BucketKeyEnabled", r.get("bucketKeyEnabled").asBoolean());
                }
            }
            o.putObject("Encryption").set("Rules", rules);
        }
        JsonNode ver = supp.get("BucketVersioningConfiguration");
        if (ver == null) {
            b.notRecorded("Versioning");
        } else {
            ObjectNode v = o.putObject("Versioning");
            String st = ver.path("status").asText(null);
            if (st != null && !st.equals("Off")) {
                v.put("Status", st);
            }
            JsonNode mfa = ver.get("isMfaDeleteEnabled");
            if (mfa != null && !mfa.isNull()) {
                v.put("MFADelete", mfa.asBoolean() ? "Enabled" : "Disabled");
            }
        }
        JsonNode rep = firstNode(supp, "BucketReplicationConfiguration", "ReplicationConfiguration");
        if (rep instanceof ObjectNode r && r.hasNonNull("roleARN")) {
            ObjectNode out = o.putObject("Replication");
            out.put("Role", r.path("roleARN").asText());
            ArrayNode rules = out.putArray("Rules");
            JsonNode rs = r.path("rules");
            Iterator<Map.Entry<String, JsonNode>> it = rs.isObject() ? rs.fields() : null;
            if (it != null) {
                it.forEachRemaining(e -> rules.add(replicationRule(e.getKey(), e.getValue())));
            } else {
                rs.forEach(x -> rules.add(replicationRule(x.path("id").asText(null), x)));
            }
        }
        JsonNode log = supp.get("BucketLoggingConfiguration");
        if (log == null) {
            b.notRecorded("Logging");
        } else {
            ObjectNode l = o.putObject("Logging");
            String target = log.path("destinationBucketName").asText(null);
            if (target != null) {
                ObjectNode le = l.putObject("LoggingEnabled");
                le.put("TargetBucket", target);
                le.put("TargetPrefix", log.path("logFilePrefix").asText(""));
            }
        }
        JsonNode pab = supp.get("PublicAccessBlockConfiguration");
        if (pab instanceof ObjectNode p) {
            o.set("PublicAccessBlock", pascal(p));
        }
        JsonNode lc = supp.get("BucketLifecycleConfiguration");
        if (lc instanceof ObjectNode l && l.path("rules").isArray()) {
            o.putObject("Lifecycle").set("Rules", pascal(l.path("rules")));
        }
        JsonNode ol = firstNode(supp, "BucketObjectLockConfiguration", "ObjectLockConfiguration");
        if (ol instanceof ObjectNode x) {
            o.set("ObjectLock", pascal(x));
        } else {
            b.notRecorded("ObjectLock");
        }
        JsonNode acl = supp.get("AccessControlList");
        if (acl instanceof ObjectNode a) {
            o.set("Acl", acl(a));
        }
        b.notRecorded("PolicyStatus", "OwnershipControls");
    }

    private static ObjectNode replicationRule(String id, JsonNode r) {
        ObjectNode out = F.objectNode();
        if (id != null) {
            out.put("ID", id);
        }
        putIfText(out, "Status", r.get("status"));
        JsonNode prefix = r.get("prefix");
        if (prefix != null && !prefix.isNull()) {
            out.put("Prefix", prefix.asText());
        }
        JsonNode dest = r.path("destinationConfig");
        ObjectNode d = out.putObject("Destination");
        putIfText(d, "Bucket", dest.get("bucketARN"));
        putIfText(d, "StorageClass", dest.get("storageClass"));
        putIfText(d, "Account", firstNode(dest, "Account", "account"));
        return out;
    }

    private static ObjectNode acl(ObjectNode a) {
        ObjectNode out = F.objectNode();
        JsonNode owner = a.path("owner");
        if (owner.isObject()) {
            ObjectNode ow = out.putObject("Owner");
            putIfText(ow, "ID", owner.get("id"));
            putIfText(ow, "DisplayName", owner.get("displayName"));
        }
        ArrayNode grants = out.putArray("Grants");
        for (JsonNode g : a.path("grantList")) {
            ObjectNode gr = grants.addObject();
            JsonNode grantee = g.path("grantee");
            ObjectNode ge = gr.putObject("Grantee");
            if (grantee.isTextual()) { // AllUsers, AuthenticatedUsers, LogDelivery
                String group = switch (grantee.asText()) {
                    case "AllUsers" -> "http://acs.amazonaws.com/groups/global/AllUsers";
                    case "AuthenticatedUsers" -> "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
                    case "LogDelivery" -> "http://acs.amazonaws.com/groups/s3/LogDelivery";
                    default -> grantee.asText();
                };
                ge.put("Type", "Group");
                ge.put("URI", group);
            } else {
                ge.put("Type", "CanonicalUser");
                putIfText(ge, "ID", grantee.get("id"));
                putIfText(ge, "DisplayName", grantee.get("displayName"));
            }
            String p = g.path("permission").asText("");
            gr.put("Permission", switch (p) {
                case "FullControl" -> "FULL_CONTROL";
                case "Read" -> "READ";
                case "Write" -> "WRITE";
                case "ReadAcp" -> "READ_ACP";
                case "WriteAcp" -> "WRITE_ACP";
                default -> p;
            });
        }
        return out;
    }

    private static void key(ResourceBuilder b, ObjectNode c, ObjectNode supp, String arn) {
        b.conf = pascal(c);
        JsonNode acct = b.conf.remove("AwsaccountId");
        if (acct != null) {
            b.conf.set("AWSAccountId", acct);
        }
        String keyArn = b.conf.path("Arn").asText(null);
        // Config's own item arn is the key's ARN; configuration.arn has been seen wrong in samples, so prefer the item
        b.id = firstNonNull(arn, keyArn);
        if (arn != null) {
            b.conf.put("Arn", arn);
        }
        JsonNode policy = parsed(supp.get("Policy"));
        if (policy instanceof ObjectNode) {
            b.conf.set("Policy", policy);
        } else {
            b.notRecorded("Policy");
        }
        JsonNode rot = supp.get("KeyRotationStatus");
        if (rot != null && !rot.isNull()) {
            b.conf.put("KeyRotationEnabled", rot.asBoolean() || "true".equalsIgnoreCase(rot.asText()));
        } else if (!"AWS".equals(b.conf.path("KeyManager").asText())) {
            b.notRecorded("KeyRotationEnabled");
        }
        b.notRecorded("Aliases");
    }

    private static void role(ResourceBuilder b, ObjectNode c, String arn) {
        ObjectNode o = F.objectNode();
        b.conf = o;
        b.region = "global";
        for (String f : List.of("roleName", "arn", "roleId", "path", "createDate", "description",
                "maxSessionDuration")) {
            JsonNode v = c.get(f);
            if (v != null && !v.isNull()) {
                o.set(pascalKey(f), f.equals("createDate") ? F.textNode(isoTime(v)) : v);
            }
        }
        b.id = firstNonNull(o.path("Arn").asText(null), arn);
        JsonNode trust = iamPolicy(c.get("assumeRolePolicyDocument"));
        if (trust != null) {
            o.set("AssumeRolePolicyDocument", trust);
        }
        ArrayNode inline = o.putArray("RolePolicyList");
        for (JsonNode p : c.path("rolePolicyList")) {
            ObjectNode x = inline.addObject();
            putIfText(x, "PolicyName", p.get("policyName"));
            JsonNode doc = iamPolicy(p.get("policyDocument"));
            if (doc != null) {
                x.set("PolicyDocument", doc);
            }
        }
        ArrayNode attached = o.putArray("AttachedManagedPolicies");
        for (JsonNode p : c.path("attachedManagedPolicies")) {
            ObjectNode x = attached.addObject();
            putIfText(x, "PolicyName", p.get("policyName"));
            putIfText(x, "PolicyArn", p.get("policyArn"));
        }
        if (!attached.isEmpty()) {
            b.notRecorded("AttachedManagedPolicies"); // the role item names them, without their documents
        }
        JsonNode pb = c.get("permissionsBoundary");
        if (pb != null && !pb.isNull()) {
            o.set("PermissionsBoundary", pascal(pb));
        }
    }

    private static void recorder(ResourceBuilder b, ObjectNode c, String arn, String configId) {
        ObjectNode o = camel(c);
        JsonNode recording = o.remove("recording");
        o.remove("id");
        b.conf = o;
        String name = o.path("name").asText(configId);
        b.id = arn != null ? arn : "arn:aws:config:" + b.region + ":" + b.account + ":configuration-recorder/" + name;
        if (recording != null && !recording.isNull()) {
            // Config records whether it records, not the rest of DescribeConfigurationRecorderStatus
            o.putObject("Status").put("name", name).put("recording", recording.asBoolean());
        } else {
            b.notRecorded("Status");
        }
        b.notRecorded("DeliveryChannels");
    }

    private static void hostedZone(ResourceBuilder b, ObjectNode c, String configId, String arn) {
        ObjectNode o = F.objectNode();
        b.conf = o;
        b.region = "global";
        String zoneId = c.path("Id").asText(configId).replaceFirst("^/hostedzone/", "");
        b.id = "arn:aws:route53:::hostedzone/" + zoneId;
        ObjectNode hz = o.putObject("HostedZone");
        hz.put("Id", "/hostedzone/" + zoneId);
        putIfText(hz, "Name", c.get("Name"));
        JsonNode vpcs = c.get("VPCs");
        boolean priv = vpcs != null && vpcs.isArray() && !vpcs.isEmpty();
        ObjectNode cfg = hz.putObject("Config");
        JsonNode hzc = c.path("HostedZoneConfig");
        putIfText(cfg, "Comment", hzc.get("Comment"));
        cfg.put("PrivateZone", priv);
        ArrayNode qlc = o.putArray("QueryLoggingConfigs");
        JsonNode q = c.get("QueryLoggingConfig");
        if (q != null && !q.isNull()) {
            // the registry schema nests the fields one level deeper; accept both shapes
            JsonNode inner = q.path("CloudWatchLogsLogGroupArn").isObject() ? q.path("CloudWatchLogsLogGroupArn") : q;
            ObjectNode x = qlc.addObject();
            putIfText(x, "Id", inner.get("Id"));
            x.put("HostedZoneId", zoneId);
            putIfText(x, "CloudWatchLogsLogGroupArn", inner.get("CloudWatchLogsLogGroupArn"));
        }
        if (priv) {
            ArrayNode v = o.putArray("VPCs");
            for (JsonNode x : vpcs) {
                ObjectNode y = v.addObject();
                putIfText(y, "VPCId", firstNode(x, "VPCId", "VpcId"));
                putIfText(y, "VPCRegion", firstNode(x, "VPCRegion", "VpcRegion"));
            }
        }
    }

    private static void logGroup(ResourceBuilder b, ObjectNode c, String arn, String configId) {
        ObjectNode o = camel(c);
        b.conf = o;
        String a = firstNonNull(o.path("arn").asText(null), arn);
        if (a == null) {
            a = "arn:aws:logs:" + b.region + ":" + b.account + ":log-group:" + o.path("logGroupName").asText(configId);
        }
        b.id = a.endsWith(":*") ? a.substring(0, a.length() - 2) : a;
        b.notRecorded("MetricFilters");
    }

    private static String fallbackId(String type, String configId, String arn, String account, String region) {
        return switch (type) {
            case "AWS::S3::Bucket" -> arn != null ? arn : "arn:aws:s3:::" + configId;
            case "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::NetworkInterface", "AWS::EC2::FlowLog" -> configId;
            case "AWS::Route53::HostedZone" -> "arn:aws:route53:::hostedzone/" + configId;
            case "AWS::S3::AccountPublicAccessBlock" -> account;
            default -> arn != null ? arn : configId;
        };
    }
}
