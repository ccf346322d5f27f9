package io.trailguard.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.CollectionError;
import io.trailguard.core.Evidence;
import io.trailguard.core.Finding;
import io.trailguard.core.Fix;
import io.trailguard.core.PatchOperation;
import io.trailguard.core.Reference;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import io.trailguard.core.snapshot.Json;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON report: {@code {"snapshot", "summary", "findings"}}, described by the published schema
 * {@code io/trailguard/core/schema/report.schema.json}.
 *
 * @since 0.1.0
 */
public final class JsonReport {
    /** The report format version, bumped on incompatible changes. */
    public static final int REPORT_VERSION = 1;

    private JsonReport() {
    }

    /**
     * Writes the report to a file, whole or not at all: the same bytes as {@link #render(ScanResult)} in UTF-8.
     *
     * @since 0.1.0
     */
    public static void write(ScanResult result, java.nio.file.Path file) throws java.io.IOException {
        AtomicFiles.write(file, render(result).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The report as indented JSON text. */
    public static String render(ScanResult result) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("reportVersion", REPORT_VERSION);
        ObjectNode snap = root.putObject("snapshot");
        snap.put("capturedAt", result.capturedAt().toString());
        ArrayNode accounts = snap.putArray("accounts");
        result.accounts().forEach(accounts::add);
        snap.put("resourceCount", result.resourceCount());
        ArrayNode errors = snap.putArray("collectionErrors");
        for (CollectionError e : result.collectionErrors()) {
            ObjectNode o = errors.addObject();
            o.put("accountId", e.accountId()).put("region", e.region()).put("service", e.service())
                    .put("operation", e.operation()).put("code", e.code()).put("message", e.message());
            if (e.resourceId() != null) {
                o.put("resourceId", e.resourceId());
            }
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("rules", result.rulesEvaluated());
        summary.put("findings", result.findings().size());
        summary.put("suppressed", result.suppressedCount());
        ObjectNode byStatus = summary.putObject("byStatus");
        for (Map.Entry<Status, Integer> e : result.countByStatus().entrySet()) {
            byStatus.put(e.getKey().name(), e.getValue());
        }
        ObjectNode bySeverity = summary.putObject("failuresBySeverity");
        for (Map.Entry<Severity, Integer> e : result.failuresBySeverity().entrySet()) {
            bySeverity.put(e.getKey().label(), e.getValue());
        }
        ArrayNode findings = root.putArray("findings");
        result.findings().forEach(f -> finding(findings.addObject(), f));
        return Json.pretty(root) + "\n";
    }

    private static void finding(ObjectNode o, Finding f) {
        o.put("ruleId", f.ruleId());
        o.put("status", f.status().name());
        o.put("severity", f.severity().label());
        o.put("title", f.title());
        resource(o.putObject("resource"), f.resource());
        o.put("message", f.message());
        o.put("rationale", f.rationale());
        ArrayNode ev = o.putArray("evidence");
        for (Evidence e : f.evidence()) {
            ObjectNode x = ev.addObject();
            x.put("resource", e.resource()).put("path", e.path());
            if (e.value() == null) {
                x.putNull("value");
            } else {
                x.put("value", e.value());
            }
            x.put("expected", e.expected());
        }
        if (f.fix() != null) {
            fix(o.putObject("fix"), f.fix());
        } else {
            o.putNull("fix");
        }
        ArrayNode refs = o.putArray("references");
        for (Reference r : f.references()) {
            ObjectNode x = refs.addObject().put("kind", r.kind()).put("id", r.id()).put("title", r.title());
            if (r.url() != null) {
                x.put("url", r.url());
            }
        }
        if (f.suppression() != null) {
            ObjectNode s = o.putObject("suppression").put("reason", f.suppression().reason());
            if (f.suppression().expires() != null) {
                s.put("expires", f.suppression().expires().toString());
            }
            s.put("source", f.suppression().source());
        }
        if (f.unknown() != null) {
            o.putObject("unknown").put("code", f.unknown().code().name()).put("detail", f.unknown().detail());
        }
    }

    private static void resource(ObjectNode o, ResourceRef r) {
        o.put("id", r.id()).put("type", r.type()).put("accountId", r.accountId()).put("region", r.region());
    }

    private static void fix(ObjectNode o, Fix fix) {
        o.put("summary", fix.summary());
        ArrayNode steps = o.putArray("steps");
        fix.steps().forEach(steps::add);
        ArrayNode cli = o.putArray("cli");
        fix.cli().forEach(cli::add);
        if (fix.hasPatch()) {
            ObjectNode patch = o.putObject("patch");
            resource(patch.putObject("target"), fix.target());
            ArrayNode ops = patch.putArray("operations");
            for (PatchOperation p : fix.patch()) {
                ObjectNode x = ops.addObject().put("op", p.op().toLowerCase(Locale.ROOT)).put("path", p.path());
                if (p.from() != null) {
                    x.put("from", p.from());
                }
                if (p.value() != null) {
                    x.set("value", Json.parse(p.value()));
                }
            }
        }
    }
}
