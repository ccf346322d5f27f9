package io.trailguard.core.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The failing issues of an integrity report as AWS Security Finding Format findings
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format-syntax.html), in a
 * {@code BatchImportFindings} request body {@code {"Findings": [...]}}: one finding per issue, its {@code Id} stable
 * for the same issue on the same object (a later import updates it), severity HIGH for tampering (MODIFIED, DELETED,
 * NOT_COVERED, DIGEST_INVALID, CHAIN_BROKEN, DIGEST_MISSING) and MEDIUM for UNKNOWN, the type
 * {@code Effects/Data Destruction} (ASFF types taxonomy), the object as an {@code AwsS3Object} resource.
 *
 * @since 0.2.0
 */
public final class IntegrityAsff {
    /** The ASFF schema version. */
    public static final String SCHEMA_VERSION = "2018-10-08";

    private IntegrityAsff() {
    }

    /**
     * The request body for the report's failing issues.
     *
     * @param account the account importing (the product ARN's and the findings' account)
     * @param region  the region of Security Hub that imports them
     * @param bucket  the log bucket
     */
    public static String findings(IntegrityReport r, String account, String region, String bucket) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode list = root.putArray("Findings");
        String time = r.validatedAt().toString();
        for (IntegrityIssue i : r.issues()) {
            if (!i.kind().failing()) {
                continue;
            }
            ObjectNode o = list.addObject();
            o.put("SchemaVersion", SCHEMA_VERSION);
            o.put("Id", "trailguard/logs/" + i.kind() + "/" + id(bucket + "/" + i.object() + "/" + i.from()));
            o.put("ProductArn", "arn:aws:securityhub:" + region + ":" + account + ":product/" + account + "/default");
            o.put("GeneratorId", "trailguard-logs-validate-" + i.kind());
            o.put("AwsAccountId", account);
            o.putArray("Types").add("Effects/Data Destruction");
            o.put("CreatedAt", time);
            o.put("UpdatedAt", time);
            o.putObject("Severity").put("Label", i.kind() == IssueKind.UNKNOWN ? "MEDIUM" : "HIGH");
            o.put("Title", truncate("CloudTrail log integrity: " + i.kind() + " in account " + i.trail().account()
                    + " " + i.trail().region(), 256));
            o.put("Description", truncate(i.detail() + " (" + (i.from() == null ? "…" : i.from()) + " – "
                    + (i.to() == null ? "…" : i.to()) + ")", 1024));
            ObjectNode res = o.putArray("Resources").addObject();
            res.put("Type", "AwsS3Object");
            res.put("Id", "arn:aws:s3:::" + bucket + "/" + (i.object() == null ? "" : i.object()));
            res.put("Region", i.trail().region());
        }
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(root);
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
