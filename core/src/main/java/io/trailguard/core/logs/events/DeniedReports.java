package io.trailguard.core.logs.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reports of {@code trailguard logs denied}: text and JSON of a {@link DeniedAnalysis.Result}, and the same
 * question as SQL for the standard CloudTrail table of Athena, whose columns are documented in "Create a table for
 * CloudTrail logs in Athena using manual partitioning" (https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table.html).
 *
 * @since 0.2.0
 */
public final class DeniedReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeniedReports() {
    }

    /** The text report. */
    public static String text(DeniedAnalysis.Result r, CloudTrailEvents.Summary read) {
        StringBuilder b = new StringBuilder();
        b.append(read.events()).append(" event(s) in ").append(read.files()).append(" file(s)");
        if (!read.unreadable().isEmpty()) {
            b.append("; ").append(read.unreadable().size()).append(" file(s) could not be read:");
            read.unreadable().forEach(u -> b.append("\n  ").append(u));
        }
        b.append("\n\nAttempts on the audit pipeline (").append(r.pipeline().size()).append(")")
                .append(r.scopeKnown() ? "" : " — no --snapshot: bucket, key, filter and alarm operations are "
                        + "marked 'unverified' (not known to be the organisation's log bucket, key or alarm chain)")
                .append('\n');
        for (DeniedAnalysis.PipelineAttempt a : r.pipeline()) {
            b.append("  ").append(a.time()).append("  ").append(a.outcome().equals("allowed") ? "ALLOWED" : "refused " + a.outcome())
                    .append("  ").append(a.action()).append(" on ").append(a.targetKind().toLowerCase(java.util.Locale.ROOT)
                            .replace('_', ' ')).append(' ').append(a.target()).append(a.verified() ? "" : " (unverified)")
                    .append("\n      by ").append(a.principal()).append(" from ").append(a.sourceIp()).append(" in account ")
                    .append(a.account()).append(' ').append(a.region()).append('\n');
        }
        b.append("\nProbing principals (refused in ≥ ").append(r.probeServices()).append(" services or ≥ ")
                .append(r.probeAccounts()).append(" accounts) (").append(r.probers().size()).append(")\n");
        for (DeniedAnalysis.Prober p : r.probers()) {
            b.append("  ").append(p.principal()).append(": ").append(p.refused()).append(" refused call(s) in ")
                    .append(p.services().size()).append(" service(s) ").append(new java.util.TreeSet<>(p.services()))
                    .append(", ").append(p.accounts().size()).append(" account(s) ").append(new java.util.TreeSet<>(p.accounts()))
                    .append('\n');
        }
        b.append("\nRefused calls by principal, action, resource and source IP (").append(r.denied().size()).append(")\n");
        for (DeniedAnalysis.DeniedGroup g : r.denied()) {
            b.append("  ").append(g.count()).append("×  ").append(g.principal()).append("  ").append(g.action()).append("  ")
                    .append(g.resource()).append("  from ").append(g.sourceIp()).append("  ").append(g.first()).append(" – ")
                    .append(g.last()).append("  ").append(new java.util.TreeSet<>(g.errorCodes())).append('\n');
        }
        return b.toString();
    }

    /** The JSON report. */
    public static String json(DeniedAnalysis.Result r, CloudTrailEvents.Summary read) {
        ObjectNode root = JSON.createObjectNode();
        root.put("reportVersion", 1);
        root.put("events", read.events());
        root.put("files", read.files());
        read.unreadable().forEach(root.putArray("unreadable")::add);
        if (!root.has("unreadable")) {
            root.putArray("unreadable");
        }
        root.put("snapshot", r.scopeKnown());
        ArrayNode pipeline = root.putArray("pipeline");
        for (DeniedAnalysis.PipelineAttempt a : r.pipeline()) {
            ObjectNode n = pipeline.addObject();
            n.put("time", str(a.time()));
            n.put("account", a.account());
            n.put("region", a.region());
            n.put("principal", a.principal());
            n.put("action", a.action());
            n.put("targetKind", a.targetKind());
            n.put("target", a.target());
            n.put("sourceIp", a.sourceIp());
            n.put("outcome", a.outcome());
            n.put("verified", a.verified());
            n.put("file", a.file());
        }
        ObjectNode probing = root.putObject("probing");
        probing.put("minServices", r.probeServices());
        probing.put("minAccounts", r.probeAccounts());
        ArrayNode probers = probing.putArray("principals");
        for (DeniedAnalysis.Prober p : r.probers()) {
            ObjectNode n = probers.addObject();
            n.put("principal", p.principal());
            n.put("refused", p.refused());
            p.services().stream().sorted().forEach(n.putArray("services")::add);
            p.accounts().stream().sorted().forEach(n.putArray("accounts")::add);
        }
        ArrayNode denied = root.putArray("denied");
        for (DeniedAnalysis.DeniedGroup g : r.denied()) {
            ObjectNode n = denied.addObject();
            n.put("principal", g.principal());
            n.put("action", g.action());
            n.put("resource", g.resource());
            n.put("sourceIp", g.sourceIp());
            n.put("count", g.count());
            n.put("first", str(g.first()));
            n.put("last", str(g.last()));
            g.errorCodes().stream().sorted().forEach(n.putArray("errorCodes")::add);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    /**
     * The same questions as Athena SQL over {@code table} (the standard CloudTrail table): the refused calls grouped as
     * {@link DeniedAnalysis} groups them, then the attempts on the audit pipeline, limited to the snapshot's log
     * buckets, keys, log groups and alarms when the scope is known. Probing principals are a query over the first's
     * result ({@code HAVING count(DISTINCT eventsource) >= N}), the third statement.
     */
    public static String athena(String table, AuditScope scope, int probeServices, int probeAccounts) {
        if (!table.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)?")) {
            throw new IllegalArgumentException("not an Athena table name: " + table + " (letters, digits, _; db.table)");
        }
        String from = "FROM " + table + "\n";
        String refused = "(errorcode LIKE 'AccessDenied%' OR errorcode LIKE '%UnauthorizedOperation')";
        String principal = "coalesce(useridentity.arn, useridentity.principalid)";
        String resource = "coalesce(element_at(resources, 1).arn, "
                + String.join(", ", List.of("bucketName", "name", "trailName", "keyId", "roleName", "userName",
                        "policyArn", "logGroupName", "functionName", "instanceId", "secretId", "tableName", "topicArn",
                        "queueUrl").stream().map(p -> "json_extract_scalar(requestparameters, '$." + p + "')").toList())
                + ", '-')";
        StringBuilder b = new StringBuilder();
        b.append("-- refused calls by principal, action, resource and source IP\n")
                .append("SELECT ").append(principal).append(" AS principal,\n")
                .append("       split_part(eventsource, '.', 1) || ':' || eventname AS action,\n")
                .append("       ").append(resource).append(" AS resource,\n")
                .append("       sourceipaddress AS source_ip, count(*) AS attempts, min(eventtime) AS first_seen, ")
                .append("max(eventtime) AS last_seen,\n       array_join(array_agg(DISTINCT errorcode), ',') AS error_codes\n")
                .append(from).append("WHERE ").append(refused).append('\n')
                .append("GROUP BY 1, 2, 3, 4\nORDER BY attempts DESC;\n\n");
        b.append("-- probing: principals refused in at least ").append(probeServices).append(" services or ")
                .append(probeAccounts).append(" accounts\n")
                .append("SELECT ").append(principal).append(" AS principal, count(*) AS refused,\n")
                .append("       count(DISTINCT eventsource) AS services, count(DISTINCT recipientaccountid) AS accounts\n")
                .append(from).append("WHERE ").append(refused).append('\n').append("GROUP BY 1\n")
                .append("HAVING count(DISTINCT eventsource) >= ").append(probeServices)
                .append(" OR count(DISTINCT recipientaccountid) >= ").append(probeAccounts).append("\nORDER BY services DESC;\n\n");
        Map<String, List<String>> bySource = new TreeMap<>();
        for (String a : AuditActions.all()) {
            String[] p = a.split(" ");
            bySource.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
        }
        List<String> conditions = new ArrayList<>();
        bySource.forEach((source, names) -> {
            StringBuilder c = new StringBuilder("(eventsource = '").append(source).append("' AND eventname IN (")
                    .append(String.join(", ", names.stream().map(n -> "'" + n + "'").toList())).append(")");
            if (scope.known()) {
                String limit = switch (source) {
                    case "s3.amazonaws.com" -> inList("json_extract_scalar(requestparameters, '$.bucketName')", scope.logBuckets());
                    case "kms.amazonaws.com" -> inList("element_at(split(json_extract_scalar(requestparameters, '$.keyId'), '/'), -1)",
                            lastParts(scope.logKeys()));
                    case "logs.amazonaws.com" -> inList("json_extract_scalar(requestparameters, '$.logGroupName')", scope.logGroups());
                    case "monitoring.amazonaws.com" -> scope.alarms().isEmpty() ? "false" : "("
                            + String.join(" OR ", scope.alarms().stream().sorted().map(a -> "contains(CAST(json_extract("
                                    + "requestparameters, '$.alarmNames') AS ARRAY(VARCHAR)), " + quote(a) + ")").toList()) + ")";
                    default -> null;
                };
                if (limit != null) {
                    c.append(" AND ").append(limit);
                }
            }
            conditions.add(c.append(")").toString());
        });
        b.append("-- every attempt, allowed or refused, on the audit pipeline")
                .append(scope.known() ? " (the snapshot's log buckets, keys, log groups and alarms)" : "").append('\n')
                .append("SELECT eventtime, recipientaccountid, awsregion, ").append(principal).append(" AS principal,\n")
                .append("       eventsource, eventname, sourceipaddress, coalesce(errorcode, 'allowed') AS outcome, requestparameters\n")
                .append(from).append("WHERE ").append(String.join("\n   OR ", conditions)).append("\nORDER BY eventtime;\n");
        return b.toString();
    }

    private static Set<String> lastParts(Set<String> keys) {
        Set<String> s = new java.util.TreeSet<>();
        keys.forEach(k -> s.add(k.substring(k.lastIndexOf('/') + 1)));
        return s;
    }

    private static String inList(String expr, Set<String> values) {
        return values.isEmpty() ? "false" : expr + " IN (" + String.join(", ", values.stream().sorted().map(DeniedReports::quote).toList()) + ")";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
