package io.trailguard.core.integrity;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports of {@code trailguard logs validate}: human text (issues grouped by trail, then a line per trail) and JSON
 * described by {@code io/trailguard/core/schema/integrity-report.schema.json} (every hour of every trail, every issue).
 * Deterministic: the only time written is the report's {@code validatedAt}.
 *
 * @since 0.2.0
 */
public final class IntegrityReports {
    /** The JSON report's format version. */
    public static final int REPORT_VERSION = 1;

    private IntegrityReports() {
    }

    /** The text report. */
    public static String text(IntegrityReport r) {
        StringBuilder b = new StringBuilder();
        IntegrityReport.Counts c = r.counts();
        b.append("Log file integrity of ").append(r.location()).append('\n');
        b.append(c.digests()).append(" digest(s), ").append(c.logFiles()).append(" log file(s) listed: ")
                .append(c.validLogFiles()).append(" valid, ").append(c.modified()).append(" modified, ")
                .append(c.deleted()).append(" deleted, ").append(c.unknown()).append(" unknown; ")
                .append(c.notCovered()).append(" log file(s) not covered by any digest\n");
        Map<String, List<IntegrityIssue>> byTrail = new LinkedHashMap<>();
        for (IntegrityIssue i : r.issues()) {
            byTrail.computeIfAbsent(trailName(i.trail()), k -> new java.util.ArrayList<>()).add(i);
        }
        byTrail.forEach((trail, issues) -> {
            b.append('\n').append(trail).append('\n');
            for (IntegrityIssue i : issues) {
                b.append("  ").append(i.kind().failing() ? "FAIL " : "NOTE ").append(i.kind()).append("  ")
                        .append(range(i.from(), i.to()));
                if (i.object() != null) {
                    b.append("  ").append(i.object());
                }
                b.append("\n      ").append(i.detail()).append('\n');
            }
        });
        b.append("\nTrails\n");
        for (TrailResult t : r.trails()) {
            Map<HourResult.Verdict, Integer> n = new EnumMap<>(HourResult.Verdict.class);
            t.hours().forEach(h -> n.merge(h.status(), 1, Integer::sum));
            Instant first = t.hours().isEmpty() ? null : t.hours().get(0).start();
            Instant last = t.hours().isEmpty() ? null : t.hours().get(t.hours().size() - 1).end();
            b.append("  ").append(trailName(t.trail())).append(": ").append(t.hours().size()).append(" hour(s) ")
                    .append(range(first, last)).append(": ").append(n.getOrDefault(HourResult.Verdict.VALID, 0))
                    .append(" valid, ").append(n.getOrDefault(HourResult.Verdict.INVALID, 0)).append(" invalid, ")
                    .append(n.getOrDefault(HourResult.Verdict.UNKNOWN, 0)).append(" unknown\n");
        }
        long failing = r.issues().stream().filter(i -> i.kind().failing()).count();
        b.append('\n').append(failing == 0 ? "No integrity failure." : failing + " integrity failure(s).").append('\n');
        return b.toString();
    }

    /** How a trail (or a log location) is named in reports: account/region/trail, with prefix and organisation. */
    public static String trailName(TrailId t) {
        return "account " + t.account() + " region " + t.region()
                + (t.trail() == null ? " (log files)" : " trail " + t.trail() + " (home " + t.homeRegion() + ")")
                + (t.organizationId() == null ? "" : " organisation " + t.organizationId())
                + (t.prefix().isEmpty() ? "" : " prefix " + t.prefix());
    }

    private static String range(Instant from, Instant to) {
        return (from == null ? "…" : from.toString()) + " – " + (to == null ? "…" : to.toString());
    }

    /** The JSON report. */
    public static String json(IntegrityReport r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            json(r, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Streams the JSON report. */
    public static void json(IntegrityReport r, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("reportVersion", REPORT_VERSION);
            g.writeStringField("location", r.location());
            g.writeStringField("validatedAt", r.validatedAt().toString());
            g.writeObjectFieldStart("scope");
            g.writeStringField("prefix", r.options().prefix());
            strings(g, "accounts", r.options().accounts().stream().sorted().toList());
            strings(g, "regions", r.options().regions().stream().sorted().toList());
            time(g, "from", r.options().from());
            time(g, "to", r.options().to());
            g.writeEndObject();
            IntegrityReport.Counts c = r.counts();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("digests", c.digests());
            g.writeNumberField("logFiles", c.logFiles());
            g.writeNumberField("valid", c.validLogFiles());
            g.writeNumberField("modified", c.modified());
            g.writeNumberField("deleted", c.deleted());
            g.writeNumberField("notCovered", c.notCovered());
            g.writeNumberField("unknown", c.unknown());
            g.writeNumberField("failingIssues", r.issues().stream().filter(i -> i.kind().failing()).count());
            g.writeEndObject();
            g.writeArrayFieldStart("trails");
            for (TrailResult t : r.trails()) {
                g.writeStartObject();
                trail(g, t.trail());
                g.writeArrayFieldStart("hours");
                for (HourResult h : t.hours()) {
                    g.writeStartObject();
                    g.writeStringField("start", h.start().toString());
                    g.writeStringField("end", h.end().toString());
                    g.writeStringField("digest", h.digest());
                    g.writeStringField("status", h.status().name());
                    g.writeBooleanField("backfill", h.backfill());
                    g.writeNumberField("logFiles", h.logFiles());
                    g.writeNumberField("valid", h.valid());
                    g.writeNumberField("modified", h.modified());
                    g.writeNumberField("deleted", h.deleted());
                    g.writeNumberField("unknown", h.unknown());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("issues");
            for (IntegrityIssue i : r.issues()) {
                g.writeStartObject();
                g.writeStringField("kind", i.kind().name());
                g.writeBooleanField("failing", i.kind().failing());
                trail(g, i.trail());
                time(g, "from", i.from());
                time(g, "to", i.to());
                if (i.object() == null) {
                    g.writeNullField("object");
                } else {
                    g.writeStringField("object", i.object());
                }
                g.writeStringField("detail", i.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void trail(JsonGenerator g, TrailId t) throws IOException {
        g.writeStringField("prefix", t.prefix());
        nullable(g, "organizationId", t.organizationId());
        g.writeStringField("account", t.account());
        g.writeStringField("region", t.region());
        nullable(g, "trail", t.trail());
        nullable(g, "homeRegion", t.homeRegion());
    }

    private static void nullable(JsonGenerator g, String name, String v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v);
        }
    }

    private static void time(JsonGenerator g, String name, Instant t) throws IOException {
        nullable(g, name, t == null ? null : t.toString());
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
