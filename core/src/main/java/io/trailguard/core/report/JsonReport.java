package io.trailguard.core.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.trailguard.core.CollectionError;
import io.trailguard.core.EvaluatedRule;
import io.trailguard.core.Evidence;
import io.trailguard.core.Finding;
import io.trailguard.core.Fix;
import io.trailguard.core.Reference;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import io.trailguard.core.fix.render.FixJson;
import io.trailguard.core.snapshot.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON report, version 2: {@code {"reportVersion", "snapshot", "summary", "rules", "findings"}}, described by
 * the published schema {@code io/trailguard/core/schema/report.schema.json}. Each evaluated rule is described once
 * in {@code rules} (title, severity, rationale, references, how many subjects it did not apply to); a finding names
 * its rule by id and carries only what is its own. Not-applicable outcomes are findings only when the scan kept them
 * ({@code summary.notApplicableOmitted} says how many are not listed).
 *
 * @since 0.1.0
 */
public final class JsonReport {
    /** The report format version, bumped on incompatible changes (2: rules described once, not per finding). */
    public static final int REPORT_VERSION = 2;

    private JsonReport() {
    }

    /**
     * Writes the report to a file, whole or not at all: the same bytes as {@link #render(ScanResult)} in UTF-8,
     * streamed, so that a large report is never held in memory.
     *
     * @since 0.1.0
     */
    public static void write(ScanResult result, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(result, out));
    }

    /**
     * Writes the report to a stream in UTF-8 (the stream is flushed, not closed): the same bytes as
     * {@link #render(ScanResult)}.
     *
     * @since 0.1.0
     */
    public static void write(ScanResult result, OutputStream out) throws IOException {
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            // a supplementary character as its 4 UTF-8 bytes, not as two escapes; a lone surrogate is escaped
            g.enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8.mappedFeature());
            write(result, g);
            g.writeRaw('\n');
        }
    }

    /** The report as indented JSON text: the UTF-8 bytes {@link #write(ScanResult, OutputStream)} writes, decoded. */
    public static String render(ScanResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(result, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void write(ScanResult result, JsonGenerator g) throws IOException {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeNumberField("reportVersion", REPORT_VERSION);
        g.writeObjectFieldStart("snapshot");
        g.writeStringField("capturedAt", result.capturedAt().toString());
        g.writeArrayFieldStart("accounts");
        for (String a : result.accounts()) {
            g.writeString(a);
        }
        g.writeEndArray();
        g.writeNumberField("resourceCount", result.resourceCount());
        g.writeArrayFieldStart("collectionErrors");
        for (CollectionError e : result.collectionErrors()) {
            g.writeStartObject();
            g.writeStringField("accountId", e.accountId());
            g.writeStringField("region", e.region());
            g.writeStringField("service", e.service());
            g.writeStringField("operation", e.operation());
            g.writeStringField("code", e.code());
            g.writeStringField("message", e.message());
            if (e.resourceId() != null) {
                g.writeStringField("resourceId", e.resourceId());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("summary");
        g.writeNumberField("rules", result.rulesEvaluated());
        g.writeNumberField("findings", result.findings().size());
        g.writeNumberField("suppressed", result.suppressedCount());
        g.writeObjectFieldStart("byStatus");
        for (Map.Entry<Status, Integer> e : result.countByStatus().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("failuresBySeverity");
        for (Map.Entry<Severity, Integer> e : result.failuresBySeverity().entrySet()) {
            g.writeNumberField(e.getKey().label(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("notApplicableOmitted", result.omittedNotApplicableCount());
        g.writeEndObject();
        g.writeArrayFieldStart("rules");
        Map<String, Integer> notApplicable = result.notApplicableByRule();
        for (EvaluatedRule r : result.rules()) {
            rule(g, r, notApplicable.get(r.id()));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("findings");
        for (Finding f : result.findings()) {
            finding(g, f);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void rule(JsonGenerator g, EvaluatedRule r, int notApplicable) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("title", r.title());
        g.writeStringField("severity", r.severity().label());
        g.writeStringField("rationale", r.rationale());
        g.writeArrayFieldStart("references");
        for (Reference ref : r.references()) {
            g.writeStartObject();
            g.writeStringField("kind", ref.kind());
            g.writeStringField("id", ref.id());
            g.writeStringField("title", ref.title());
            if (ref.url() != null) {
                g.writeStringField("url", ref.url());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("notApplicable", notApplicable);
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.ruleId());
        g.writeStringField("status", f.status().name());
        g.writeStringField("severity", f.severity().label());
        g.writeFieldName("resource");
        resource(g, f.resource());
        g.writeStringField("message", f.message());
        g.writeArrayFieldStart("evidence");
        for (Evidence e : f.evidence()) {
            g.writeStartObject();
            g.writeStringField("resource", e.resource());
            g.writeStringField("path", e.path());
            g.writeStringField("value", e.value());
            g.writeStringField("expected", e.expected());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (f.fix() != null) {
            g.writeFieldName("fix");
            fix(g, f.fix());
        } else {
            g.writeNullField("fix");
        }
        if (f.suppression() != null) {
            g.writeObjectFieldStart("suppression");
            g.writeStringField("reason", f.suppression().reason());
            if (f.suppression().expires() != null) {
                g.writeStringField("expires", f.suppression().expires().toString());
            }
            g.writeStringField("source", f.suppression().source());
            g.writeEndObject();
        }
        if (f.unknown() != null) {
            g.writeObjectFieldStart("unknown");
            g.writeStringField("code", f.unknown().code().name());
            g.writeStringField("detail", f.unknown().detail());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void resource(JsonGenerator g, ResourceRef r) throws IOException {
        FixJson.resource(g, r);
    }

    private static void fix(JsonGenerator g, Fix fix) throws IOException {
        g.writeStartObject();
        g.writeStringField("summary", fix.summary());
        g.writeArrayFieldStart("steps");
        for (String s : fix.steps()) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("cli");
        for (String s : fix.cli()) {
            g.writeString(s);
        }
        g.writeEndArray();
        FixJson.write(g, fix);
        g.writeEndObject();
    }
}
