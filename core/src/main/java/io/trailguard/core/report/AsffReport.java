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
import java.util.Map;

/**
 * The AWS Security Finding Format (ASFF) report: a JSON array of findings ready for Security Hub's
 * {@code BatchImportFindings} (which takes at most 100 findings per call; the caller splits the array).
 *
 * <p>Each finding is imported through the account's default product
 * ({@code arn:aws:securityhub:<region>:<account>:product/<account>/default}). {@code Id} is stable across runs
 * ({@code trailguard/<rule>/<fingerprint>}, the fingerprint hashing rule id, resource type, id and account), so a
 * new import updates the earlier finding; {@code CreatedAt} and {@code UpdatedAt} are the snapshot's capture time,
 * so the output is reproducible. Text fields are cut to Security Hub's limits (Title 256, Description 1024,
 * Remediation text 512 characters). A suppressed finding has workflow status {@code SUPPRESSED}; a pass is
 * {@code RESOLVED}; findings that do not apply are archived.
 *
 * @since 0.1.0
 */
public final class AsffReport {
    /** The ASFF schema version. */
    public static final String SCHEMA_VERSION = "2018-10-08";
    /** The finding type every trailguard finding has. */
    public static final String FINDING_TYPE = "Software and Configuration Checks/AWS Security Best Practices";
    static final int TITLE_MAX = 256;
    static final int DESCRIPTION_MAX = 1024;
    static final int REMEDIATION_TEXT_MAX = 512;
    static final int ID_MAX = 512;

    private static final Map<String, String> RESOURCE_TYPES = Map.ofEntries(
            Map.entry("AWS::S3::Bucket", "AwsS3Bucket"),
            Map.entry("AWS::CloudTrail::Trail", "AwsCloudTrailTrail"),
            Map.entry("AWS::KMS::Key", "AwsKmsKey"),
            Map.entry("AWS::EC2::VPC", "AwsEc2Vpc"),
            Map.entry("AWS::EC2::Subnet", "AwsEc2Subnet"),
            Map.entry("AWS::EC2::NetworkInterface", "AwsEc2NetworkInterface"),
            Map.entry("AWS::IAM::Role", "AwsIamRole"),
            Map.entry("AWS::SNS::Topic", "AwsSnsTopic"),
            Map.entry("AWS::CloudWatch::Alarm", "AwsCloudWatchAlarm"),
            Map.entry("AWS::Route53::HostedZone", "AwsRoute53HostedZone"),
            Map.entry(ResourceRef.ACCOUNT_TYPE, "AwsAccount"));

    private AsffReport() {
    }

    /**
     * The findings as an indented JSON array.
     *
     * @param importRegion the Security Hub region the findings are imported into (the product ARN's region), also
     *                     used for resources whose region is {@code global}
     */
    public static String render(ScanResult result, String importRegion) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Finding f : result.findings()) {
            finding(out.addObject(), f, result, importRegion);
        }
        return Json.pretty(out) + "\n";
    }

    /** The ASFF resource type for an AWS Config type, {@code Other} when ASFF has none. */
    public static String resourceType(String configType) {
        return RESOURCE_TYPES.getOrDefault(configType, "Other");
    }

    /** The Severity.Label of a severity. */
    public static String severityLabel(Severity s) {
        return switch (s) {
            case CRITICAL -> "CRITICAL";
            case HIGH -> "HIGH";
            case MEDIUM -> "MEDIUM";
            case LOW -> "LOW";
            case INFO -> "INFORMATIONAL";
        };
    }

    private static void finding(ObjectNode o, Finding f, ScanResult result, String importRegion) {
        ResourceRef r = f.resource();
        String account = r.accountId();
        String time = result.capturedAt().toString();
        o.put("SchemaVersion", SCHEMA_VERSION);
        o.put("Id", Reports.truncate("trailguard/" + f.ruleId() + "/" + Reports.fingerprint(f), ID_MAX));
        o.put("ProductArn", "arn:aws:securityhub:" + importRegion + ":" + account + ":product/" + account + "/default");
        o.put("ProductName", "trailguard");
        o.put("CompanyName", "trailguard");
        o.put("GeneratorId", f.ruleId());
        o.put("AwsAccountId", account);
        o.putArray("Types").add(FINDING_TYPE);
        o.put("CreatedAt", time);
        o.put("UpdatedAt", time);
        o.putObject("Severity").put("Label", severityLabel(f.severity())).put("Original", f.severity().label());
        o.put("Title", Reports.truncate(f.ruleId() + " " + f.title(), TITLE_MAX));
        String desc = f.message();
        if (f.unknown() != null) {
            desc += " (" + f.unknown().code() + ")";
        }
        desc += " Why it matters: " + f.rationale();
        o.put("Description", Reports.truncate(desc, DESCRIPTION_MAX));
        Fix fix = f.fix();
        String url = Reports.firstUrl(f.references());
        if (fix != null || url != null) {
            ObjectNode rec = o.putObject("Remediation").putObject("Recommendation");
            if (fix != null) {
                // the fix's summary and where to read more; never a command, which a cut would make unsafe to run
                String more = url == null ? "" : " See " + url;
                rec.put("Text", more.length() < REMEDIATION_TEXT_MAX / 2
                        ? Reports.truncate(fix.summary(), REMEDIATION_TEXT_MAX - more.length()) + more
                        : Reports.truncate(fix.summary(), REMEDIATION_TEXT_MAX));
            } else {
                rec.put("Text", Reports.truncate("See " + url, REMEDIATION_TEXT_MAX));
            }
            if (url != null) {
                rec.put("Url", url);
            }
        }
        ObjectNode res = o.putArray("Resources").addObject();
        res.put("Type", resourceType(r.type()));
        res.put("Id", r.id());
        res.put("Partition", "aws");
        res.put("Region", r.region().equals("global") ? importRegion : r.region());
        if (resourceType(r.type()).equals("Other")) {
            res.putObject("Details").putObject("Other").put("ConfigType", r.type());
        }
        ObjectNode compliance = o.putObject("Compliance").put("Status", complianceStatus(f.status()));
        ArrayNode reqs = Json.MAPPER.createArrayNode();
        for (Reference ref : f.references()) {
            if (!ref.kind().equals("doc")) {
                reqs.add(Reports.truncate(ref.kind().toUpperCase(java.util.Locale.ROOT) + " " + ref.id(), 128));
            }
        }
        if (!reqs.isEmpty()) {
            compliance.set("RelatedRequirements", reqs);
        }
        o.putObject("Workflow").put("Status", workflow(f));
        o.put("RecordState", f.status() == Status.NOT_APPLICABLE ? "ARCHIVED" : "ACTIVE");
        ObjectNode fields = o.putObject("ProductFields");
        fields.put("trailguard/RuleId", f.ruleId());
        fields.put("trailguard/Status", f.status().name());
        fields.put("trailguard/ConfigType", r.type());
        if (f.suppression() != null) {
            fields.put("trailguard/SuppressionReason", Reports.truncate(f.suppression().reason(), 1000));
            fields.put("trailguard/SuppressionSource", Reports.truncate(f.suppression().source(), 1000));
        }
    }

    private static String complianceStatus(Status s) {
        return switch (s) {
            case PASS -> "PASSED";
            case FAIL -> "FAILED";
            case UNKNOWN -> "WARNING";
            case NOT_APPLICABLE -> "NOT_AVAILABLE";
        };
    }

    private static String workflow(Finding f) {
        if (f.isSuppressed()) {
            return "SUPPRESSED";
        }
        return switch (f.status()) {
            case FAIL, UNKNOWN -> "NEW";
            case PASS, NOT_APPLICABLE -> "RESOLVED";
        };
    }
}
