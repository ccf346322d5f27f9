package io.trailguard.core.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The issues of an integrity report as AWS Security Finding Format findings
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format-syntax.html): one finding per
 * issue, its {@code Id} stable for the same issue on the same object (a later import updates it), the object as an
 * {@code AwsS3Object} resource (an interval without an object: the trail, {@code AwsCloudTrailTrail}).
 *
 * <p>Severity: HIGH for tampering (MODIFIED, DELETED, NOT_COVERED, DIGEST_INVALID, CHAIN_BROKEN, DIGEST_MISSING),
 * MEDIUM for UNKNOWN, INFORMATIONAL for the intervals that do not fail a run (LOGGING_OFF, VALIDATION_OFF,
 * NO_LOG_FILES). {@code Types} from the ASFF types taxonomy
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format-type-taxonomy.html): changing
 * or removing delivered logs is {@code TTPs/Defense Evasion} (MITRE ATT&amp;CK's indicator removal), and removal also
 * {@code Effects/Data Destruction}; a trail that stopped logging is the taxonomy's own example
 * {@code TTPs/Defense Evasion/CloudTrailStopped}; what could not be checked, or was delivered without validation, is a
 * configuration matter ({@code Software and Configuration Checks/AWS Security Best Practices}); hours without log
 * files are {@code Unusual Behaviors/Data}.
 *
 * @since 0.2.0
 */
public final class IntegrityAsff {
    /** The ASFF schema version. */
    public static final String SCHEMA_VERSION = "2018-10-08";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IntegrityAsff() {
    }

    /**
     * The {@code BatchImportFindings} request body {@code {"Findings": [...]}} for the report's failing issues, all
     * imported by one account (the triggered-validation Lambda's).
     *
     * @param account the account importing (the product ARN's and the findings' account)
     * @param region  the region of Security Hub that imports them
     * @param bucket  the log bucket
     */
    public static String findings(IntegrityReport r, String account, String region, String bucket) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("Findings");
        for (IntegrityIssue i : r.issues()) {
            if (i.kind().failing()) {
                finding(list.addObject(), r, i, account, region, bucket);
            }
        }
        return pretty(root);
    }

    /**
     * The report's every issue as a JSON array of findings, as the scan's ASFF report writes them: each finding in the
     * account whose logs it concerns (that account's default product), ready to split into batches of 100.
     *
     * @param importRegion the Security Hub region the findings are imported into (the product ARN's region)
     */
    public static String render(IntegrityReport r, String importRegion) {
        String bucket = bucket(r.location());
        ArrayNode list = JSON.createArrayNode();
        for (IntegrityIssue i : r.issues()) {
            finding(list.addObject(), r, i, i.trail().account(), importRegion, bucket);
        }
        return pretty(list) + "\n";
    }

    /** The ASFF {@code Types} of an issue kind. */
    public static List<String> types(IssueKind k) {
        return switch (k) {
            case MODIFIED, NOT_COVERED, DIGEST_INVALID, CHAIN_BROKEN -> List.of("TTPs/Defense Evasion");
            case DELETED, DIGEST_MISSING -> List.of("TTPs/Defense Evasion", "Effects/Data Destruction");
            case LOGGING_OFF -> List.of("TTPs/Defense Evasion/CloudTrailStopped");
            case UNKNOWN, VALIDATION_OFF -> List.of("Software and Configuration Checks/AWS Security Best Practices");
            case NO_LOG_FILES -> List.of("Unusual Behaviors/Data");
        };
    }

    /** The ASFF {@code Severity.Label} of an issue kind. */
    public static String severity(IssueKind k) {
        return !k.failing() ? "INFORMATIONAL" : k == IssueKind.UNKNOWN ? "MEDIUM" : "HIGH";
    }

    /** The bucket of a report's {@code s3://bucket/prefix} location, or {@code null} for a local directory. */
    public static String bucket(String location) {
        if (!location.startsWith("s3://")) {
            return null;
        }
        int slash = location.indexOf('/', 5);
        return slash < 0 ? location.substring(5) : location.substring(5, slash);
    }

    private static void finding(ObjectNode o, IntegrityReport r, IntegrityIssue i, String account, String region,
            String bucket) {
        String time = r.validatedAt().toString();
        o.put("SchemaVersion", SCHEMA_VERSION);
        o.put("Id", "trailguard/logs/" + i.kind() + "/" + id((bucket == null ? r.location() : bucket) + "/"
                + (i.object() == null ? i.trail().toString() : i.object()) + "/" + i.from()));
        o.put("ProductArn", "arn:aws:securityhub:" + region + ":" + account + ":product/" + account + "/default");
        o.put("ProductName", "trailguard");
        o.put("CompanyName", "trailguard");
        o.put("GeneratorId", "trailguard-logs-validate-" + i.kind());
        o.put("AwsAccountId", account);
        ArrayNode types = o.putArray("Types");
        types(i.kind()).forEach(types::add);
        o.put("CreatedAt", time);
        o.put("UpdatedAt", time);
        if (i.from() != null) {
            o.put("FirstObservedAt", i.from().toString());
        }
        if (i.to() != null) {
            o.put("LastObservedAt", i.to().toString());
        }
        o.putObject("Severity").put("Label", severity(i.kind()));
        o.put("Title", truncate("CloudTrail log integrity: " + i.kind().title() + " (" + i.kind() + ") in account "
                + i.trail().account() + " " + i.trail().region(), 256));
        o.put("Description", truncate(i.detail() + " (" + (i.from() == null ? "…" : i.from()) + " – "
                + (i.to() == null ? "…" : i.to()) + ")", 1024));
        ObjectNode res = o.putArray("Resources").addObject();
        if (i.object() != null || i.trail().trail() == null) {
            res.put("Type", "AwsS3Object");
            res.put("Id", bucket == null ? truncate(r.location() + "/" + i.object(), 512)
                    : "arn:aws:s3:::" + bucket + "/" + (i.object() == null ? "" : i.object()));
        } else {
            res.put("Type", "AwsCloudTrailTrail");
            res.put("Id", "arn:aws:cloudtrail:" + i.trail().homeRegion() + ":" + i.trail().account() + ":trail/"
                    + i.trail().trail());
        }
        res.put("Partition", "aws");
        res.put("Region", i.trail().region());
        o.putObject("Workflow").put("Status", "NEW");
        o.put("RecordState", "ACTIVE");
        ObjectNode fields = o.putObject("ProductFields");
        fields.put("trailguard/Kind", i.kind().name());
        if (i.trail().trail() != null) {
            fields.put("trailguard/Trail", i.trail().trail());
            fields.put("trailguard/HomeRegion", i.trail().homeRegion());
        }
        if (i.trail().organizationId() != null) {
            fields.put("trailguard/OrganizationId", i.trail().organizationId());
        }
        if (!i.trail().prefix().isEmpty()) {
            fields.put("trailguard/Prefix", i.trail().prefix());
        }
    }

    private static String pretty(Object node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
