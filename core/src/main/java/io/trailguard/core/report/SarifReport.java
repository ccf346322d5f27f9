package io.trailguard.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.Finding;
import io.trailguard.core.Fix;
import io.trailguard.core.Reference;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import io.trailguard.core.snapshot.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SARIF 2.1.0 report, for code-scanning dashboards (GitHub, Azure DevOps, SARIF viewers).
 *
 * <p>One run; {@code tool.driver.rules} describes each rule that has a finding. A failure is a result of kind
 * {@code fail} with a level from its severity (critical and high: {@code error}, medium: {@code warning}, low and
 * info: {@code note}). An undecided finding ({@link Status#UNKNOWN}) is, when asked for, a result of kind
 * {@code open} ("insufficient information to decide", SARIF §3.27.9) with level {@code none}, as §3.27.10 requires
 * for every kind other than {@code fail}. AWS resources are not files, so a result's location is a logical location
 * (the resource id, with its type, account and region). {@code partialFingerprints["trailguard/v1"]} hashes rule id,
 * resource type, resource id and account, so the same problem keeps its identity across runs. A suppressed finding
 * carries an external, accepted suppression with its reason.
 *
 * @since 0.1.0
 */
public final class SarifReport {
    /** The SARIF version written. */
    public static final String SARIF_VERSION = "2.1.0";
    /** The schema the output claims. */
    public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The key of the stable fingerprint in {@code partialFingerprints}. */
    public static final String FINGERPRINT_KEY = "trailguard/v1";

    private SarifReport() {
    }

    /**
     * The report as indented JSON text.
     *
     * @param toolVersion    trailguard's version, for {@code tool.driver.version}
     * @param includeUnknown also report undecided findings, as results of kind {@code open}
     */
    public static String render(ScanResult result, String toolVersion, boolean includeUnknown) {
        return render(result, toolVersion, includeUnknown, null);
    }

    /**
     * The report as indented JSON text, each location also naming an artifact (a physical location). GitHub code
     * scanning displays only results with a physical location, so pass the snapshot file's path relative to the
     * repository root when the report is uploaded there.
     *
     * @param toolVersion    trailguard's version, for {@code tool.driver.version}
     * @param includeUnknown also report undecided findings, as results of kind {@code open}
     * @param artifactUri    a relative URI reference to the scanned file ({@code snapshots/org.json}), or
     *                       {@code null} for logical locations only
     */
    public static String render(ScanResult result, String toolVersion, boolean includeUnknown, String artifactUri) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode run = run(root, toolVersion);
        ArrayNode rules = (ArrayNode) run.get("tool").get("driver").get("rules");
        List<Finding> reported = result.findings().stream()
                .filter(f -> f.status() == Status.FAIL || includeUnknown && f.status() == Status.UNKNOWN).toList();
        List<String> ruleIds = new ArrayList<>();
        for (Map.Entry<String, Finding> e : Reports.firstByRule(reported).entrySet()) {
            ruleIds.add(e.getKey());
            rule(rules.addObject(), e.getValue(), reported);
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : reported) {
            result(results.addObject(), f, ruleIds.indexOf(f.ruleId()), artifactUri);
        }
        ObjectNode props = run.putObject("properties");
        props.put("capturedAt", result.capturedAt().toString());
        ArrayNode accounts = props.putArray("accounts");
        result.accounts().forEach(accounts::add);
        props.put("resourceCount", result.resourceCount());
        props.put("collectionErrors", result.collectionErrors().size());
        return Json.pretty(root) + "\n";
    }

    /** Makes {@code root} a SARIF 2.1.0 document with one run whose driver is trailguard (rules empty); returns the run. */
    static ObjectNode run(ObjectNode root, String toolVersion) {
        root.put("$schema", SCHEMA_URI);
        root.put("version", SARIF_VERSION);
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "trailguard");
        driver.put("version", toolVersion);
        driver.put("informationUri", Reports.INFORMATION_URI);
        driver.putArray("rules");
        return run;
    }

    /** The SARIF level of a failure of this severity. */
    public static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    private static void rule(ObjectNode o, Finding f, List<Finding> all) {
        o.put("id", f.ruleId());
        o.put("name", pascal(f.title()));
        o.putObject("shortDescription").put("text", f.title());
        o.putObject("fullDescription").put("text", f.rationale());
        Finding withFix = all.stream().filter(x -> x.ruleId().equals(f.ruleId()) && x.fix() != null).findFirst()
                .orElse(null);
        Fix fix = withFix == null ? null : withFix.fix();
        StringBuilder text = new StringBuilder(f.rationale());
        StringBuilder md = new StringBuilder("**").append(md(f.title())).append("**\n\n").append(md(f.rationale()));
        if (fix != null) {
            String example = " (for example, for " + withFix.resource().id() + "): ";
            text.append("\n\nHow to fix").append(example).append(fix.summary());
            md.append("\n\n**How to fix**").append(md(example)).append(md(fix.summary()));
        }
        if (!f.references().isEmpty()) {
            text.append("\n\nReferences:");
            md.append("\n\n**References**\n");
            for (Reference r : f.references()) {
                text.append("\n- ").append(r.title()).append(r.url() == null ? "" : " " + r.url());
                md.append("\n- ").append(Reports.isWebUri(r.url()) ? "[" + md(r.title()) + "](" + r.url() + ")" : md(r.title()));
            }
        }
        o.putObject("help").put("text", text.toString()).put("markdown", md.toString());
        String url = Reports.firstUrl(f.references());
        if (url != null) {
            o.put("helpUri", url);
        }
        o.putObject("defaultConfiguration").put("level", level(f.severity()));
        ObjectNode props = o.putObject("properties");
        props.put("severity", f.severity().label());
        props.put("security-severity", securitySeverity(f.severity()));
        ArrayNode tags = props.putArray("tags");
        tags.add("security").add("trailguard").add(Reports.topic(f.ruleId()));
        for (Reference r : f.references()) {
            tags.add(r.kind() + ":" + r.id());
        }
    }

    private static void result(ObjectNode o, Finding f, int ruleIndex, String artifactUri) {
        o.put("ruleId", f.ruleId());
        o.put("ruleIndex", ruleIndex);
        boolean fail = f.status() == Status.FAIL;
        o.put("kind", fail ? "fail" : "open");
        o.put("level", fail ? level(f.severity()) : "none");
        String text = f.message();
        Fix fix = f.fix();
        if (fix != null) {
            text += " Fix: " + fix.summary();
        }
        ObjectNode msg = o.putObject("message").put("text", text);
        if (fix != null && !fix.cli().isEmpty()) {
            msg.put("markdown", md(f.message()) + "\n\n**Fix:** " + md(fix.summary()) + "\n\n```sh\n"
                    + String.join("\n", fix.cli()) + "\n```");
        }
        ResourceRef r = f.resource();
        ObjectNode loc = o.putArray("locations").addObject();
        if (artifactUri != null) {
            ObjectNode physical = loc.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", artifactUri);
            physical.putObject("region").put("startLine", 1);
        }
        ObjectNode logical = loc.putArray("logicalLocations").addObject();
        logical.put("name", r.id());
        logical.put("fullyQualifiedName", r.accountId() + "/" + r.region() + "/" + r.id());
        logical.put("kind", "resource");
        logical.putObject("properties").put("resourceType", r.type()).put("accountId", r.accountId())
                .put("region", r.region());
        o.putObject("partialFingerprints").put(FINGERPRINT_KEY, Reports.fingerprint(f));
        if (f.suppression() != null) {
            ObjectNode s = o.putArray("suppressions").addObject();
            s.put("kind", "external");
            s.put("status", "accepted");
            s.put("justification", f.suppression().reason());
            ObjectNode sp = s.putObject("properties").put("source", f.suppression().source());
            if (f.suppression().expires() != null) {
                sp.put("expires", f.suppression().expires().toString());
            }
        }
        ObjectNode props = o.putObject("properties");
        props.put("status", f.status().name());
        props.put("severity", f.severity().label());
        if (fix != null) {
            ObjectNode fx = props.putObject("fix");
            fx.put("summary", fix.summary());
            ArrayNode steps = fx.putArray("steps");
            fix.steps().forEach(steps::add);
            ArrayNode cli = fx.putArray("cli");
            fix.cli().forEach(cli::add);
        }
        if (f.unknown() != null) {
            props.putObject("unknown").put("code", f.unknown().code().name()).put("detail", f.unknown().detail());
        }
        if (!f.evidence().isEmpty()) {
            ArrayNode ev = props.putArray("evidence");
            f.evidence().forEach(e -> ev.add(e.describe()));
        }
    }

    /** GitHub's 0.0-10.0 scale: critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9. */
    private static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }

    private static String pascal(String title) {
        StringBuilder sb = new StringBuilder();
        for (String w : title.split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) {
                sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return sb.isEmpty() ? "Rule" : sb.toString();
    }

    /** Escapes Markdown's inline specials so messages from snapshots cannot inject links or HTML. */
    private static String md(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if ("\\`*_{}[]()<>#!|".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
