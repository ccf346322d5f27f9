package io.trailguard.aws.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.aws.collect.ProgressListener;
import io.trailguard.aws.collect.SnapshotCollector;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.PutEvaluationsResponse;

/**
 * The custom AWS Config rule: evaluates a Config rule invocation event with the rule pack and reports the
 * evaluations to Config with {@code PutEvaluations}.
 *
 * <ul>
 *   <li>{@code ConfigurationItemChangeNotification}: maps the item ({@link ConfigItemMapper}), collects the item's
 *       account and region with the live collectors for the related resources, overlays the item
 *       ({@link ItemOverlay}), evaluates the rules for the item's resource type and reports one evaluation for the
 *       item.</li>
 *   <li>{@code OversizedConfigurationItemChangeNotification}: reads the item with {@code GetResourceConfigHistory}
 *       first ({@link ConfigHistory}), then as above.</li>
 *   <li>{@code ScheduledNotification} (and the legacy {@code ConfigurationSnapshotDeliveryCompleted}): collects the
 *       account in the rule's region, reports every evaluated resource, and account-scope rules against the
 *       {@code AWS::::Account} resource.</li>
 *   <li>A deleted resource, or one that left the rule's scope, is NOT_APPLICABLE.</li>
 * </ul>
 *
 * <p>The event's fields are read by {@link ConfigRuleEvent}, its rule parameters by {@link RuleParameters}, findings
 * become evaluations by {@link EvaluationMapper}, and {@link PutEvaluationsBatches} sends them within Config's limits.
 *
 * <p>Thread-safe: one handler serves many invocations.
 *
 * @since 0.1.0
 */
public final class ConfigRuleHandler {
    /** The result token with which RDK-style local tests ask for {@code TestMode}. */
    public static final String TEST_MODE_TOKEN = "TESTMODE";

    /** The invoking-event message types the handler answers (the rule's trigger types). */
    public static final List<String> MESSAGE_TYPES = List.of("ConfigurationItemChangeNotification",
            "OversizedConfigurationItemChangeNotification", "ScheduledNotification");

    private final RulePack pack;
    private final ConfigRuleClients clients;
    private final String memberRoleName;

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
        this.clients = new ConfigRuleClients(Objects.requireNonNull(options, "options"));
        this.memberRoleName = memberRoleName == null || memberRoleName.isBlank() ? null : memberRoleName;
    }

    /** Evaluates the event and reports the evaluations to Config; returns what was reported. */
    public EvaluationPlan handle(JsonNode event) {
        return handle(event, null);
    }

    /**
     * As {@link #handle(JsonNode)}; {@code homeAccountId} is the function's own account, where no member role is
     * assumed ({@code null} when unknown: the role is then assumed for every account).
     */
    public EvaluationPlan handle(JsonNode event, String homeAccountId) {
        EvaluationPlan plan = evaluate(event, homeAccountId);
        put(plan);
        return plan;
    }

    /**
     * Evaluates the event without reporting (the oversized-item case still reads the item from Config).
     *
     * @throws IllegalArgumentException when the event or its rule parameters are malformed (the message starts with
     *                                  the JSON pointer of the bad field and says how)
     */
    public EvaluationPlan evaluate(JsonNode event) {
        return evaluate(event, null);
    }

    /** As {@link #evaluate(JsonNode)}, with the function's own account (see {@link #handle(JsonNode, String)}). */
    public EvaluationPlan evaluate(JsonNode event, String homeAccountId) {
        ConfigRuleEvent e = ConfigRuleEvent.parse(event);
        RuleParameters params = RuleParameters.parse(e.ruleParameters(), pack);
        String roleArn = e.memberRoleArn(memberRoleName, homeAccountId);
        CollectOptions opts = clients.options(roleArn, e.region());
        List<EvaluationResult> evs = switch (e.messageType()) {
            case "ConfigurationItemChangeNotification" -> change(e, e.invoking().path("configurationItem"), params, opts);
            case "OversizedConfigurationItemChangeNotification" -> oversized(e, params, opts);
            case "ScheduledNotification", "ConfigurationSnapshotDeliveryCompleted" -> scheduled(e.notificationTime(),
                    params, e.region(), opts);
            default -> throw new IllegalArgumentException("/invokingEvent/messageType: unsupported messageType '"
                    + e.messageType() + "': expected ConfigurationItemChangeNotification, "
                    + "OversizedConfigurationItemChangeNotification or ScheduledNotification");
        };
        return new EvaluationPlan(e.messageType(), e.resultToken(), e.testMode(), e.region(), roleArn, evs,
                params.warnings());
    }

    /** Sends the plan's evaluations to Config in batches within Config's limits. */
    public List<PutEvaluationsResponse> put(EvaluationPlan plan) {
        try (ConfigClient config = ConfigRuleClients.config(plan.region(),
                clients.options(plan.roleArn(), plan.region()))) {
            return PutEvaluationsBatches.send(config, plan);
        }
    }

    // ---- the three kinds of invocation ----

    private static List<EvaluationResult> change(ConfigRuleEvent e, JsonNode item, RuleParameters params,
                                                 CollectOptions opts) {
        if (item == null || !item.isObject()) {
            throw new IllegalArgumentException("/invokingEvent/configurationItem: the invoking event has no "
                    + "configuration item object");
        }
        ConfigItemMapper.Mapped m;
        try {
            m = ConfigItemMapper.map(item);
        } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException("/invokingEvent/configurationItem: " + x.getMessage(), x);
        }
        Instant when = m.captureTime() != null ? m.captureTime() : Instant.now();
        if (m.deleted()) {
            return List.of(EvaluationMapper.notApplicable(m.resourceType(), m.configResourceId(),
                    "The resource was deleted.", when));
        }
        if (e.leftScope()) {
            return List.of(EvaluationMapper.notApplicable(m.resourceType(), m.configResourceId(),
                    "The resource is no longer in the rule's scope.", when));
        }
        RulePack rules = params.pack().filter(r -> "resource".equals(r.scope())
                && r.resourceTypes().contains(m.resourceType()));
        if (rules.size() == 0 || m.resource() == null) {
            return List.of(EvaluationMapper.notApplicable(m.resourceType(), m.configResourceId(),
                    "No trailguard rule evaluates " + m.resourceType() + ".", when));
        }
        String itemRegion = m.region() != null && !m.region().equals("global") ? m.region() : e.region();
        ObjectNode snap = collect(opts.withRegions(List.of(itemRegion)));
        ItemOverlay.overlay(snap, m);
        ScanResult result = params.engineFor(rules).scan(rules, Snapshot.parse(snap.toString(), "AWS Config item "
                + m.configResourceId() + " with live collection"));
        List<Finding> mine = result.findings().stream().filter(f -> f.resource().type().equals(m.resourceType())
                && f.resource().id().equals(m.snapshotId())).toList();
        return List.of(EvaluationMapper.evaluation(m.resourceType(), m.configResourceId(), mine, params.unknownAs(),
                when));
    }

    private static List<EvaluationResult> scheduled(Instant when, RuleParameters params, String region,
                                                    CollectOptions opts) {
        ObjectNode snap = collect(opts.withRegions(List.of(region)));
        Map<String, JsonNode> confs = new LinkedHashMap<>();
        snap.path("resources").forEach(r -> confs.put(r.path("type").asText() + "|" + r.path("id").asText(),
                r.path("configuration")));
        Engine engine = params.engineFor(params.pack());
        ScanResult result = engine.scan(params.pack(), Snapshot.parse(snap.toString(), "live collection of " + region));
        Map<String, List<Finding>> byResource = new LinkedHashMap<>();
        Map<String, String[]> ids = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            ResourceRef r = f.resource();
            if (!r.region().equals(region) && !r.region().equals("global") && !EvaluationMapper.isAccount(r.type())) {
                continue; // reported by the rule in that region
            }
            String[] id = EvaluationMapper.configId(r, confs.get(r.type() + "|" + r.id()));
            String key = id[0] + "|" + id[1];
            ids.putIfAbsent(key, id);
            byResource.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        List<EvaluationResult> out = new ArrayList<>();
        byResource.forEach((k, fs) -> out.add(EvaluationMapper.evaluation(ids.get(k)[0], ids.get(k)[1], fs,
                params.unknownAs(), when)));
        return out;
    }

    /**
     * An oversized notification: the item is read with GetResourceConfigHistory, as a scheduled run reads resources.
     * When Config has not discovered the resource yet (ResourceNotDiscoveredException, or no item in its history) the
     * evaluation fails closed: {@code unknownAs} (NON_COMPLIANT by default) with an annotation saying it could not be
     * read; the next change notification or scheduled run evaluates it again.
     */
    private static List<EvaluationResult> oversized(ConfigRuleEvent e, RuleParameters params, CollectOptions opts) {
        JsonNode summary = e.invoking().path("configurationItemSummary");
        JsonNode item;
        try (ConfigClient config = ConfigRuleClients.config(summary.path("awsRegion").asText(e.region()), opts)) {
            item = ConfigHistory.latestItem(config, summary);
        } catch (ConfigHistory.NotReadable x) {
            Instant when = ConfigJson.instant(summary.path("configurationItemCaptureTime"));
            return List.of(new EvaluationResult(summary.path("resourceType").asText(),
                    summary.path("resourceId").asText(), params.unknownAs(), Annotations.cut("trailguard could not "
                    + "read this resource: the notification was oversized and AWS Config has no item for it yet ("
                    + x.getMessage() + "); it is evaluated again on its next change or scheduled run."),
                    when != null ? when : Instant.now()));
        }
        return change(e, item, params, opts);
    }

    private static ObjectNode collect(CollectOptions o) {
        return SnapshotCollector.collect(o, ProgressListener.NONE);
    }
}
