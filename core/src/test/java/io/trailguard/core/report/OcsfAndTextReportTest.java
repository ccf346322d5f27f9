package io.trailguard.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.snapshot.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OCSF event structure, and colour in the text report only when asked for. */
class OcsfAndTextReportTest {
    @Test
    void ocsfEventsAreComplianceFindings() {
        ScanResult r = ReportFixtures.suppressed().result();
        JsonNode events = Json.parse(OcsfReport.render(r, "1.2.3"));
        assertEquals(r.findings().size(), events.size());
        int suppressed = 0;
        for (JsonNode e : events) {
            assertEquals(2003, e.get("class_uid").asInt());
            assertEquals(2, e.get("category_uid").asInt());
            assertEquals(e.get("class_uid").asInt() * 100 + e.get("activity_id").asInt(), e.get("type_uid").asInt());
            assertEquals(r.capturedAt().toEpochMilli(), e.get("time").asLong());
            assertTrue(Set.of(1, 2, 3, 4, 5).contains(e.get("severity_id").asInt()));
            assertTrue(Set.of(1, 2, 3, 99).contains(e.at("/compliance/status_id").asInt()));
            assertTrue(e.at("/compliance/control").isTextual());
            assertTrue(e.at("/finding_info/uid").isTextual() && e.at("/finding_info/title").isTextual());
            assertEquals("AWS", e.at("/cloud/provider").asText());
            assertEquals(e.at("/cloud/account/uid"), e.at("/resources/0/owner/account/uid"));
            assertEquals("1.1.0", e.at("/metadata/version").asText());
            assertEquals("1.2.3", e.at("/metadata/product/version").asText());
            if (e.get("status_id").asInt() == 3) {
                suppressed++;
                assertTrue(e.at("/unmapped/suppression/reason").isTextual());
            }
        }
        assertEquals(1, suppressed);
        assertEquals(5, OcsfReport.severityId(Severity.CRITICAL));
        assertEquals(1, OcsfReport.severityId(Severity.INFO));
    }

    @Test
    void ansiCodesOnlyWhenAsked() {
        ScanResult r = ReportFixtures.suppressed().result();
        String plain = TextReport.render(r, "s", true, false);
        String color = TextReport.render(r, "s", true, true);
        assertFalse(plain.contains("\u001b"));
        assertEquals(plain, TextReport.render(r, "s", true), "the old signature stays colourless");
        assertTrue(color.contains("\u001b[33mMEDIUM"));
        assertEquals(plain, color.replaceAll("\u001b\\[[0-9;]*m", ""), "colour adds escape codes and nothing else");
    }
}
