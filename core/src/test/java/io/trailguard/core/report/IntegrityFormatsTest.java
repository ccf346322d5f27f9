package io.trailguard.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.trailguard.core.integrity.IntegrityAsff;
import io.trailguard.core.integrity.IntegrityIssue;
import io.trailguard.core.integrity.IntegrityReport;
import io.trailguard.core.integrity.IntegrityValidator;
import io.trailguard.core.integrity.IssueKind;
import io.trailguard.core.integrity.LocalLogStore;
import io.trailguard.core.integrity.PlantedLayout;
import io.trailguard.core.integrity.ValidateOptions;
import io.trailguard.core.snapshot.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The {@code logs validate} report of the planted layout in every format: golden files ({@code -Dgolden.update=true}
 * rewrites them), and each format checked for what its consumers require and for holding every planted tampering with
 * its kind, file and hour — and nothing else failing.
 */
class IntegrityFormatsTest {
    static IntegrityReport report;

    @BeforeAll
    static void validate() throws Exception {
        PlantedLayout.generate();
        report = new IntegrityValidator(new LocalLogStore(PlantedLayout.dir.resolve("bucket"), PlantedLayout.BUCKET),
                ValidateOptions.of("", PlantedLayout.keys())).validate(Instant.parse("2026-03-02T00:00:00Z"));
    }

    /** What was planted, as {@link PlantedLayout#planted}: "KIND object from". */
    private static Set<String> failing(List<String[]> kindObjectFrom) {
        Set<String> out = new TreeSet<>();
        for (String[] k : kindObjectFrom) {
            out.add(k[0] + " " + k[1] + " " + k[2]);
        }
        return out;
    }

    /** The failing kinds of what was planted; the validator's own test holds that it finds exactly these. */
    private static Set<String> plantedFailures() {
        Set<String> out = new TreeSet<>();
        PlantedLayout.planted.stream().filter(s -> IssueKind.valueOf(s.substring(0, s.indexOf(' '))).failing())
                .forEach(out::add);
        assertTrue(out.size() >= 6, out.toString());
        return out;
    }

    @Test
    void goldenFiles() {
        Golden.check("logs-validate.csv", IntegrityFormats.csv(report));
        Golden.check("logs-validate.junit.xml", IntegrityFormats.junit(report));
        Golden.check("logs-validate.sarif", IntegrityFormats.sarif(report, "1.2.3"));
        Golden.check("logs-validate.ocsf.json", IntegrityFormats.ocsf(report, "1.2.3"));
        Golden.check("logs-validate.asff.json", IntegrityAsff.render(report, "us-east-1"));
        Golden.check("logs-validate.html", IntegrityFormats.html(report));
    }

    @Test
    void csvHasEveryValidHourAndEveryIssue() {
        String[] lines = IntegrityFormats.csv(report).split("\r\n");
        assertEquals(String.join(",", IntegrityFormats.CSV_COLUMNS), lines[0]);
        long validHours = report.trails().stream().flatMap(t -> t.hours().stream())
                .filter(h -> h.status() == io.trailguard.core.integrity.HourResult.Verdict.VALID).count();
        assertEquals(1 + validHours + report.issues().size(), lines.length);
        List<String[]> failing = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split(",", -1); // no planted text holds a comma before the detail column
            if (c[1].equals("true")) {
                failing.add(new String[] {c[0], c[10].isEmpty() ? "-" : c[10], c[8]});
            }
        }
        assertEquals(plantedFailures(), failing(failing));
    }

    @Test
    void junitIsWellFormedAndFailsExactlyThePlantedIssues() throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                IntegrityFormats.junit(report).getBytes(StandardCharsets.UTF_8)));
        NodeList failures = d.getElementsByTagName("failure");
        List<String[]> found = new ArrayList<>();
        for (int i = 0; i < failures.getLength(); i++) {
            Element f = (Element) failures.item(i);
            String[] name = ((Element) f.getParentNode()).getAttribute("name").split(" ");
            // KIND from – to [object]
            found.add(new String[] {f.getAttribute("type"), name.length > 4 ? name[4] : "-", name[1]});
        }
        assertEquals(plantedFailures(), failing(found));
        assertEquals(Integer.toString(failures.getLength()), d.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void sarifIsValidForTheOfficialSchemaAndFollows32710() throws Exception {
        JsonNode doc = Json.parse(IntegrityFormats.sarif(report, "1.2.3"));
        try (var in = getClass().getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            var official = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(Json.MAPPER.readTree(in));
            assertEquals(List.of(), official.validate(doc));
        }
        JsonNode run = doc.at("/runs/0");
        List<String[]> found = new ArrayList<>();
        Set<String> fingerprints = new HashSet<>();
        for (JsonNode r : run.get("results")) {
            assertEquals(r.get("ruleId"), run.at("/tool/driver/rules/" + r.get("ruleIndex").asInt() + "/id"));
            if (!r.get("kind").asText().equals("fail")) {
                assertEquals("none", r.get("level").asText(), "§3.27.10");
                continue;
            }
            JsonNode art = r.at("/locations/0/physicalLocation/artifactLocation");
            assertEquals("LOGBUCKET", art.get("uriBaseId").asText());
            found.add(new String[] {r.get("ruleId").asText(), art.get("uri").asText(), r.at("/properties/from").asText()});
            assertTrue(fingerprints.add(r.at("/partialFingerprints/trailguard~1v1").asText()));
        }
        assertEquals("s3://" + PlantedLayout.BUCKET + "/", run.at("/originalUriBaseIds/LOGBUCKET/uri").asText());
        assertEquals(plantedFailures(), failing(found));
    }

    @Test
    void asffHasTheRequiredAttributesAndDocumentedTypes() {
        JsonNode all = Json.parse(IntegrityAsff.render(report, "us-east-1"));
        assertEquals(report.issues().size(), all.size());
        List<String[]> found = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode x : all) {
            for (String k : List.of("SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "Types",
                    "CreatedAt", "UpdatedAt", "Severity", "Title", "Description", "Resources")) {
                assertTrue(x.hasNonNull(k), "missing " + k + " in " + x);
            }
            String account = x.get("AwsAccountId").asText();
            assertEquals("arn:aws:securityhub:us-east-1:" + account + ":product/" + account + "/default",
                    x.get("ProductArn").asText());
            assertTrue(ids.add(x.get("Id").asText()));
            assertTrue(x.get("Title").asText().length() <= 256 && x.get("Description").asText().length() <= 1024);
            x.get("Types").forEach(t -> assertTrue(Set.of("Software and Configuration Checks", "TTPs", "Effects",
                    "Unusual Behaviors").contains(t.asText().split("/")[0]), t.asText()));
            JsonNode res = x.at("/Resources/0");
            assertTrue(res.get("Region").asText().matches("[a-z]{2}(-[a-z]+)+-\\d"));
            IssueKind k = IssueKind.valueOf(x.at("/ProductFields/trailguard~1Kind").asText());
            if (k.failing()) {
                assertEquals("AwsS3Object", res.get("Type").asText());
                found.add(new String[] {k.name(), res.get("Id").asText().substring(("arn:aws:s3:::" + PlantedLayout.BUCKET
                        + "/").length()), x.get("FirstObservedAt").asText()});
                assertEquals("HIGH", x.at("/Severity/Label").asText());
            } else {
                assertEquals("INFORMATIONAL", x.at("/Severity/Label").asText());
            }
        }
        assertEquals(plantedFailures(), failing(found));
    }

    @Test
    void ocsfEventsAreDetectionFindingsWithTheRequiredAttributes() {
        JsonNode all = Json.parse(IntegrityFormats.ocsf(report, "1.2.3"));
        assertEquals(report.issues().size(), all.size());
        for (JsonNode e : all) {
            // OCSF 1.1.0 base event and Detection Finding required attributes
            for (String k : List.of("activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time",
                    "type_uid", "finding_info")) {
                assertTrue(e.hasNonNull(k), "missing " + k);
            }
            assertEquals(2004, e.get("class_uid").asInt());
            assertEquals(2, e.get("category_uid").asInt());
            assertEquals(200401, e.get("type_uid").asInt());
            assertTrue(e.at("/finding_info/uid").asText().startsWith("trailguard/logs/"));
            assertTrue(e.at("/finding_info/title").isTextual());
            assertEquals("1.1.0", e.at("/metadata/version").asText());
            assertTrue(e.at("/metadata/product/name").isTextual());
        }
    }

    @Test
    void htmlEscapesAndHoldsEveryIssueAndHour() {
        String html = IntegrityFormats.html(report);
        assertEquals(report.issues().size(), html.split("<tr class=\"issue\"").length - 1);
        long hours = report.trails().stream().mapToLong(t -> t.hours().size()).sum();
        assertEquals(hours, html.split("<span class=\"h h-").length - 1);
        for (IntegrityIssue i : report.issues()) {
            if (i.object() != null) {
                assertTrue(html.contains(i.object()), i.object());
            }
        }
        assertTrue(!html.contains("<script src") && !html.contains("http://"), "self-contained");
    }

    @Test
    void theJsonSchemaInDocsIsTheOneTheLibraryShips() throws Exception {
        java.nio.file.Path docs = java.nio.file.Path.of("../docs/integrity-report.schema.json");
        try (var in = getClass().getResourceAsStream("/io/trailguard/core/schema/integrity-report.schema.json")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), java.nio.file.Files.readString(docs));
        }
    }
}
