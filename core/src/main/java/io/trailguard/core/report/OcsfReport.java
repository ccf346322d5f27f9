package io.trailguard.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.Finding;
import io.trailguard.core.Reference;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import io.trailguard.core.snapshot.Json;

/**
 * The OCSF report: a JSON array of OCSF 1.1.0 Compliance Finding events (class 2003, category Findings), for
 * security data lakes (Amazon Security Lake and other OCSF consumers).
 *
 * <p>Every finding is one event with activity Create ({@code type_uid} 200301), {@code time} the snapshot's capture
 * time in epoch milliseconds, {@code compliance.status_id} from the outcome (Pass 1, Warning 2 for undecided, Fail 3,
 * Other 99 for not applicable), {@code severity_id} from the severity (Informational 1 … Critical 5) and the finding
 * {@code status_id} New 1, Resolved 4 for a pass, or Suppressed 3.
 *
 * @since 0.1.0
 */
public final class OcsfReport {
    /** The OCSF schema version written. */
    public static final String OCSF_VERSION = "1.1.0";
    /** Compliance Finding. */
    public static final int CLASS_UID = 2003;
    /** Findings. */
    public static final int CATEGORY_UID = 2;
    /** Create. */
    public static final int ACTIVITY_ID = 1;

    private OcsfReport() {
    }

    /**
     * The events as an indented JSON array.
     *
     * @param toolVersion trailguard's version, for {@code metadata.product.version}
     */
    public static String render(ScanResult result, String toolVersion) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Finding f : result.findings()) {
            event(out.addObject(), f, result, toolVersion);
        }
        return Json.pretty(out) + "\n";
    }

    /** OCSF {@code severity_id}: Informational 1, Low 2, Medium 3, High 4, Critical 5. */
    public static int severityId(Severity s) {
        return switch (s) {
            case INFO -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    private static void event(ObjectNode o, Finding f, ScanResult result, String toolVersion) {
        ResourceRef r = f.resource();
        long time = result.capturedAt().toEpochMilli();
        o.put("class_uid", CLASS_UID);
        o.put("class_name", "Compliance Finding");
        o.put("category_uid", CATEGORY_UID);
        o.put("category_name", "Findings");
        o.put("activity_id", ACTIVITY_ID);
        o.put("activity_name", "Create");
        o.put("type_uid", CLASS_UID * 100 + ACTIVITY_ID);
        o.put("type_name", "Compliance Finding: Create");
        o.put("severity_id", severityId(f.severity()));
        o.put("severity", severityName(f.severity()));
        int statusId = f.isSuppressed() ? 3 : f.status() == Status.PASS ? 4 : 1;
        o.put("status_id", statusId);
        o.put("status", statusId == 3 ? "Suppressed" : statusId == 4 ? "Resolved" : "New");
        o.put("time", time);
        o.put("message", f.message());

        ObjectNode c = o.putObject("compliance");
        int cs = switch (f.status()) {
            case PASS -> 1;
            case UNKNOWN -> 2;
            case FAIL -> 3;
            case NOT_APPLICABLE -> 99;
        };
        c.put("status_id", cs);
        c.put("status", switch (cs) {
            case 1 -> "Pass";
            case 2 -> "Warning";
            case 3 -> "Fail";
            default -> "Other";
        });
        if (f.status() == Status.NOT_APPLICABLE) {
            c.put("status_detail", "not applicable");
        } else if (f.unknown() != null) {
            c.put("status_detail", f.unknown().code() + ": " + f.unknown().detail());
        }
        c.put("control", f.ruleId());
        ArrayNode standards = c.putArray("standards");
        ArrayNode reqs = c.putArray("requirements");
        for (Reference ref : f.references()) {
            if (!ref.kind().equals("doc")) {
                standards.add(ref.title());
                reqs.add(ref.kind() + ":" + ref.id());
            }
        }
        if (standards.isEmpty()) {
            standards.add("trailguard");
        }

        ObjectNode fi = o.putObject("finding_info");
        fi.put("uid", "trailguard/" + f.ruleId() + "/" + Reports.fingerprint(f));
        fi.put("title", f.title());
        fi.put("desc", f.rationale());
        fi.putArray("types").add(Reports.topic(f.ruleId())).add(AsffReport.FINDING_TYPE);
        fi.put("created_time", time);
        String url = Reports.firstUrl(f.references());
        if (url != null) {
            fi.put("src_url", url);
        }

        ObjectNode res = o.putArray("resources").addObject();
        res.put("uid", r.id());
        res.put("type", r.type());
        res.put("region", r.region());
        res.put("cloud_partition", "aws");
        res.putObject("owner").putObject("account").put("uid", r.accountId()).put("type", "AWS Account")
                .put("type_id", 10);

        ObjectNode cloud = o.putObject("cloud");
        cloud.put("provider", "AWS");
        cloud.putObject("account").put("uid", r.accountId()).put("type", "AWS Account").put("type_id", 10);
        cloud.put("region", r.region());

        ObjectNode meta = o.putObject("metadata");
        meta.put("version", OCSF_VERSION);
        meta.putObject("product").put("name", "trailguard").put("vendor_name", "trailguard")
                .put("version", toolVersion).put("url_string", Reports.INFORMATION_URI);

        if (f.fix() != null) {
            ObjectNode rem = o.putObject("remediation");
            StringBuilder desc = new StringBuilder(f.fix().summary());
            for (String c2 : f.fix().cli()) {
                desc.append("\n$ ").append(c2);
            }
            rem.put("desc", desc.toString());
            ArrayNode refs = rem.putArray("references");
            f.references().stream().map(Reference::url).filter(Reports::isWebUri).forEach(refs::add);
        }
        if (f.suppression() != null || !f.evidence().isEmpty()) {
            ObjectNode unmapped = o.putObject("unmapped");
            if (f.suppression() != null) {
                ObjectNode s = unmapped.putObject("suppression").put("reason", f.suppression().reason())
                        .put("source", f.suppression().source());
                if (f.suppression().expires() != null) {
                    s.put("expires", f.suppression().expires().toString());
                }
            }
            if (!f.evidence().isEmpty()) {
                ArrayNode ev = unmapped.putArray("evidence");
                f.evidence().forEach(e -> ev.add(e.describe()));
            }
        }
    }

    private static String severityName(Severity s) {
        return switch (s) {
            case INFO -> "Informational";
            case LOW -> "Low";
            case MEDIUM -> "Medium";
            case HIGH -> "High";
            case CRITICAL -> "Critical";
        };
    }
}
