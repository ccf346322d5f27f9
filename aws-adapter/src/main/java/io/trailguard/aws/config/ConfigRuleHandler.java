package io.trailguard.aws.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.aws.collect.ProgressListener;
import io.trailguard.aws.collect.SnapshotCollector;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.RuleInfo;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.ConfigClientBuilder;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.ConfigurationItem;
import software.amazon.awssdk.services.config.model.Evaluation;
import software.amazon.awssdk.services.config.model.GetResourceConfigHistoryResponse;
import software.amazon.awssdk.services.config.model.PutEvaluationsResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The custom AWS Config rule: evaluates a Config rule invocation event with the rule pack and reports the
 * evaluations to Config with {@code PutEvaluations}.
 *
 * <ul>
 *   <li>{@code ConfigurationItemChangeNotification}: maps the item ({@link ConfigItemMapper}), collects the item's
 *       account and region with the live collectors for the related resources, overlays the item, evaluates the
 *       rules for the item's resource type and reports one evaluation for the item.</li>
 *   <li>{@code OversizedConfigurationItemChangeNotification}: reads the item with {@code GetResourceConfigHistory}
 *       first, then as above.</li>
 *   <li>{@code ScheduledNotification} (and the legacy {@code ConfigurationSnapshotDeliveryCompleted}): collects the
 *       account in the rule's region, reports every evaluated resource, and account-scope rules against the
 *       {@code AWS::::Account} resource.</li>
 *   <li>A deleted resource, or one that left the rule's scope, is NOT_APPLICABLE.</li>
 * </ul>
 *
 * <p>Findings become evaluations: PASS → COMPLIANT, FAIL → NON_COMPLIANT, NOT_APPLICABLE → NOT_APPLICABLE, and
 * UNKNOWN → NON_COMPLIANT with an annotation starting {@code UNKNOWN:} (fail closed), or NOT_APPLICABLE with the rule
 * parameter {@code unknownAs: NOT_APPLICABLE}. Several rules on one resource give one evaluation: the worst.
 *
 * <p>Rule parameters ({@code ruleParameters}): {@code rules} (comma-separated rule ids; all when absent),
 * {@code unknownAs}, and any rule parameter ({@code name} or {@code RULE-ID.name}) passed to
 * {@link Engine#withParams}. Keys that name no parameter of the selected rules are reported as warnings.
 *
 * <p>Thread-safe: one handler serves many invocations.
 *
 * @since 0.1.0
 */
public final class ConfigRuleHandler {
    /** Config's limit on an annotation (API Evaluation: StringWithCharLimit256). */
    public static final int MAX_ANNOTATION = 256;
    /** Config's limit on evaluations per {@code PutEvaluations} call. */
    public static final int MAX_EVALUATIONS_PER_CALL = 100;
    /** The result token with which RDK-style local tests ask for {@code TestMode}. */
    public static final String TEST_MODE_TOKEN = "TESTMODE";

    /** The invoking-event message types the handler answers (the rule's trigger types). */
    public static final List<String> MESSAGE_TYPES = List.of("ConfigurationItemChangeNotification",
            "OversizedConfigurationItemChangeNotification", "ScheduledNotification");

    /** Compliance as Config accepts it from a rule. */
    public enum Compliance { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE }

    /**
     * One evaluation to report.
     *
     * @param resourceType Config resource type ({@code AWS::::Account} for account-scope rules)
     * @param resourceId   Config resource id
     * @param annotation   at most {@value #MAX_ANNOTATION} characters, or {@code null}
     */
    public record EvaluationResult(String resourceType, String resourceId, Compliance compliance, String annotation,
                                   Instant orderingTimestamp) {
        public EvaluationResult {
            Objects.requireNonNull(resourceType, "resourceType");
            Objects.requireNonNull(resourceId, "resourceId");
            Objects.requireNonNull(compliance, "compliance");
            Objects.requireNonNull(orderingTimestamp, "orderingTimestamp");
        }
    }

    /**
     * What one invocation reports.
     *
     * @param messageType the invoking event's message type
     * @param resultToken the token to report with
     * @param testMode    whether {@code PutEvaluations} is sent with {@code TestMode}
     * @param region      the rule's region (where the evaluations are put)
     * @param roleArn     the member-account role assumed for reading and reporting, or {@code null}
     * @param warnings    what was ignored (rule parameters that name no rule parameter, …)
     */
    public record Plan(String messageType, String resultToken, boolean testMode, String region, String roleArn,
                       List<EvaluationResult> evaluations, List<String> warnings) {
        public Plan {
            evaluations = List.copyOf(evaluations);
            warnings = List.copyOf(warnings);
        }

        /** The {@code PutEvaluations} request bodies (JSON 1.1), in batches of at most 100 evaluations. */
        public List<ObjectNode> requests() {
            List<ObjectNode> out = new ArrayList<>();
            for (List<EvaluationResult> batch : batches(evaluations)) {
                ObjectNode r = ConfigItemMapper.F.objectNode();
                ArrayNode evs = r.putArray("Evaluations");
                for (EvaluationResult e : batch) {
                    ObjectNode n = evs.addObject();
                    n.put("ComplianceResourceType", e.resourceType());
                    n.put("ComplianceResourceId", e.resourceId());
                    n.put("ComplianceType", e.compliance().name());
                    if (e.annotation() != null) {
                        n.put("Annotation", e.annotation());
                    }
                    // epoch seconds, as the SDK's JSON 1.1 marshaller writes timestamps
                    n.put("OrderingTimestamp", BigDecimal.valueOf(e.orderingTimestamp().toEpochMilli(), 3));
                }
                r.put("ResultToken", resultToken);
                if (testMode) {
                    r.put("TestMode", true);
                }
                out.add(r);
            }
            return out;
        }
    }

    private final RulePack pack;
    private final CollectOptions options;
    private final String memberRoleName;
    private final Map<String, AwsCredentialsProvider> memberCredentials = new ConcurrentHashMap<>();

    /**
     * A handler over a rule pack that collects related resources with {@code options} (credentials, endpoint,
     * timeouts; the regions are set per invocation) and reports to Config with the same credentials and endpoint.
     */
    public ConfigRuleHandler(RulePack pack, CollectOptions options) {
        this(pack, options, null);
    }

    /**
     * As {@link #ConfigRuleHandler(RulePack, CollectOptions)}, for an organisation rule whose function runs in one
     * account: for an event of another account, the handler assumes {@code memberRoleName} in that account (the event's
     * {@code accountId}) to read its resources and put its evaluations.
     *
     * @param memberRoleName the role name in member accounts, or {@code null} to use the function's own credentials
     */
    public ConfigRuleHandler(RulePack pack, CollectOptions options, String memberRoleName) {
        this.pack = Objects.requireNonNull(pack, "pack");
        this.options = Objects.requireNonNull(options, "options");
        this.memberRoleName = memberRoleName == null || memberRoleName.isBlank() ? null : memberRoleName;
    }

    /** Evaluates the event and reports the evaluations to Config; returns what was reported. */
    public Plan handle(JsonNode event) {
        return handle(event, null);
    }

    /**
     * As {@link #handle(JsonNode)}; {@code homeAccountId} is the function's own account, where no member role is
     * assumed ({@code null} when unknown: the role is then assumed for every account).
     */
    public Plan handle(JsonNode event, String homeAccountId) {
        Plan plan = evaluate(event, homeAccountId);
        put(plan);
        return plan;
    }

    /**
     * Evaluates the event without reporting (the oversized-item case still reads the item from Config).
     *
     * @throws IllegalArgumentException when the event or its rule parameters are malformed (the message says how)
     */
    public Plan evaluate(JsonNode event) {
        return evaluate(event, null);
    }

    /** As {@link #evaluate(JsonNode)}, with the function's own account (see {@link #handle(JsonNode, String)}). */
    public Plan evaluate(JsonNode event, String homeAccountId) {
        JsonNode invoking = jsonField(event, "invokingEvent");
        Params params = params(jsonField(event, "ruleParameters"));
        String messageType = invoking.path("messageType").asText("");
        String token = event.path("resultToken").asText(TEST_MODE_TOKEN);
        boolean testMode = TEST_MODE_TOKEN.equals(token) || event.path("testMode").asBoolean(false);
        String region = region(event, invoking);
        String account = event.path("accountId").asText(null);
        String roleArn = memberRoleName == null || account == null || !account.matches("\\d{12}")
                || account.equals(homeAccountId) ? null
                : "arn:" + partition(event) + ":iam::" + account + ":role/" + memberRoleName;
        CollectOptions opts = roleArn == null ? options
                : options.withCredentialsProvider(memberCredentials.computeIfAbsent(roleArn, a -> assume(a, region)));
        List<String> warnings = new ArrayList<>(params.warnings);
        List<EvaluationResult> evs = switch (messageType) {
            case "ConfigurationItemChangeNotification" -> change(event, invoking.path("configurationItem"),
                    params, region, opts);
            case "OversizedConfigurationItemChangeNotification" -> oversized(event,
                    invoking.path("configurationItemSummary"), params, region, opts);
            case "ScheduledNotification", "ConfigurationSnapshotDeliveryCompleted" -> scheduled(
                    time(invoking.path("notificationCreationTime")), params, region, opts);
            default -> throw new IllegalArgumentException("/invokingEvent/messageType: unsupported messageType '" + messageType + "': expected "
                    + "ConfigurationItemChangeNotification, OversizedConfigurationItemChangeNotification or "
                    + "ScheduledNotification");
        };
        return new Plan(messageType, token, testMode, region, roleArn, evs, warnings);
    }

    /** Sends the plan's evaluations to Config in batches within Config's limits. */
    public List<PutEvaluationsResponse> put(Plan plan) {
        List<PutEvaluationsResponse> out = new ArrayList<>();
        CollectOptions opts = plan.roleArn() == null ? options : options.withCredentialsProvider(
                memberCredentials.computeIfAbsent(plan.roleArn(), a -> assume(a, plan.region())));
        try (ConfigClient config = client(plan.region(), opts)) {
            for (List<EvaluationResult> batch : batches(plan.evaluations())) {
                List<Evaluation> evs = batch.stream().map(e -> Evaluation.builder()
                        .complianceResourceType(e.resourceType())
                        .complianceResourceId(e.resourceId())
                        .complianceType(ComplianceType.fromValue(e.compliance().name()))
                        .annotation(e.annotation())
                        .orderingTimestamp(e.orderingTimestamp())
                        .build()).toList();
                out.add(config.putEvaluations(b -> b.evaluations(evs).resultToken(plan.resultToken())
                        .testMode(plan.testMode() ? Boolean.TRUE : null)));
            }
        }
        return out;
    }

    // ---- the three kinds of invocation ----

    private List<EvaluationResult> change(JsonNode event, JsonNode item, Params params, String region,
                                          CollectOptions opts) {
        if (item == null || !item.isObject()) {
            throw new IllegalArgumentException("/invokingEvent/configurationItem: the invoking event has no configuration item object");
        }
        ConfigItemMapper.Mapped m;
        try {
            m = ConfigItemMapper.map(item);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("/invokingEvent/configurationItem: " + e.getMessage(), e);
        }
        Instant when = m.captureTime() != null ? m.captureTime() : Instant.now();
        if (m.deleted()) {
            return List.of(new EvaluationResult(m.resourceType(), m.configResourceId(), Compliance.NOT_APPLICABLE,
                    "The resource was deleted.", when));
        }
        if (event.path("eventLeftScope").asBoolean(false)) {
            return List.of(new EvaluationResult(m.resourceType(), m.configResourceId(), Compliance.NOT_APPLICABLE,
                    "The resource is no longer in the rule's scope.", when));
        }
        RulePack rules = params.pack.filter(r -> "resource".equals(r.scope())
                && r.resourceTypes().contains(m.resourceType()));
        if (rules.size() == 0 || m.resource() == null) {
            return List.of(new EvaluationResult(m.resourceType(), m.configResourceId(), Compliance.NOT_APPLICABLE,
                    "No trailguard rule evaluates " + m.resourceType() + ".", when));
        }
        String itemRegion = m.region() != null && !m.region().equals("global") ? m.region() : region;
        ObjectNode snap = collect(opts.withRegions(List.of(itemRegion)));
        overlay(snap, m);
        ScanResult result = engine(params, rules).scan(rules, Snapshot.parse(snap.toString(), "AWS Config item "
                + m.configResourceId() + " with live collection"));
        List<Finding> mine = result.findings().stream().filter(f -> f.resource().type().equals(m.resourceType())
                && f.resource().id().equals(m.snapshotId())).toList();
        return List.of(evaluation(m.resourceType(), m.configResourceId(), mine, params, when));
    }

    private List<EvaluationResult> scheduled(Instant when, Params params, String region, CollectOptions opts) {
        ObjectNode snap = collect(opts.withRegions(List.of(region)));
        Map<String, JsonNode> confs = new LinkedHashMap<>();
        snap.path("resources").forEach(r -> confs.put(r.path("type").asText() + "|" + r.path("id").asText(),
                r.path("configuration")));
        ScanResult result = engine(params, params.pack).scan(params.pack, Snapshot.parse(snap.toString(),
                "live collection of " + region));
        Map<String, List<Finding>> byResource = new LinkedHashMap<>();
        Map<String, String[]> ids = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            ResourceRef r = f.resource();
            if (!r.region().equals(region) && !r.region().equals("global") && !isAccount(r.type())) {
                continue; // reported by the rule in that region
            }
            String[] id = configId(r, confs.get(r.type() + "|" + r.id()));
            String key = id[0] + "|" + id[1];
            ids.putIfAbsent(key, id);
            byResource.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        List<EvaluationResult> out = new ArrayList<>();
        byResource.forEach((k, fs) -> out.add(evaluation(ids.get(k)[0], ids.get(k)[1], fs, params, when)));
        return out;
    }

    /**
     * An oversized notification: the item is read with GetResourceConfigHistory, as a scheduled run reads resources.
     * When Config has not discovered the resource yet (ResourceNotDiscoveredException, or no item in its history) the
     * evaluation fails closed: {@code unknownAs} (NON_COMPLIANT by default) with an annotation saying it could not be
     * read; the next change notification or scheduled run evaluates it again.
     */
    private List<EvaluationResult> oversized(JsonNode event, JsonNode summary, Params params, String region,
                                             CollectOptions opts) {
        JsonNode item;
        try {
            item = history(summary, region, opts);
        } catch (software.amazon.awssdk.services.config.model.ResourceNotDiscoveredException | NotInHistory e) {
            String type = summary.path("resourceType").asText();
            String id = summary.path("resourceId").asText();
            Instant when = ConfigItemMapper.instant(summary.path("configurationItemCaptureTime"));
            return List.of(new EvaluationResult(type, id, params.unknownAs, annotation("trailguard could not read "
                    + "this resource: the notification was oversized and AWS Config has no item for it yet ("
                    + (e instanceof NotInHistory ? "empty GetResourceConfigHistory" : "ResourceNotDiscoveredException")
                    + "); it is evaluated again on its next change or scheduled run."), when != null ? when : Instant.now()));
        }
        return change(event, item, params, region, opts);
    }

    /** GetResourceConfigHistory answered no item for the resource. */
    private static final class NotInHistory extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotInHistory(String message) {
            super(message);
        }
    }

    private ConfigurationItem historyItem(JsonNode summary, String region, CollectOptions opts) {
        String type = summary.path("resourceType").asText(null);
        String id = summary.path("resourceId").asText(null);
        if (type == null || id == null) {
            throw new IllegalArgumentException("/invokingEvent/configurationItemSummary: the oversized notification's summary needs "
                    + "resourceType and resourceId");
        }
        try (ConfigClient config = client(summary.path("awsRegion").asText(region), opts)) {
            GetResourceConfigHistoryResponse r = config.getResourceConfigHistory(b -> b.resourceType(type)
                    .resourceId(id).limit(1));
            if (r.configurationItems().isEmpty()) {
                throw new NotInHistory("GetResourceConfigHistory returned no item for " + type + " " + id);
            }
            return r.configurationItems().get(0);
        }
    }

    private JsonNode history(JsonNode summary, String region, CollectOptions opts) {
        ConfigurationItem ci = historyItem(summary, region, opts);
        ObjectNode o = ConfigItemMapper.F.objectNode();
        o.put("version", ci.version());
        o.put("accountId", ci.accountId());
        if (ci.configurationItemCaptureTime() != null) {
            o.put("configurationItemCaptureTime", ci.configurationItemCaptureTime().toString());
        }
        o.put("configurationItemStatus", ci.configurationItemStatusAsString());
        o.put("configurationStateId", ci.configurationStateId());
        o.put("arn", ci.arn());
        o.put("resourceType", ci.resourceTypeAsString());
        o.put("resourceId", ci.resourceId());
        o.put("resourceName", ci.resourceName());
        o.put("awsRegion", ci.awsRegion());
        o.set("configuration", ci.configuration() == null ? null
                : ConfigItemMapper.parsed(ConfigItemMapper.F.textNode(ci.configuration())));
        ObjectNode supp = o.putObject("supplementaryConfiguration");
        ci.supplementaryConfiguration().forEach(supp::put);
        return o;
    }

    // ---- findings → evaluations ----

    private static EvaluationResult evaluation(String type, String id, List<Finding> fs, Params params,
                                               Instant when) {
        List<String> fails = new ArrayList<>();
        List<String> failIds = new ArrayList<>();
        List<String> unknownIds = new ArrayList<>();
        List<String> unknowns = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        for (Finding f : fs) {
            if (f.status() == io.trailguard.core.Status.FAIL) {
                failIds.add(f.ruleId());
            } else if (f.status() == io.trailguard.core.Status.UNKNOWN) {
                unknownIds.add(f.ruleId());
            }
            switch (f.status()) {
                case FAIL -> fails.add(f.ruleId() + ": " + f.message());
                case UNKNOWN -> unknowns.add(f.ruleId() + ": " + f.unknown().detail());
                case PASS -> passes.add(f.ruleId() + ": " + f.message());
                case NOT_APPLICABLE -> { }
            }
        }
        Compliance c;
        String text;
        if (!fails.isEmpty()) {
            c = Compliance.NON_COMPLIANT;
            List<String> parts = new ArrayList<>(fails);
            if (!unknowns.isEmpty()) {
                parts.add("UNKNOWN: " + String.join("; ", unknowns));
            }
            // With several outcomes the 256 characters go first to which rules failed or could not decide.
            text = failIds.size() + unknownIds.size() == 1 ? String.join("; ", parts)
                    : String.join(", ", failIds) + " fail" + (unknownIds.isEmpty() ? "" : "; UNKNOWN: "
                    + String.join(", ", unknownIds)) + ". " + String.join("; ", parts);
        } else if (!unknowns.isEmpty() && params.unknownAs == Compliance.NON_COMPLIANT) {
            c = Compliance.NON_COMPLIANT;
            text = "UNKNOWN: " + String.join("; ", unknowns);
        } else if (!passes.isEmpty()) {
            c = Compliance.COMPLIANT;
            text = String.join("; ", passes);
        } else if (!unknowns.isEmpty()) {
            c = Compliance.NOT_APPLICABLE;
            text = "UNKNOWN: " + String.join("; ", unknowns);
        } else {
            c = Compliance.NOT_APPLICABLE;
            text = fs.isEmpty() ? "No trailguard rule applies to this resource." : "No selected rule applies.";
        }
        return new EvaluationResult(type, id, c, annotation(text), when);
    }

    /** Cuts a text to Config's annotation limit, without splitting a surrogate pair, marking the cut with "…". */
    public static String annotation(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String t = text.replaceAll("\\s+", " ").trim();
        if (t.length() <= MAX_ANNOTATION) {
            return t;
        }
        int end = MAX_ANNOTATION - 1;
        if (Character.isHighSurrogate(t.charAt(end - 1))) {
            end--;
        }
        return t.substring(0, end) + "…";
    }

    private static boolean isAccount(String type) {
        return type.equals(ResourceRef.ACCOUNT_TYPE) || type.equals(ResourceRef.REGION_TYPE);
    }

    /** Config's resource type and id for a snapshot resource. */
    static String[] configId(ResourceRef r, JsonNode conf) {
        if (isAccount(r.type())) {
            return new String[] {ResourceRef.ACCOUNT_TYPE, r.accountId()};
        }
        JsonNode c = conf == null ? ConfigItemMapper.F.objectNode() : conf;
        String id = r.id();
        String cid = switch (r.type()) {
            case "AWS::S3::Bucket" -> id.substring(id.lastIndexOf(':') + 1);
            case "AWS::KMS::Key" -> id.substring(id.lastIndexOf('/') + 1);
            case "AWS::CloudTrail::Trail" -> id.substring(id.lastIndexOf('/') + 1); // Config's id is the name
            case "AWS::IAM::Role" -> c.path("RoleId").asText(id);
            case "AWS::Route53::HostedZone" -> id.substring(id.lastIndexOf('/') + 1);
            case "AWS::CloudWatch::Alarm" -> c.path("AlarmName").asText(id);
            case "AWS::Logs::LogGroup" -> c.path("logGroupName").asText(id);
            case "AWS::Config::ConfigurationRecorder" -> c.path("name").asText(id);
            default -> id;
        };
        return new String[] {r.type(), cid};
    }

    static List<List<EvaluationResult>> batches(List<EvaluationResult> evs) {
        List<List<EvaluationResult>> out = new ArrayList<>();
        for (int i = 0; i < evs.size(); i += MAX_EVALUATIONS_PER_CALL) {
            out.add(evs.subList(i, Math.min(evs.size(), i + MAX_EVALUATIONS_PER_CALL)));
        }
        return out;
    }

    // ---- overlay of the item on the collected snapshot ----

    /**
     * Puts the mapped item into the collected snapshot: the item's fields win over the collected ones; fields Config
     * does not record keep the collected values, or stay unknown when the collection has no such resource.
     */
    static void overlay(ObjectNode snap, ConfigItemMapper.Mapped m) {
        ArrayNode resources = (ArrayNode) snap.path("resources");
        ObjectNode existing = null;
        for (JsonNode r : resources) {
            if (r.path("type").asText().equals(m.resourceType()) && r.path("id").asText().equals(m.snapshotId())) {
                existing = (ObjectNode) r;
                break;
            }
        }
        if (existing != null) {
            ObjectNode conf = (ObjectNode) existing.path("configuration");
            m.resource().path("configuration").fields().forEachRemaining(e -> conf.set(e.getKey(), e.getValue()));
        } else {
            resources.add(m.resource());
            ArrayNode errors = snap.has("errors") ? (ArrayNode) snap.get("errors") : snap.putArray("errors");
            m.errors().forEach(errors::add);
            ArrayNode accounts = (ArrayNode) snap.path("accounts");
            boolean known = false;
            for (JsonNode a : accounts) {
                known |= (a.isTextual() ? a.asText() : a.path("id").asText()).equals(m.accountId());
            }
            if (!known && m.accountId() != null) {
                accounts.add(m.accountId());
            }
        }
    }

    // ---- parameters and event fields ----

    private record Params(RulePack pack, Map<String, String> engineParams, Compliance unknownAs,
                          List<String> warnings) {
    }

    private Params params(JsonNode raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null && raw.isObject()) {
            raw.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isValueNode()
                    ? e.getValue().asText() : e.getValue().toString()));
        }
        RulePack selected = pack;
        String ruleList = values.remove("rules");
        if (ruleList != null) {
            Set<String> ids = new LinkedHashSet<>();
            for (String s : ruleList.split(",")) {
                if (!s.isBlank()) {
                    ids.add(s.trim());
                }
            }
            if (ids.isEmpty()) {
                // an empty selection would evaluate nothing and report nothing: say so instead of passing silently
                throw new IllegalArgumentException("/ruleParameters/rules: '" + ruleList + "' names no rule; give rule "
                        + "ids separated by commas (e.g. the ids 'trailguard rules list' prints), or leave 'rules' out "
                        + "for every rule");
            }
            Set<String> unknown = new LinkedHashSet<>(ids);
            pack.rules().forEach(r -> unknown.remove(r.id()));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("/ruleParameters/rules: names unknown rule(s) " + unknown
                        + "; known: " + pack.rules().stream().map(RuleInfo::id).toList());
            }
            selected = pack.filter(r -> ids.contains(r.id()));
        }
        Compliance unknownAs = Compliance.NON_COMPLIANT;
        String ua = values.remove("unknownAs");
        if (ua != null) {
            String v = ua.trim().toUpperCase(Locale.ROOT);
            if (v.equals("NOT_APPLICABLE")) {
                unknownAs = Compliance.NOT_APPLICABLE;
            } else if (!v.equals("NON_COMPLIANT")) {
                throw new IllegalArgumentException("/ruleParameters/unknownAs: expected NON_COMPLIANT or "
                        + "NOT_APPLICABLE, found '" + ua + "'");
            }
        }
        Set<String> known = new HashSet<>();
        for (RuleInfo r : selected.rules()) {
            for (RuleInfo.Param p : r.params()) {
                known.add(p.name());
                known.add(r.id() + "." + p.name());
            }
        }
        Map<String, String> engineParams = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        values.forEach((k, v) -> {
            if (known.contains(k)) {
                engineParams.put(k, v);
            } else {
                warnings.add("rule parameter '" + k + "' names no parameter of the selected rules; ignored");
            }
        });
        return new Params(selected, engineParams, unknownAs, warnings);
    }

    private static Engine engine(Params params, RulePack rules) {
        Set<String> known = new HashSet<>();
        for (RuleInfo r : rules.rules()) {
            for (RuleInfo.Param p : r.params()) {
                known.add(p.name());
                known.add(r.id() + "." + p.name());
            }
        }
        Map<String, String> mine = new LinkedHashMap<>();
        params.engineParams.forEach((k, v) -> {
            if (known.contains(k)) {
                mine.put(k, v);
            }
        });
        // Config has a NOT_APPLICABLE compliance type: a resource no selected rule applies to is reported as such
        return Engine.withParams(mine).keepingNotApplicable();
    }

    /** A field that Config sends as a JSON string (invokingEvent, ruleParameters), parsed. */
    private static JsonNode jsonField(JsonNode event, String field) {
        JsonNode v = event.get(field);
        if (v == null || v.isNull()) {
            if (field.equals("invokingEvent")) {
                throw new IllegalArgumentException("/invokingEvent: missing: not a Config rule event");
            }
            return ConfigItemMapper.F.objectNode();
        }
        if (v.isTextual()) {
            try {
                JsonNode parsed = ConfigItemMapper.JSON.readTree(v.asText());
                if (parsed == null || !parsed.isObject()) {
                    throw new IllegalArgumentException("/" + field + ": expected a JSON object (as a string), found "
                            + (parsed == null ? "nothing" : parsed.getNodeType().name().toLowerCase(Locale.ROOT)));
                }
                return parsed;
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("/" + field + ": not valid JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("/" + field + ": expected a JSON object, found "
                    + v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return v;
    }

    private static String region(JsonNode event, JsonNode invoking) {
        String arn = event.path("configRuleArn").asText("");
        String[] parts = arn.split(":");
        if (parts.length > 3 && !parts[3].isEmpty()) {
            return parts[3];
        }
        String env = System.getenv("AWS_REGION");
        if (env != null && !env.isBlank()) {
            return env;
        }
        String r = invoking.path("configurationItem").path("awsRegion").asText(null);
        return r != null ? r : invoking.path("configurationItemSummary").path("awsRegion").asText("us-east-1");
    }

    private static Instant time(JsonNode v) {
        Instant i = ConfigItemMapper.instant(v);
        if (i == null && !v.isMissingNode() && !v.isNull()) {
            throw new IllegalArgumentException("/invokingEvent/notificationCreationTime: not an ISO 8601 time: " + v);
        }
        return i != null ? i : Instant.now();
    }

    private static ObjectNode collect(CollectOptions o) {
        return SnapshotCollector.collect(o, ProgressListener.NONE);
    }

    private static AwsCredentialsProvider base(CollectOptions o) {
        return o.credentialsProvider() != null ? o.credentialsProvider()
                : o.profile() != null ? ProfileCredentialsProvider.builder().profileName(o.profile()).build()
                : DefaultCredentialsProvider.builder().build();
    }

    private static ConfigClient client(String region, CollectOptions o) {
        ConfigClientBuilder b = ConfigClient.builder().region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(base(o));
        if (o.endpointOverride() != null) {
            b.endpointOverride(o.endpointOverride());
        }
        return b.build();
    }

    /** Credentials of a member-account role, refreshed by STS as they expire; kept for later invocations. */
    private AwsCredentialsProvider assume(String roleArn, String region) {
        StsClientBuilder sb = StsClient.builder().region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(base(options));
        if (options.endpointOverride() != null) {
            sb.endpointOverride(options.endpointOverride());
        }
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sb.build())
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("trailguard-config-rule"))
                .asyncCredentialUpdateEnabled(false).build();
    }

    private static String partition(JsonNode event) {
        String[] p = event.path("configRuleArn").asText("").split(":");
        return p.length > 1 && !p[1].isEmpty() ? p[1] : "aws";
    }
}
