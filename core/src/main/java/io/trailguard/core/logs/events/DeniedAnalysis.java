package io.trailguard.core.logs.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is being refused, and who tried to blind us. Fed every event (thread-safe), it keeps (1) every refused call —
 * {@code errorCode} {@code AccessDenied*} or {@code *UnauthorizedOperation}, the CIS "unauthorized API calls"
 * definition (CIS AWS Foundations Benchmark 4.1 / Security Hub CloudWatch.2 metric filter) — grouped by principal,
 * action, resource and source IP with counts and first/last time; (2) principals refused in at least
 * {@code probeServices} services or {@code probeAccounts} accounts, flagged as probing; (3) every attempt, allowed or
 * refused, on the audit pipeline itself ({@link AuditActions}), where with a snapshot ({@link AuditScope}) bucket,
 * object and key operations count only on the organisation's log buckets and keys.
 *
 * @since 0.2.0
 */
public final class DeniedAnalysis {
    private final AuditScope scope;
    private final int probeServices;
    private final int probeAccounts;
    private final Map<List<String>, Group> groups = new HashMap<>();
    private final Map<String, Probe> probes = new HashMap<>();
    private final List<PipelineAttempt> attempts = new ArrayList<>();
    private long events;

    /**
     * @param probeServices a principal refused in this many distinct services or more is probing
     * @param probeAccounts a principal refused in this many distinct accounts or more is probing
     */
    public DeniedAnalysis(AuditScope scope, int probeServices, int probeAccounts) {
        if (probeServices < 1 || probeAccounts < 1) {
            throw new IllegalArgumentException("probing thresholds must be at least 1");
        }
        this.scope = Objects.requireNonNull(scope);
        this.probeServices = probeServices;
        this.probeAccounts = probeAccounts;
    }

    /** Whether the event was refused (CIS: {@code AccessDenied*} or {@code *UnauthorizedOperation}). */
    public static boolean refused(CloudTrailEvent e) {
        String c = e.errorCode();
        return c != null && (c.startsWith("AccessDenied") || c.endsWith("UnauthorizedOperation"));
    }

    /** Refused calls of one principal, action, resource and source IP. */
    public record DeniedGroup(String principal, String action, String resource, String sourceIp, long count,
            Instant first, Instant last, Set<String> errorCodes) {
    }

    /** A principal refused across many services or accounts. */
    public record Prober(String principal, long refused, Set<String> services, Set<String> accounts) {
    }

    /**
     * A call on the audit pipeline: when, where, who, what on which target, and the outcome ({@code allowed} or the
     * error code); {@code verified} is false when no snapshot said the bucket or key is a log bucket or key.
     */
    public record PipelineAttempt(Instant time, String account, String region, String principal, String action,
            String target, String targetKind, String sourceIp, String outcome, boolean verified, String file) {
    }

    /** The analysis' result, sorted: groups by count, probers by services, attempts by time. */
    public record Result(long events, List<DeniedGroup> denied, List<Prober> probers, List<PipelineAttempt> pipeline,
            boolean scopeKnown, int probeServices, int probeAccounts) {
        public Result {
            denied = List.copyOf(denied);
            probers = List.copyOf(probers);
            pipeline = List.copyOf(pipeline);
        }
    }

    private static final class Group {
        long count;
        Instant first;
        Instant last;
        final Set<String> codes = new TreeSet<>();
    }

    private static final class Probe {
        long refused;
        final Set<String> services = new TreeSet<>();
        final Set<String> accounts = new TreeSet<>();
    }

    /** Takes one event. */
    public synchronized void accept(CloudTrailEvent e) {
        events++;
        if (refused(e)) {
            String principal = e.principal();
            Group g = groups.computeIfAbsent(List.of(principal, e.action(), resource(e), String.valueOf(e.sourceIp())),
                    k -> new Group());
            g.count++;
            Instant t = e.time();
            if (t != null) {
                g.first = g.first == null || t.isBefore(g.first) ? t : g.first;
                g.last = g.last == null || t.isAfter(g.last) ? t : g.last;
            }
            g.codes.add(e.errorCode());
            Probe p = probes.computeIfAbsent(principal, k -> new Probe());
            p.refused++;
            p.services.add(String.valueOf(e.eventSource()));
            if (e.account() != null) {
                p.accounts.add(e.account());
            }
        }
        AuditActions.of(e).ifPresent(a -> pipeline(e, a));
    }

    /** What a refused call was on: the first resource ARN, else the request parameter that names it. */
    static String resource(CloudTrailEvent e) {
        String arn = e.firstResourceArn();
        if (arn != null) {
            return arn;
        }
        for (String p : List.of("bucketName", "name", "trailName", "keyId", "roleName", "userName", "policyArn",
                "logGroupName", "functionName", "instanceId", "secretId", "tableName", "topicArn", "queueUrl")) {
            String v = e.parameter(p);
            if (v != null) {
                return p.equals("bucketName") && e.parameter("key") != null ? v + "/" + e.parameter("key") : v;
            }
        }
        return "-";
    }

    private void pipeline(CloudTrailEvent e, AuditActions.Action a) {
        List<String> targets = new ArrayList<>(e.parameterValues(a.parameter()));
        if (a.target() == AuditActions.Target.FLOW_LOGS) {
            JsonNode ids = e.json().path("requestParameters").path("DeleteFlowLogsRequest").path("FlowLogId");
            (ids.isArray() ? ids : List.of(ids)).forEach(i -> {
                String v = i.path("content").asText(null);
                if (v != null) {
                    targets.add(v);
                }
            });
        }
        String target = targets.isEmpty() ? (e.json().has("requestParameters") ? e.json().get("requestParameters").toString() : "-")
                : String.join(",", targets);
        boolean verified = true;
        if (scope.known()) {
            boolean onPipeline = switch (a.target()) {
                case LOG_BUCKET -> scope.logBuckets().contains(target);
                case LOG_OBJECTS -> scope.logBuckets().contains(target) && logKey(e);
                case LOG_KEY -> targets.stream().anyMatch(k -> scope.logKeys().contains(k)
                        || scope.logKeys().contains(k.substring(k.lastIndexOf('/') + 1)))
                        || scope.logKeys().contains(String.valueOf(e.firstResourceArn()));
                case METRIC_FILTER, LOG_GROUP -> scope.logGroups().contains(target);
                case ALARM -> targets.stream().anyMatch(scope.alarms()::contains);
                case TRAIL, FLOW_LOGS, CONFIG -> true;
            };
            if (!onPipeline) {
                return;
            }
        } else {
            switch (a.target()) {
                case LOG_OBJECTS -> {
                    if (!logKey(e)) {
                        return;
                    }
                    verified = false;
                }
                case LOG_BUCKET, LOG_KEY, METRIC_FILTER, LOG_GROUP, ALARM -> verified = false;
                case TRAIL, FLOW_LOGS, CONFIG -> verified = true;
            }
        }
        if (a.target() == AuditActions.Target.LOG_OBJECTS && e.parameter("key") != null) {
            target = target + "/" + e.parameter("key");
        }
        attempts.add(new PipelineAttempt(e.time(), e.account(), e.region(), e.principal(), e.action(), target,
                a.target().name(), e.sourceIp(), e.errorCode() == null ? "allowed" : e.errorCode(), verified, e.file()));
    }

    /** A delete of CloudTrail log objects: a key under {@code AWSLogs/} (any prefix before it), or a multi-object delete. */
    private static boolean logKey(CloudTrailEvent e) {
        String key = e.parameter("key");
        return key == null ? "DeleteObjects".equals(e.eventName()) : key.startsWith("AWSLogs/") || key.contains("/AWSLogs/");
    }

    /** The result so far. */
    public synchronized Result result() {
        List<DeniedGroup> denied = new ArrayList<>();
        groups.forEach((k, g) -> denied.add(new DeniedGroup(k.get(0), k.get(1), k.get(2), k.get(3), g.count, g.first,
                g.last, Set.copyOf(g.codes))));
        denied.sort(Comparator.comparingLong(DeniedGroup::count).reversed().thenComparing(DeniedGroup::principal)
                .thenComparing(DeniedGroup::action).thenComparing(DeniedGroup::resource)
                .thenComparing(DeniedGroup::sourceIp));
        List<Prober> probers = new ArrayList<>();
        probes.forEach((p, x) -> {
            if (x.services.size() >= probeServices || x.accounts.size() >= probeAccounts) {
                probers.add(new Prober(p, x.refused, Set.copyOf(x.services), Set.copyOf(x.accounts)));
            }
        });
        probers.sort(Comparator.comparingInt((Prober p) -> p.services().size()).reversed()
                .thenComparing(Prober::principal));
        List<PipelineAttempt> pipeline = new ArrayList<>(attempts);
        pipeline.sort(Comparator.comparing(PipelineAttempt::time, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(PipelineAttempt::action).thenComparing(PipelineAttempt::principal)
                .thenComparing(PipelineAttempt::target));
        return new Result(events, denied, probers, pipeline, scope.known(), probeServices, probeAccounts);
    }
}
