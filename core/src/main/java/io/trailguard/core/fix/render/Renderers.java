package io.trailguard.core.fix.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.snapshot.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One renderer per AWS API: from a resource's configuration before and after a change (in the snapshot's format,
 * which uses AWS's own field names) to the AWS CLI command words that make AWS hold the after state. Each renderer
 * owns the configuration fields its API sets, and a change may touch only those, so proving the change proves exactly
 * what is rendered. Every renderer answers {@code --region}. Internal to the engine.
 *
 * <p>Field and option names follow the AWS CLI reference of each command, e.g.
 * https://docs.aws.amazon.com/cli/latest/reference/cloudtrail/update-trail.html,
 * https://docs.aws.amazon.com/cli/latest/reference/cloudtrail/put-event-selectors.html,
 * https://docs.aws.amazon.com/cli/latest/reference/s3api/put-bucket-replication.html (the configuration without the
 * {@code ReplicationConfiguration} wrapper that {@code get-bucket-replication} prints).
 */
public final class Renderers {
    private Renderers() {
    }

    /** The order of a plan: what others reference first. */
    public enum Phase {
        /** Standalone resources others point at (log groups, topics). */
        CREATE,
        /** Resource and identity policies that AWS checks when something is pointed at them. */
        POLICY,
        /**
         * Deleting what a replacement takes the place of, before the replacement is created: a second flow log on the
         * same resource to the same destination is refused while the first exists (moto refuses it whatever the
         * traffic type), so creating first could leave both or fail.
         */
        DELETE,
        /** Everything else. */
        CONFIGURE,
        /** Starting what was configured. */
        START
    }

    /** Renders the words after {@code aws} (without {@code --region}) of the commands of one change. */
    @FunctionalInterface
    interface Fn {
        List<List<String>> render(ResourceRef ref, JsonNode before, JsonNode after);
    }

    /**
     * A renderer.
     *
     * @param fields       the JSON Pointers (prefixes) of the configuration the API sets; {@code /} for all
     * @param creates      true when the API creates the resource
     * @param alsoModifies true when a creating API also updates an existing resource (put-… APIs)
     */
    public record Spec(String api, List<String> fields, boolean creates, boolean alsoModifies, Phase phase, Fn fn) {
        /** True when the API sets the field at {@code path}. */
        public boolean owns(String path) {
            for (String f : fields) {
                if (f.equals("/") || path.equals(f) || path.startsWith(f + "/")) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The commands' words after {@code aws}, each ending with {@code --region}.
         *
         * @throws IllegalArgumentException when the snapshot lacks a value a command needs (an empty word would make
         *                                  the command name nothing, or fail): the fix then says so instead
         */
        public List<List<String>> render(ResourceRef ref, JsonNode before, JsonNode after) {
            String region = region(ref, after != null ? after : before);
            List<List<String>> out = new ArrayList<>();
            for (List<String> words : fn.render(ref, before, after)) {
                for (int i = 0; i < words.size(); i++) {
                    if (words.get(i).isEmpty()) {
                        throw new IllegalArgumentException("the snapshot has no value for "
                                + (i > 0 && words.get(i - 1).startsWith("--") ? words.get(i - 1) : "word " + (i + 1))
                                + " of 'aws " + String.join(" ", words.subList(0, Math.min(2, words.size()))) + "' for "
                                + ref.id() + ", which the command needs");
                    }
                }
                List<String> w = new ArrayList<>(words);
                w.add("--region");
                w.add(region);
                out.add(List.copyOf(w));
            }
            return out;
        }
    }

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    private static void add(String api, List<String> fields, boolean creates, boolean alsoModifies, Phase phase, Fn fn) {
        SPECS.put(api, new Spec(api, fields, creates, alsoModifies, phase, fn));
    }

    private static void modify(String api, Phase phase, Fn fn, String... fields) {
        add(api, List.of(fields), false, false, phase, fn);
    }

    /** The renderer of an API, or {@code null}. */
    public static Spec find(String api) {
        return SPECS.get(api);
    }

    /** The APIs with a renderer. */
    public static Set<String> apis() {
        return new TreeSet<>(SPECS.keySet());
    }

    /** The region a resource's commands run in: a trail's home region, a bucket's region, us-east-1 for global ones. */
    public static String region(ResourceRef ref, JsonNode config) {
        if (config != null) {
            for (String f : List.of("HomeRegion", "Region")) {
                String v = text(config, f);
                if (v != null && v.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                    return v;
                }
            }
        }
        return ref.region().equals("global") || ref.region().isEmpty() ? "us-east-1" : ref.region();
    }

    // ---- the renderers ------------------------------------------------------------------------------------------

    static {
        // CloudTrail
        modify("cloudtrail:UpdateTrail", Phase.CONFIGURE, Renderers::updateTrail, "/S3BucketName", "/S3KeyPrefix",
                "/SnsTopicARN", "/IncludeGlobalServiceEvents", "/IsMultiRegionTrail", "/LogFileValidationEnabled",
                "/CloudWatchLogsLogGroupArn", "/CloudWatchLogsRoleArn", "/KmsKeyId");
        modify("cloudtrail:StartLogging", Phase.START, (ref, b, a) -> becameTrue(b, a, "/Status/IsLogging")
                ? List.of(List.of("cloudtrail", "start-logging", "--name", trail(ref, a))) : List.of(), "/Status/IsLogging");
        modify("cloudtrail:PutEventSelectors", Phase.CONFIGURE, Renderers::eventSelectors, "/EventSelectors",
                "/AdvancedEventSelectors");
        add("cloudtrail:CreateTrail", List.of("/"), true, false, Phase.CONFIGURE, Renderers::createTrail);
        // S3 buckets: one field, one JSON document, the whole desired value
        bucketJson("s3:PutBucketPolicy", "/Policy", "put-bucket-policy", "--policy", Phase.POLICY);
        bucketJson("s3:PutBucketReplication", "/Replication", "put-bucket-replication", "--replication-configuration", Phase.CONFIGURE);
        bucketJson("s3:PutBucketLogging", "/Logging", "put-bucket-logging", "--bucket-logging-status", Phase.CONFIGURE);
        bucketJson("s3:PutPublicAccessBlock", "/PublicAccessBlock", "put-public-access-block",
                "--public-access-block-configuration", Phase.CONFIGURE);
        bucketJson("s3:PutBucketEncryption", "/Encryption", "put-bucket-encryption",
                "--server-side-encryption-configuration", Phase.CONFIGURE);
        bucketJson("s3:PutBucketLifecycleConfiguration", "/Lifecycle", "put-bucket-lifecycle-configuration",
                "--lifecycle-configuration", Phase.CONFIGURE);
        bucketJson("s3:PutBucketOwnershipControls", "/OwnershipControls", "put-bucket-ownership-controls",
                "--ownership-controls", Phase.CONFIGURE);
        modify("s3:PutBucketVersioning", Phase.CONFIGURE, (ref, b, a) -> {
            JsonNode v = a.at("/Versioning/Status");
            if (v.isMissingNode() || v.equals(b.at("/Versioning/Status"))) {
                return List.of();
            }
            ObjectNode conf = Json.MAPPER.createObjectNode().put("Status", v.asText());
            return List.of(List.of("s3api", "put-bucket-versioning", "--bucket", bucket(ref, a),
                    "--versioning-configuration", compact(conf)));
        }, "/Versioning/Status");
        modify("s3control:PutPublicAccessBlock", Phase.CONFIGURE, (ref, b, a) -> b.equals(a) ? List.of()
                : List.of(List.of("s3control", "put-public-access-block", "--account-id", ref.accountId(),
                "--public-access-block-configuration", compact(pick(a, "BlockPublicAcls", "IgnorePublicAcls",
                        "BlockPublicPolicy", "RestrictPublicBuckets")))),
                "/BlockPublicAcls", "/IgnorePublicAcls", "/BlockPublicPolicy", "/RestrictPublicBuckets");
        // KMS
        modify("kms:PutKeyPolicy", Phase.POLICY, (ref, b, a) -> changed(b, a, "/Policy")
                ? List.of(List.of("kms", "put-key-policy", "--key-id", key(ref, a), "--policy-name", "default",
                "--policy", compact(a.get("Policy")))) : List.of(), "/Policy");
        // https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html: a key whose deletion is
        // cancelled is Disabled; https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKey.html enables it
        modify("kms:CancelKeyDeletion", Phase.CONFIGURE, (ref, b, a) -> "PendingDeletion".equals(text(b, "KeyState"))
                && !"PendingDeletion".equals(text(a, "KeyState"))
                ? List.of(List.of("kms", "cancel-key-deletion", "--key-id", keyId(ref, a))) : List.of(),
                "/KeyState", "/DeletionDate", "/PendingDeletionWindowInDays");
        modify("kms:EnableKey", Phase.CONFIGURE, (ref, b, a) -> "Enabled".equals(text(a, "KeyState"))
                && !"Enabled".equals(text(b, "KeyState"))
                ? List.of(List.of("kms", "enable-key", "--key-id", keyId(ref, a))) : List.of(), "/KeyState", "/Enabled");
        modify("kms:EnableKeyRotation", Phase.CONFIGURE, (ref, b, a) -> becameTrue(b, a, "/KeyRotationEnabled")
                ? List.of(List.of("kms", "enable-key-rotation", "--key-id", key(ref, a))) : List.of(), "/KeyRotationEnabled");
        // IAM
        modify("iam:PutRolePolicy", Phase.POLICY, (ref, b, a) -> {
            List<List<String>> out = new ArrayList<>();
            for (JsonNode p : newElements(b.path("RolePolicyList"), a.path("RolePolicyList"), "PolicyName")) {
                out.add(List.of("iam", "put-role-policy", "--role-name", text(a, "RoleName"), "--policy-name",
                        p.path("PolicyName").asText(), "--policy-document", compact(p.get("PolicyDocument"))));
            }
            return out;
        }, "/RolePolicyList");
        modify("iam:UpdateAssumeRolePolicy", Phase.POLICY, (ref, b, a) -> changed(b, a, "/AssumeRolePolicyDocument")
                ? List.of(List.of("iam", "update-assume-role-policy", "--role-name", text(a, "RoleName"),
                "--policy-document", compact(a.get("AssumeRolePolicyDocument")))) : List.of(), "/AssumeRolePolicyDocument");
        // CloudWatch Logs and alarms
        modify("logs:PutMetricFilter", Phase.CONFIGURE, (ref, b, a) -> {
            List<List<String>> out = new ArrayList<>();
            for (JsonNode f : newElements(b.path("MetricFilters"), a.path("MetricFilters"), "filterName")) {
                out.add(List.of("logs", "put-metric-filter", "--log-group-name", text(a, "logGroupName"),
                        "--filter-name", f.path("filterName").asText(), "--filter-pattern", f.path("filterPattern").asText(),
                        "--metric-transformations", compact(f.get("metricTransformations"))));
            }
            return out;
        }, "/MetricFilters");
        add("logs:CreateLogGroup", List.of("/"), true, false, Phase.CREATE, (ref, b, a) -> {
            List<List<String>> out = new ArrayList<>();
            out.add(List.of("logs", "create-log-group", "--log-group-name", text(a, "logGroupName")));
            if (a.hasNonNull("retentionInDays")) {
                out.add(List.of("logs", "put-retention-policy", "--log-group-name", text(a, "logGroupName"),
                        "--retention-in-days", a.get("retentionInDays").asText()));
            }
            return out;
        });
        add("logs:PutResourcePolicy", List.of("/policyDocument", "/policyName"), true, true, Phase.POLICY,
                (ref, b, a) -> b != null && !changed(b, a, "/policyDocument") ? List.of()
                        : List.of(List.of("logs", "put-resource-policy", "--policy-name", text(a, "policyName"),
                        "--policy-document", compact(a.get("policyDocument")))));
        add("cloudwatch:PutMetricAlarm", List.of("/"), true, true, Phase.CONFIGURE, Renderers::metricAlarm);
        // AWS Config
        add("configservice:PutConfigurationRecorder", List.of("/name", "/roleARN", "/recordingGroup", "/recordingMode"),
                true, true, Phase.CONFIGURE, Renderers::recorder);
        modify("configservice:PutDeliveryChannel", Phase.CONFIGURE, (ref, b, a) -> {
            List<List<String>> out = new ArrayList<>();
            for (JsonNode ch : newElements(b.path("DeliveryChannels"), a.path("DeliveryChannels"), "name")) {
                out.add(deliveryChannel(ch));
            }
            return out;
        }, "/DeliveryChannels");
        modify("configservice:StartConfigurationRecorder", Phase.START, (ref, b, a) -> becameTrue(b, a, "/Status/recording")
                ? List.of(List.of("configservice", "start-configuration-recorder", "--configuration-recorder-name",
                text(a, "name"))) : List.of(), "/Status/recording");
        // EC2 flow logs
        add("ec2:CreateFlowLogs", List.of("/"), true, false, Phase.CONFIGURE, Renderers::flowLog);
        // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteFlowLogs.html
        add("ec2:DeleteFlowLogs", List.of("/"), false, false, Phase.DELETE, (ref, b, a) -> List.of(List.of("ec2",
                "delete-flow-logs", "--flow-log-ids", text(b, "FlowLogId").isEmpty() ? ref.id() : text(b, "FlowLogId"))));
        // Route 53
        modify("route53:CreateQueryLoggingConfig", Phase.CONFIGURE, (ref, b, a) -> {
            List<List<String>> out = new ArrayList<>();
            for (JsonNode q : newElements(b.path("QueryLoggingConfigs"), a.path("QueryLoggingConfigs"), "CloudWatchLogsLogGroupArn")) {
                out.add(List.of("route53", "create-query-logging-config", "--hosted-zone-id",
                        text(a, "Id").replaceFirst("^/hostedzone/", ""), "--cloud-watch-logs-log-group-arn",
                        q.path("CloudWatchLogsLogGroupArn").asText()));
            }
            return out;
        }, "/QueryLoggingConfigs");
        add("route53resolver:AssociateResolverQueryLogConfig", List.of("/"), true, false, Phase.CONFIGURE,
                (ref, b, a) -> List.of(List.of("route53resolver", "associate-resolver-query-log-config",
                        "--resolver-query-log-config-id", text(a, "ResolverQueryLogConfigId"), "--resource-id",
                        text(a, "ResourceId"))));
        // SNS
        add("sns:CreateTopic", List.of("/"), true, false, Phase.CREATE, (ref, b, a) -> {
            List<List<String>> out = new ArrayList<>();
            String arn = text(a, "TopicArn");
            out.add(List.of("sns", "create-topic", "--name", arn.substring(arn.lastIndexOf(':') + 1)));
            if (a.hasNonNull("Policy")) {
                out.add(List.of("sns", "set-topic-attributes", "--topic-arn", arn, "--attribute-name", "Policy",
                        "--attribute-value", compact(a.get("Policy"))));
            }
            return out;
        });
    }

    private static void bucketJson(String api, String field, String op, String option, Phase phase) {
        modify(api, phase, (ref, b, a) -> changed(b, a, field) && !a.at(field).isMissingNode()
                ? List.of(List.of("s3api", op, "--bucket", bucket(ref, a), option, compact(a.at(field))))
                : List.of(), field);
    }

    private static List<List<String>> updateTrail(ResourceRef ref, JsonNode b, JsonNode a) {
        List<String> w = new ArrayList<>(List.of("cloudtrail", "update-trail", "--name", trail(ref, a)));
        int base = w.size();
        value(b, a, "S3BucketName", "--s3-bucket-name", w);
        value(b, a, "S3KeyPrefix", "--s3-key-prefix", w);
        value(b, a, "SnsTopicARN", "--sns-topic-name", w);
        flag(b, a, "IncludeGlobalServiceEvents", "--include-global-service-events", w);
        flag(b, a, "IsMultiRegionTrail", "--is-multi-region-trail", w);
        flag(b, a, "LogFileValidationEnabled", "--enable-log-file-validation", w);
        if (changed(b, a, "/CloudWatchLogsLogGroupArn") || changed(b, a, "/CloudWatchLogsRoleArn")) {
            // the two are set together (update-trail refuses one without the other)
            w.add("--cloud-watch-logs-log-group-arn");
            w.add(text(a, "CloudWatchLogsLogGroupArn"));
            w.add("--cloud-watch-logs-role-arn");
            w.add(text(a, "CloudWatchLogsRoleArn"));
        }
        value(b, a, "KmsKeyId", "--kms-key-id", w);
        return w.size() == base ? List.of() : List.of(w);
    }

    private static List<List<String>> eventSelectors(ResourceRef ref, JsonNode b, JsonNode a) {
        boolean advanced = a.path("AdvancedEventSelectors").isArray() && !a.path("AdvancedEventSelectors").isEmpty();
        String field = advanced ? "/AdvancedEventSelectors" : "/EventSelectors";
        if (!changed(b, a, field)) {
            return List.of();
        }
        return List.of(List.of("cloudtrail", "put-event-selectors", "--trail-name", trail(ref, a),
                advanced ? "--advanced-event-selectors" : "--event-selectors", compact(a.at(field))));
    }

    private static List<List<String>> createTrail(ResourceRef ref, JsonNode b, JsonNode a) {
        List<String> w = new ArrayList<>(List.of("cloudtrail", "create-trail", "--name", text(a, "Name"),
                "--s3-bucket-name", text(a, "S3BucketName")));
        if (a.hasNonNull("S3KeyPrefix")) {
            w.addAll(List.of("--s3-key-prefix", text(a, "S3KeyPrefix")));
        }
        for (String[] f : new String[][] {{"IsMultiRegionTrail", "--is-multi-region-trail"},
                {"LogFileValidationEnabled", "--enable-log-file-validation"},
                {"IncludeGlobalServiceEvents", "--include-global-service-events"},
                {"IsOrganizationTrail", "--is-organization-trail"}}) {
            if (a.path(f[0]).asBoolean(false)) {
                w.add(f[1]);
            }
        }
        if (a.hasNonNull("KmsKeyId")) {
            w.addAll(List.of("--kms-key-id", text(a, "KmsKeyId")));
        }
        List<List<String>> out = new ArrayList<>();
        out.add(w);
        if (a.at("/Status/IsLogging").asBoolean(false)) {
            out.add(List.of("cloudtrail", "start-logging", "--name", text(a, "Name")));
        }
        return out;
    }

    private static List<List<String>> metricAlarm(ResourceRef ref, JsonNode b, JsonNode a) {
        if (b != null && b.equals(a)) {
            return List.of();
        }
        List<String> w = new ArrayList<>(List.of("cloudwatch", "put-metric-alarm", "--alarm-name", text(a, "AlarmName"),
                "--metric-name", text(a, "MetricName"), "--namespace", text(a, "Namespace"),
                "--statistic", text(a, "Statistic"), "--period", text(a, "Period"),
                "--evaluation-periods", text(a, "EvaluationPeriods"), "--threshold", text(a, "Threshold"),
                "--comparison-operator", text(a, "ComparisonOperator")));
        if (a.hasNonNull("TreatMissingData")) {
            w.addAll(List.of("--treat-missing-data", text(a, "TreatMissingData")));
        }
        // every existing action is kept: the after state holds them all
        for (String list : List.of("AlarmActions", "OKActions", "InsufficientDataActions")) {
            JsonNode acts = a.path(list);
            if (acts.isArray() && !acts.isEmpty()) {
                w.add("--" + kebab(list));
                acts.forEach(x -> w.add(x.asText()));
            }
        }
        return List.of(w);
    }

    private static List<List<String>> recorder(ResourceRef ref, JsonNode b, JsonNode a) {
        List<List<String>> out = new ArrayList<>();
        ObjectNode rec = pick(a, "name", "roleARN", "recordingGroup", "recordingMode");
        if (b == null || !pick(b, "name", "roleARN", "recordingGroup", "recordingMode").equals(rec)) {
            out.add(List.of("configservice", "put-configuration-recorder", "--configuration-recorder", compact(rec)));
        }
        if (b == null) {
            // a created recorder: its delivery channel and its start are part of the same creation
            for (JsonNode ch : a.path("DeliveryChannels")) {
                out.add(deliveryChannel(ch));
            }
            if (a.at("/Status/recording").asBoolean(false)) {
                out.add(List.of("configservice", "start-configuration-recorder", "--configuration-recorder-name",
                        text(a, "name")));
            }
        }
        return out;
    }

    private static List<String> deliveryChannel(JsonNode ch) {
        ObjectNode c = pick(ch, "name", "s3BucketName", "s3KeyPrefix", "s3KmsKeyArn", "snsTopicARN",
                "configSnapshotDeliveryProperties");
        return List.of("configservice", "put-delivery-channel", "--delivery-channel", compact(c));
    }

    private static List<List<String>> flowLog(ResourceRef ref, JsonNode b, JsonNode a) {
        String rid = text(a, "ResourceId");
        String type = rid.startsWith("subnet-") ? "Subnet" : rid.startsWith("eni-") ? "NetworkInterface" : "VPC";
        List<String> w = new ArrayList<>(List.of("ec2", "create-flow-logs", "--resource-type", type, "--resource-ids", rid,
                "--traffic-type", text(a, "TrafficType")));
        String dest = a.path("LogDestinationType").asText("cloud-watch-logs");
        w.addAll(List.of("--log-destination-type", dest));
        if (dest.equals("cloud-watch-logs")) {
            w.addAll(List.of("--log-group-name", text(a, "LogGroupName"), "--deliver-logs-permission-arn",
                    text(a, "DeliverLogsPermissionArn")));
        } else {
            w.addAll(List.of("--log-destination", text(a, "LogDestination")));
        }
        // a replacement keeps the format and aggregation interval of the flow log it replaces
        for (String[] f : new String[][] {{"LogFormat", "--log-format"}, {"MaxAggregationInterval", "--max-aggregation-interval"}}) {
            if (!text(a, f[0]).isEmpty()) {
                w.addAll(List.of(f[1], text(a, f[0])));
            }
        }
        return List.of(w);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void value(JsonNode b, JsonNode a, String field, String option, List<String> w) {
        if (changed(b, a, "/" + field) && a.hasNonNull(field)) {
            w.add(option);
            w.add(text(a, field));
        }
    }

    private static void flag(JsonNode b, JsonNode a, String field, String option, List<String> w) {
        if (changed(b, a, "/" + field) && a.has(field)) {
            w.add(a.path(field).asBoolean(false) ? option : "--no-" + option.substring(2));
        }
    }

    static boolean changed(JsonNode b, JsonNode a, String ptr) {
        return b == null || !Objects.equals(b.at(ptr), a.at(ptr));
    }

    private static boolean becameTrue(JsonNode b, JsonNode a, String ptr) {
        return a.at(ptr).asBoolean(false) && (b == null || !b.at(ptr).asBoolean(false));
    }

    /** The elements of {@code after} not equal to the element of {@code before} with the same key. */
    private static List<JsonNode> newElements(JsonNode before, JsonNode after, String key) {
        List<JsonNode> out = new ArrayList<>();
        if (!after.isArray()) {
            return out;
        }
        for (JsonNode x : after) {
            boolean same = false;
            if (before.isArray()) {
                for (JsonNode y : before) {
                    if (y.path(key).equals(x.path(key)) && y.equals(x)) {
                        same = true;
                    }
                }
            }
            if (!same) {
                out.add(x);
            }
        }
        return out;
    }

    private static ObjectNode pick(JsonNode n, String... fields) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        for (String f : fields) {
            if (n != null && n.hasNonNull(f)) {
                o.set(f, n.get(f));
            }
        }
        return o;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    static String compact(JsonNode n) {
        return n == null ? "" : n.toString();
    }

    private static String trail(ResourceRef ref, JsonNode a) {
        String arn = text(a, "TrailARN");
        return arn.isEmpty() ? ref.id() : arn;
    }

    private static String bucket(ResourceRef ref, JsonNode a) {
        String name = text(a, "Name");
        return name.isEmpty() ? ref.id().replaceFirst("^arn:aws[a-z-]*:s3:::", "") : name;
    }

    private static String key(ResourceRef ref, JsonNode a) {
        String arn = text(a, "Arn");
        return arn.isEmpty() ? ref.id() : arn;
    }

    /**
     * The key id, else the ARN: both name the key in its own account and region, and moto 5.2.1 resolves only the id
     * for CancelKeyDeletion and EnableKey.
     */
    private static String keyId(ResourceRef ref, JsonNode a) {
        String id = text(a, "KeyId");
        return id.isEmpty() ? key(ref, a) : id;
    }

    private static String kebab(String s) {
        return s.replaceAll("([a-z])([A-Z])", "$1-$2").replace("OKActions", "ok-actions").toLowerCase(java.util.Locale.ROOT)
                .replace("o-k-actions", "ok-actions");
    }

    /** For tests: an empty array node. */
    static ArrayNode emptyArray() {
        return Json.MAPPER.createArrayNode();
    }
}
