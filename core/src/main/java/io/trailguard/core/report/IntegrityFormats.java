package io.trailguard.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.integrity.HourResult;
import io.trailguard.core.integrity.IntegrityAsff;
import io.trailguard.core.integrity.IntegrityIssue;
import io.trailguard.core.integrity.IntegrityReport;
import io.trailguard.core.integrity.IntegrityReports;
import io.trailguard.core.integrity.IssueKind;
import io.trailguard.core.integrity.TrailId;
import io.trailguard.core.integrity.TrailResult;
import io.trailguard.core.snapshot.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reports of {@code trailguard logs validate} in the scan's other formats, with the scan writers' conventions
 * (escaping, CSV defused against formulas, stable fingerprints, deterministic output: the only time written is the
 * report's {@code validatedAt}). Text and JSON are {@link IntegrityReports}; ASFF is {@link IntegrityAsff}.
 *
 * <p>What each holds, per account/region/trail and hour: CSV and JUnit every valid hour (kind {@code VALID}, its
 * digest as the object) and every issue; HTML every trail with one cell per hour and every issue; SARIF, ASFF and
 * OCSF every issue (a valid hour is not a finding). An issue is its kind (MODIFIED, DELETED, NOT_COVERED,
 * DIGEST_INVALID, CHAIN_BROKEN, DIGEST_MISSING = a gap, UNKNOWN; LOGGING_OFF, VALIDATION_OFF, NO_LOG_FILES do not
 * fail a run), its trail, its time range, its object (log file or digest key) and the reason.
 *
 * @since 0.2.0
 */
public final class IntegrityFormats {
    /** Where AWS documents what is validated: every format links it. */
    public static final String HELP_URI =
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html";
    /** The kind of a valid hour in CSV and JUnit. */
    public static final String VALID = "VALID";
    /** The CSV columns, in order. */
    public static final List<String> CSV_COLUMNS = List.of("kind", "failing", "account_id", "region", "trail",
            "home_region", "organization_id", "prefix", "from", "to", "object", "detail");

    private IntegrityFormats() {
    }

    /** A line of the report: a valid hour ({@code kind == null}) or an issue. */
    private record Entry(IssueKind kind, TrailId trail, Instant from, Instant to, String object, String detail) {
        String kindName() {
            return kind == null ? VALID : kind.name();
        }

        boolean failing() {
            return kind != null && kind.failing();
        }
    }

    private static final Comparator<Instant> TIME = Comparator.nullsFirst(Comparator.naturalOrder());

    /** Valid hours and issues, by trail, then time, then object. */
    private static List<Entry> entries(IntegrityReport r) {
        List<Entry> out = new ArrayList<>();
        for (TrailResult t : r.trails()) {
            for (HourResult h : t.hours()) {
                if (h.status() == HourResult.Verdict.VALID) {
                    out.add(new Entry(null, t.trail(), h.start(), h.end(), h.digest(), "the digest and its "
                            + h.logFiles() + " log file(s) are valid" + (h.backfill() ? " (backfill digest)" : "")));
                }
            }
        }
        for (IntegrityIssue i : r.issues()) {
            out.add(new Entry(i.kind(), i.trail(), i.from(), i.to(), i.object(), i.detail()));
        }
        out.sort(Comparator.comparing(Entry::trail).thenComparing(Entry::from, TIME)
                .thenComparing(e -> e.object() == null ? "" : e.object()));
        return out;
    }

    private static String range(Instant from, Instant to) {
        return (from == null ? "…" : from.toString()) + " – " + (to == null ? "…" : to.toString());
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

    // ---- CSV ----

    /** One row per valid hour and per issue (RFC 4180, defused as {@link CsvReport} is). */
    public static String csv(IntegrityReport r) {
        StringBuilder sb = new StringBuilder();
        CsvReport.row(sb, CSV_COLUMNS);
        for (Entry e : entries(r)) {
            TrailId t = e.trail();
            CsvReport.row(sb, List.of(e.kindName(), Boolean.toString(e.failing()), t.account(), t.region(),
                    t.trail() == null ? "" : t.trail(), t.homeRegion() == null ? "" : t.homeRegion(),
                    t.organizationId() == null ? "" : t.organizationId(), t.prefix(), time(e.from()), time(e.to()),
                    e.object() == null ? "" : e.object(), e.detail()));
        }
        return sb.toString();
    }

    // ---- JUnit ----

    /**
     * One {@code <testsuite>} per trail (and per account/region of log files no digest lists), one {@code <testcase>}
     * per valid hour (passed) and per issue: a failing kind is a {@code <failure>} whose type is the kind, the others
     * are {@code <skipped>} with their reason, so CI shows them without failing.
     */
    public static String junit(IntegrityReport r) {
        Map<TrailId, List<Entry>> byTrail = new LinkedHashMap<>();
        entries(r).forEach(e -> byTrail.computeIfAbsent(e.trail(), k -> new ArrayList<>()).add(e));
        String stamp = JunitReport.attr(r.validatedAt().toString());
        StringBuilder body = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        for (Map.Entry<TrailId, List<Entry>> t : byTrail.entrySet()) {
            List<Entry> es = t.getValue();
            int f = (int) es.stream().filter(Entry::failing).count();
            int s = (int) es.stream().filter(e -> e.kind() != null && !e.kind().failing()).count();
            tests += es.size();
            failures += f;
            skipped += s;
            String suite = IntegrityReports.trailName(t.getKey());
            body.append("  <testsuite name=\"").append(JunitReport.attr(suite)).append("\" tests=\"").append(es.size())
                    .append("\" failures=\"").append(f).append("\" errors=\"0\" skipped=\"").append(s)
                    .append("\" timestamp=\"").append(stamp).append("\">\n");
            for (Entry e : es) {
                body.append("    <testcase classname=\"").append(JunitReport.attr(suite)).append("\" name=\"")
                        .append(JunitReport.attr(e.kindName() + " " + range(e.from(), e.to())
                                + (e.object() == null ? "" : " " + e.object())))
                        .append("\" time=\"0\"");
                if (e.kind() == null) {
                    body.append("/>\n");
                    continue;
                }
                body.append(">\n");
                if (e.failing()) {
                    body.append("      <failure message=\"").append(JunitReport.attr(e.kind().title() + ": "
                            + e.detail())).append("\" type=\"").append(e.kind()).append("\">")
                            .append(JunitReport.text(details(e))).append("</failure>\n");
                } else {
                    body.append("      <skipped message=\"").append(JunitReport.attr(e.kind().title() + ": "
                            + e.detail())).append("\"/>\n");
                }
                body.append("    </testcase>\n");
            }
            body.append("  </testsuite>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"trailguard logs validate "
                + JunitReport.attr(r.location()) + "\" tests=\"" + tests + "\" failures=\"" + failures
                + "\" errors=\"0\" skipped=\"" + skipped + "\" timestamp=\"" + stamp + "\">\n" + body
                + "</testsuites>\n";
    }

    private static String details(Entry e) {
        return e.detail() + "\nKind: " + e.kind() + " (" + e.kind().title() + ")\nHour: " + range(e.from(), e.to())
                + (e.object() == null ? "" : "\nObject: " + e.object()) + "\nSee " + HELP_URI + "\n";
    }

    // ---- SARIF ----

    /**
     * SARIF 2.1.0: one rule per issue kind found, one result per issue. A failing kind is a result of kind
     * {@code fail}, level {@code error} ({@code warning} for UNKNOWN); the others are {@code informational} with level
     * {@code none}, as SARIF §3.27.10 requires for every kind but {@code fail}. Each result's location is the object
     * (an artifact relative to the base {@code LOGBUCKET}, {@code s3://bucket/}, when the report names a bucket) and
     * the trail as a logical location; {@code partialFingerprints} hash kind, trail, object and time.
     *
     * @param toolVersion trailguard's version, for {@code tool.driver.version}
     */
    public static String sarif(IntegrityReport r, String toolVersion) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode run = SarifReport.run(root, toolVersion);
        ArrayNode rules = (ArrayNode) run.get("tool").get("driver").get("rules");
        Set<IssueKind> kinds = EnumSet.noneOf(IssueKind.class);
        r.issues().forEach(i -> kinds.add(i.kind()));
        List<IssueKind> ordered = List.copyOf(kinds);
        for (IssueKind k : ordered) {
            ObjectNode rule = rules.addObject();
            rule.put("id", k.name());
            rule.put("name", pascal(k.title()));
            rule.putObject("shortDescription").put("text", k.title());
            rule.putObject("fullDescription").put("text", description(k));
            rule.putObject("help").put("text", description(k) + " See " + HELP_URI);
            rule.put("helpUri", HELP_URI);
            rule.putObject("defaultConfiguration").put("level", level(k));
            ObjectNode props = rule.putObject("properties");
            props.putArray("tags").add("security").add("trailguard").add("cloudtrail-log-integrity");
            if (k.failing()) {
                props.put("security-severity", k == IssueKind.UNKNOWN ? "5.0" : "8.0");
            }
        }
        String bucket = IntegrityAsff.bucket(r.location());
        if (bucket != null) {
            run.putObject("originalUriBaseIds").putObject("LOGBUCKET").put("uri", "s3://" + encode(bucket) + "/");
        }
        ArrayNode results = run.putArray("results");
        for (IntegrityIssue i : r.issues()) {
            ObjectNode o = results.addObject();
            o.put("ruleId", i.kind().name());
            o.put("ruleIndex", ordered.indexOf(i.kind()));
            o.put("kind", i.kind().failing() ? "fail" : "informational");
            o.put("level", i.kind().failing() ? level(i.kind()) : "none");
            o.putObject("message").put("text", i.kind().title() + " in " + IntegrityReports.trailName(i.trail())
                    + ", " + range(i.from(), i.to()) + ": " + i.detail());
            ObjectNode loc = o.putArray("locations").addObject();
            if (i.object() != null) {
                ObjectNode art = loc.putObject("physicalLocation").putObject("artifactLocation");
                art.put("uri", encode(i.object()));
                if (bucket != null) {
                    art.put("uriBaseId", "LOGBUCKET");
                }
            }
            loc.putArray("logicalLocations").addObject().put("name", i.trail().trail() == null ? "log files"
                    : i.trail().trail()).put("fullyQualifiedName", i.trail().toString()).put("kind", "resource");
            o.putObject("partialFingerprints").put(SarifReport.FINGERPRINT_KEY, Reports.sha256(i.kind() + "\n"
                    + i.trail() + "\n" + i.object() + "\n" + i.from()));
            ObjectNode props = o.putObject("properties");
            props.put("account", i.trail().account());
            props.put("region", i.trail().region());
            props.put("from", time(i.from()));
            props.put("to", time(i.to()));
        }
        ObjectNode props = run.putObject("properties");
        props.put("location", r.location());
        props.put("validatedAt", r.validatedAt().toString());
        props.put("digests", r.counts().digests());
        props.put("logFiles", r.counts().logFiles());
        return Json.pretty(root) + "\n";
    }

    private static String level(IssueKind k) {
        return !k.failing() ? "none" : k == IssueKind.UNKNOWN ? "warning" : "error";
    }

    /** What each kind means, in one sentence (SARIF rule descriptions, OCSF finding descriptions). */
    static String description(IssueKind k) {
        return switch (k) {
            case MODIFIED -> "The SHA-256 of a log file's uncompressed content differs from the hash its digest lists: "
                    + "it was changed after CloudTrail delivered it.";
            case DELETED -> "A log file a digest lists is no longer in the bucket.";
            case NOT_COVERED -> "A log file under the prefix that no digest lists: added after delivery, or delivered "
                    + "while log file validation was off.";
            case DIGEST_INVALID -> "A digest's signature does not verify, it has no signature, or it is not where it "
                    + "says it is.";
            case CHAIN_BROKEN -> "A digest names a previous digest whose hash or signature is not the one stored: the "
                    + "previous digest was replaced.";
            case DIGEST_MISSING -> "A digest the chain names is not in the bucket: nothing vouches for the log files "
                    + "of its time range.";
            case UNKNOWN -> "An object could not be read, or its public key is not known: nothing can be said of its "
                    + "hour.";
            case LOGGING_OFF -> "A valid chain link skips time: the trail was not logging (StopLogging) in between.";
            case VALIDATION_OFF -> "A new digest chain starts after an earlier one: log file validation was off, or "
                    + "the trail was re-created, in between.";
            case NO_LOG_FILES -> "Consecutive valid digests list no log files: no events were delivered in those "
                    + "hours.";
        };
    }

    private static String pascal(String title) {
        StringBuilder sb = new StringBuilder();
        for (String w : title.split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) {
                sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return sb.toString();
    }

    /** A key as a URI path: each segment percent-encoded (RFC 3986), the slashes kept. */
    private static String encode(String key) {
        StringBuilder sb = new StringBuilder();
        String[] parts = key.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            sb.append(i > 0 ? "/" : "").append(URLEncoder.encode(parts[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    // ---- OCSF ----

    /** OCSF Detection Finding (https://schema.ocsf.io/1.1.0/classes/detection_finding). */
    public static final int OCSF_CLASS_UID = 2004;

    /**
     * OCSF 1.1.0 Detection Finding events (class 2004, category Findings, activity Create, {@code type_uid} 200401),
     * one per issue. Detection Finding, not the scan's Compliance Finding: a modified or deleted log file is a
     * detected tampering with evidence, not the outcome of a configuration control. {@code time} is the validation
     * time, {@code finding_info.first_seen_time}/{@code last_seen_time} the issue's hour or interval,
     * {@code severity_id} High 4 for tampering, Medium 3 for UNKNOWN, Informational 1 for intervals that do not fail;
     * the resource is the object (or the trail) in its account and region.
     *
     * @param toolVersion trailguard's version, for {@code metadata.product.version}
     */
    public static String ocsf(IntegrityReport r, String toolVersion) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        long time = r.validatedAt().toEpochMilli();
        String bucket = IntegrityAsff.bucket(r.location());
        for (IntegrityIssue i : r.issues()) {
            ObjectNode o = out.addObject();
            o.put("class_uid", OCSF_CLASS_UID);
            o.put("class_name", "Detection Finding");
            o.put("category_uid", OcsfReport.CATEGORY_UID);
            o.put("category_name", "Findings");
            o.put("activity_id", OcsfReport.ACTIVITY_ID);
            o.put("activity_name", "Create");
            o.put("type_uid", OCSF_CLASS_UID * 100 + OcsfReport.ACTIVITY_ID);
            o.put("type_name", "Detection Finding: Create");
            int sev = !i.kind().failing() ? 1 : i.kind() == IssueKind.UNKNOWN ? 3 : 4;
            o.put("severity_id", sev);
            o.put("severity", sev == 4 ? "High" : sev == 3 ? "Medium" : "Informational");
            o.put("status_id", 1);
            o.put("status", "New");
            o.put("time", time);
            o.put("message", i.detail());
            ObjectNode fi = o.putObject("finding_info");
            fi.put("uid", "trailguard/logs/" + i.kind() + "/" + Reports.sha256(i.kind() + "\n" + i.trail() + "\n"
                    + i.object() + "\n" + i.from()));
            fi.put("title", i.kind().title());
            fi.put("desc", description(i.kind()));
            ArrayNode types = fi.putArray("types").add(i.kind().name());
            IntegrityAsff.types(i.kind()).forEach(types::add);
            fi.put("created_time", time);
            if (i.from() != null) {
                fi.put("first_seen_time", i.from().toEpochMilli());
            }
            if (i.to() != null) {
                fi.put("last_seen_time", i.to().toEpochMilli());
            }
            fi.put("src_url", HELP_URI);
            ObjectNode res = o.putArray("resources").addObject();
            if (i.object() != null || i.trail().trail() == null) {
                res.put("uid", bucket == null ? r.location() + "/" + i.object()
                        : "arn:aws:s3:::" + bucket + "/" + (i.object() == null ? "" : i.object()));
                res.put("type", "AWS::S3::Object");
            } else {
                res.put("uid", "arn:aws:cloudtrail:" + i.trail().homeRegion() + ":" + i.trail().account() + ":trail/"
                        + i.trail().trail());
                res.put("type", "AWS::CloudTrail::Trail");
            }
            res.put("region", i.trail().region());
            res.put("cloud_partition", "aws");
            res.putObject("owner").putObject("account").put("uid", i.trail().account()).put("type", "AWS Account")
                    .put("type_id", 10);
            ObjectNode cloud = o.putObject("cloud");
            cloud.put("provider", "AWS");
            cloud.putObject("account").put("uid", i.trail().account()).put("type", "AWS Account").put("type_id", 10);
            cloud.put("region", i.trail().region());
            ObjectNode meta = o.putObject("metadata");
            meta.put("version", OcsfReport.OCSF_VERSION);
            meta.putObject("product").put("name", "trailguard").put("vendor_name", "trailguard")
                    .put("version", toolVersion).put("url_string", Reports.INFORMATION_URI);
            ObjectNode unmapped = o.putObject("unmapped");
            unmapped.put("trail", i.trail().trail());
            unmapped.put("home_region", i.trail().homeRegion());
            unmapped.put("organization_id", i.trail().organizationId());
            unmapped.put("prefix", i.trail().prefix());
            unmapped.put("failing", i.kind().failing());
        }
        return Json.pretty(out) + "\n";
    }

    // ---- HTML ----

    /**
     * One self-contained page (inline CSS and script, no external assets): the totals, every trail with one cell per
     * hour coloured by its verdict (its digest and counts in the cell's title), then every issue in a table that a
     * kind filter and a search box narrow. The JSON report is embedded as {@code <script type="application/json">};
     * every text is escaped as in the scan's HTML report.
     */
    public static String html(IntegrityReport r) {
        String title = "trailguard log integrity: " + r.location();
        IntegrityReport.Counts c = r.counts();
        long failing = r.issues().stream().filter(i -> i.kind().failing()).count();
        StringBuilder sb = new StringBuilder(32 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n<title>").append(esc(title))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<header><h1>")
                .append(esc(title)).append("</h1>\n<p class=\"meta\">validated ").append(esc(r.validatedAt().toString()))
                .append("; ").append(r.trails().size()).append(" trail chain(s); <a href=\"").append(HELP_URI)
                .append("\">what is validated</a></p>\n</header>\n<main>\n<section id=\"summary\"><h2>Summary</h2>\n")
                .append("<div class=\"cards\">\n");
        card(sb, failing == 0 ? "ok" : "bad", "failing issues", failing);
        card(sb, "", "digests", c.digests());
        card(sb, "", "log files listed", c.logFiles());
        card(sb, "ok", "valid", c.validLogFiles());
        card(sb, "bad", "modified", c.modified());
        card(sb, "bad", "deleted", c.deleted());
        card(sb, "bad", "not covered", c.notCovered());
        card(sb, "unk", "unknown", c.unknown());
        sb.append("</div></section>\n<section id=\"trails\"><h2>Trails by hour</h2>\n<table>\n<thead><tr><th>account")
                .append("</th><th>region</th><th>trail</th><th>hours</th><th>valid</th><th>invalid</th><th>unknown")
                .append("</th><th>from – to</th><th>hour by hour</th></tr></thead>\n<tbody>\n");
        for (TrailResult t : r.trails()) {
            Map<HourResult.Verdict, Integer> n = new EnumMap<>(HourResult.Verdict.class);
            t.hours().forEach(h -> n.merge(h.status(), 1, Integer::sum));
            TrailId id = t.trail();
            sb.append("<tr><td>").append(esc(id.account())).append("</td><td>").append(esc(id.region()))
                    .append("</td><td>").append(esc(id.trail() + " (home " + id.homeRegion() + ")"
                            + (id.organizationId() == null ? "" : " " + id.organizationId())
                            + (id.prefix().isEmpty() ? "" : " prefix " + id.prefix())))
                    .append("</td><td>").append(t.hours().size()).append("</td><td>")
                    .append(n.getOrDefault(HourResult.Verdict.VALID, 0)).append("</td><td>")
                    .append(n.getOrDefault(HourResult.Verdict.INVALID, 0)).append("</td><td>")
                    .append(n.getOrDefault(HourResult.Verdict.UNKNOWN, 0)).append("</td><td>")
                    .append(esc(t.hours().isEmpty() ? "" : range(t.hours().get(0).start(),
                            t.hours().get(t.hours().size() - 1).end()))).append("</td><td class=\"strip\">");
            for (HourResult h : t.hours()) {
                sb.append("<span class=\"h h-").append(h.status()).append("\" title=\"")
                        .append(esc(h.status() + " " + range(h.start(), h.end()) + ": " + h.logFiles()
                                + " log file(s), " + h.valid() + " valid, " + h.modified() + " modified, "
                                + h.deleted() + " deleted, " + h.unknown() + " unknown; digest " + h.digest()))
                        .append("\"></span>");
            }
            sb.append("</td></tr>\n");
        }
        sb.append("</tbody></table></section>\n<section id=\"issues\"><h2>Issues</h2>\n<p><select id=\"kind\">")
                .append("<option value=\"\">every kind</option>");
        Set<IssueKind> kinds = EnumSet.noneOf(IssueKind.class);
        r.issues().forEach(i -> kinds.add(i.kind()));
        for (IssueKind k : kinds) {
            sb.append("<option value=\"").append(k).append("\">").append(k).append(" – ").append(esc(k.title()))
                    .append("</option>");
        }
        sb.append("</select> <input id=\"q\" type=\"search\" placeholder=\"search\"></p>\n<table>\n<thead><tr>")
                .append("<th>kind</th><th>account</th><th>region</th><th>trail</th><th>from – to</th><th>object</th>")
                .append("<th>detail</th></tr></thead>\n<tbody>\n");
        if (r.issues().isEmpty()) {
            sb.append("<tr><td colspan=\"7\">No issue: every digest and every log file it lists is valid.</td></tr>\n");
        }
        for (IntegrityIssue i : r.issues()) {
            sb.append("<tr class=\"issue\" data-kind=\"").append(i.kind()).append("\"><td><span class=\"k ")
                    .append(i.kind().failing() ? i.kind() == IssueKind.UNKNOWN ? "unk" : "bad" : "note")
                    .append("\" title=\"").append(esc(i.kind().title())).append("\">").append(i.kind())
                    .append("</span></td><td>").append(esc(i.trail().account())).append("</td><td>")
                    .append(esc(i.trail().region())).append("</td><td>")
                    .append(esc(i.trail().trail() == null ? "(log files)" : i.trail().trail())).append("</td><td>")
                    .append(esc(range(i.from(), i.to()))).append("</td><td class=\"obj\">")
                    .append(esc(i.object() == null ? "" : i.object())).append("</td><td>").append(esc(i.detail()))
                    .append("</td></tr>\n");
        }
        sb.append("</tbody></table></section>\n</main>\n<script type=\"application/json\" id=\"tg-data\">")
                .append(HtmlReport.scriptSafeJson(IntegrityReports.json(r).strip())).append("</script>\n<script>\n")
                .append(JS).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static String esc(String s) {
        return HtmlReport.esc(TerminalText.sanitize(s));
    }

    private static void card(StringBuilder sb, String cls, String label, long n) {
        sb.append("<div class=\"card ").append(cls).append("\"><span class=\"n\">").append(n)
                .append("</span><span class=\"l\">").append(esc(label)).append("</span></div>\n");
    }

    private static final String CSS = """
            :root{--fg:#1d2430;--mut:#5b6575;--line:#d9dee6;--bad:#c62828;--unk:#b26a00;--ok:#2e7d32;--note:#5b6575}
            *{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;\
            color:var(--fg);margin:0 auto;max-width:1280px;padding:16px 24px}
            h1{font-size:22px;margin:8px 0;word-break:break-all}h2{font-size:17px;margin:24px 0 8px;\
            border-bottom:1px solid var(--line)}.meta{color:var(--mut)}
            .cards{display:flex;flex-wrap:wrap;gap:8px}.card{border:1px solid var(--line);border-radius:6px;\
            padding:8px 12px;min-width:110px}.card .n{display:block;font-size:22px;font-weight:600}\
            .card .l{color:var(--mut)}.card.bad .n{color:var(--bad)}.card.ok .n{color:var(--ok)}\
            .card.unk .n{color:var(--unk)}
            table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:4px 6px;\
            text-align:left;vertical-align:top}.obj{word-break:break-all;font-family:ui-monospace,monospace;font-size:12px}
            .strip{line-height:0}.h{display:inline-block;width:6px;height:14px;margin:0 1px 1px 0;border-radius:1px}
            .h-VALID{background:var(--ok)}.h-INVALID{background:var(--bad)}.h-UNKNOWN{background:var(--unk)}
            .k{font-weight:600}.k.bad{color:var(--bad)}.k.unk{color:var(--unk)}.k.note{color:var(--note)}
            """;

    private static final String JS = """
            (function(){var k=document.getElementById('kind'),q=document.getElementById('q');
            function f(){var kv=k.value,qv=q.value.toLowerCase();
            document.querySelectorAll('tr.issue').forEach(function(r){
            r.style.display=(!kv||r.dataset.kind===kv)&&(!qv||r.textContent.toLowerCase().indexOf(qv)>=0)?'':'none';});}
            k.addEventListener('change',f);q.addEventListener('input',f);})();
            """;
}
