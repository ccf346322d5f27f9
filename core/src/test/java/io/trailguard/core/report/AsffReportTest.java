package io.trailguard.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Finding;
import io.trailguard.core.Fix;
import io.trailguard.core.Reference;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.Results;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import io.trailguard.core.fix.FixCommand;
import io.trailguard.core.snapshot.Json;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * ASFF output against the Security Hub API reference (AwsSecurityFinding, Recommendation, Resource, Severity,
 * Compliance, Workflow): every required attribute present and non-blank ({@code .*\S.*}), the documented length
 * limits (AwsAccountId exactly 12, Id and GeneratorId 1–512, Title ≤ 256, Description 1–1024, Recommendation.Text
 * 1–512, Types ≤ 50 entries, Resources ≤ 32, ProductFields ≤ 50 pairs with keys ≤ 128 and values ≤ 2048,
 * RelatedRequirements ≤ 32), the enums (Severity.Label, Compliance.Status, Workflow.Status, RecordState), and the
 * product ARN form for the default product.
 */
class AsffReportTest {
    private static final List<String> REQUIRED = List.of("SchemaVersion", "Id", "ProductArn", "GeneratorId",
            "AwsAccountId", "Types", "CreatedAt", "UpdatedAt", "Severity", "Title", "Description", "Resources");
    private static final Pattern NON_BLANK = Pattern.compile("(?s).*\\S.*");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    @Test
    void fixedScanMeetsRequiredFieldsAndLimits() {
        JsonNode all = Json.parse(AsffReport.render(ReportFixtures.suppressed().result(), "us-east-1"));
        assertEquals(ReportFixtures.scan().findings().size(), all.size());
        all.forEach(AsffReportTest::check);
    }

    @Test
    void longTextsAreCutToTheLimits() {
        String longText = "x".repeat(600) + "🎉" + "y".repeat(3000);
        ResourceRef r = new ResourceRef("AWS::Logs::LogGroup", "arn:aws:logs:eu-west-1:111122223333:log-group:"
                + "z".repeat(300), "111122223333", "global");
        Fix fix = new Fix(longText, List.of(longText), List.of(), List.of(), List.of(new FixCommand("111122223333",
                "eu-west-1", List.of("logs", "describe-log-groups", "--log-group-name-prefix", longText), Set.of())),
                List.of(), null);
        Finding f = new Finding("CW-01", Status.FAIL, Severity.INFO, longText, r, longText, longText, List.of(),
                List.of(new Reference("cis", "3.0.0/4.1", "CIS", "https://example.com/a")), fix, null);
        ScanResult result = Results.of(Instant.parse("2026-11-20T09:00:00.123Z"), List.of("111122223333"), 1,
                List.of(f));
        JsonNode x = Json.parse(AsffReport.render(result, "eu-west-1")).get(0);
        check(x);
        assertEquals(256, x.get("Title").asText().length());
        assertEquals(1024, x.get("Description").asText().length());
        String text = x.at("/Remediation/Recommendation/Text").asText();
        assertEquals(512, text.length());
        assertTrue(text.endsWith("… See https://example.com/a"), "the summary, cut, then the URL: " + text);
        assertFalse(text.contains("yyy"), "no command text: " + text);
        assertEquals("INFORMATIONAL", x.at("/Severity/Label").asText());
        assertEquals("Other", x.at("/Resources/0/Type").asText());
        assertEquals("eu-west-1", x.at("/Resources/0/Region").asText(), "global resources take the import region");
        assertEquals("https://example.com/a", x.at("/Remediation/Recommendation/Url").asText());
    }

    @Test
    void mappings() {
        assertEquals("AwsS3Bucket", AsffReport.resourceType("AWS::S3::Bucket"));
        assertEquals("AwsCloudTrailTrail", AsffReport.resourceType("AWS::CloudTrail::Trail"));
        assertEquals("AwsKmsKey", AsffReport.resourceType("AWS::KMS::Key"));
        assertEquals("AwsAccount", AsffReport.resourceType("AWS::::Account"));
        assertEquals("Other", AsffReport.resourceType("AWS::Config::ConfigurationRecorder"));
        assertEquals("CRITICAL", AsffReport.severityLabel(Severity.CRITICAL));
        assertEquals("LOW", AsffReport.severityLabel(Severity.LOW));
        JsonNode all = Json.parse(AsffReport.render(ReportFixtures.suppressed().result(), "us-east-1"));
        int suppressed = 0;
        for (JsonNode x : all) {
            String status = x.at("/ProductFields/trailguard~1Status").asText();
            String expected = switch (status) {
                case "FAIL" -> "FAILED";
                case "PASS" -> "PASSED";
                case "UNKNOWN" -> "WARNING";
                default -> "NOT_AVAILABLE";
            };
            assertEquals(expected, x.at("/Compliance/Status").asText());
            if (x.at("/Workflow/Status").asText().equals("SUPPRESSED")) {
                suppressed++;
                assertTrue(x.at("/ProductFields/trailguard~1SuppressionReason").isTextual());
            }
            assertEquals("2026-11-20T09:00:00Z", x.get("CreatedAt").asText());
        }
        assertEquals(1, suppressed);
    }

    @Test
    void idsAreStableAcrossRunsAndUnique() {
        JsonNode a = Json.parse(AsffReport.render(ReportFixtures.scan(), "us-east-1"));
        JsonNode b = Json.parse(AsffReport.render(ReportFixtures.scan(), "us-east-1"));
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).get("Id"), b.get(i).get("Id"));
            assertTrue(ids.add(a.get(i).get("Id").asText()));
        }
    }

    private static void check(JsonNode x) {
        for (String k : REQUIRED) {
            assertTrue(x.has(k), "missing " + k + " in " + x);
        }
        assertEquals("2018-10-08", x.get("SchemaVersion").asText());
        String account = x.get("AwsAccountId").asText();
        assertTrue(account.matches("\\d{12}"), account);
        assertEquals("arn:aws:securityhub:" + x.at("/ProductArn").asText().split(":")[3] + ":" + account
                + ":product/" + account + "/default", x.get("ProductArn").asText());
        length(x, "Id", 1, 512);
        length(x, "GeneratorId", 1, 512);
        length(x, "Title", 1, 256);
        length(x, "Description", 1, 1024);
        assertTrue(TIME.matcher(x.get("CreatedAt").asText()).matches());
        assertTrue(TIME.matcher(x.get("UpdatedAt").asText()).matches());
        assertTrue(x.get("Types").size() >= 1 && x.get("Types").size() <= 50);
        x.get("Types").forEach(t -> {
            String[] parts = t.asText().split("/");
            assertTrue(parts.length <= 3, "namespace[/category[/classifier]]: " + t);
            assertTrue(Set.of("Software and Configuration Checks", "TTPs", "Effects", "Unusual Behaviors",
                    "Sensitive Data Identifications").contains(parts[0]), "a documented namespace: " + t);
        });
        assertTrue(Set.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL").contains(x.at("/Severity/Label").asText()));
        if (x.has("Remediation")) {
            JsonNode rec = x.at("/Remediation/Recommendation");
            length(rec, "Text", 1, 512);
            if (rec.has("Url")) {
                assertTrue(Reports.isWebUri(rec.get("Url").asText()));
            }
        }
        JsonNode res = x.get("Resources");
        assertTrue(res.size() >= 1 && res.size() <= 32);
        for (JsonNode r : res) {
            length(r, "Type", 1, 256);
            length(r, "Id", 1, 512);
            assertEquals("aws", r.get("Partition").asText());
            assertTrue(r.get("Region").asText().matches("[a-z]{2}(-[a-z]+)+-\\d"), r.toString());
        }
        assertTrue(Set.of("PASSED", "WARNING", "FAILED", "NOT_AVAILABLE").contains(x.at("/Compliance/Status").asText()));
        JsonNode reqs = x.at("/Compliance/RelatedRequirements");
        assertTrue(reqs.isMissingNode() || reqs.size() <= 32);
        assertTrue(Set.of("NEW", "NOTIFIED", "RESOLVED", "SUPPRESSED").contains(x.at("/Workflow/Status").asText()));
        assertTrue(Set.of("ACTIVE", "ARCHIVED").contains(x.get("RecordState").asText()));
        JsonNode fields = x.get("ProductFields");
        assertTrue(fields.size() <= 50);
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertTrue(e.getKey().length() <= 128 && e.getValue().asText().length() <= 2048, e.toString());
        }
    }

    private static void length(JsonNode o, String key, int min, int max) {
        String v = o.get(key).asText();
        assertTrue(v.length() >= min && v.length() <= max, key + " has " + v.length() + " characters, limit " + max);
        assertTrue(NON_BLANK.matcher(v).matches(), key + " is blank");
    }
}
