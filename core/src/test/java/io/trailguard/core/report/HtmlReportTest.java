package io.trailguard.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.EvaluatedRule;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.snapshot.Json;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML report: escaping of hostile texts, self-containment, and counts equal to the JSON report's. */
class HtmlReportTest {
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"tg-data\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void hostileTextsCannotInjectMarkupOrCloseTheScript() {
        ScanResult r = ReportFixtures.awkward();
        String html = HtmlReport.render(r, "report </title><script>alert(0)</script>");
        assertFalse(html.contains("<img"), "no element from data");
        assertFalse(html.contains("<script>alert"), "no script from data");
        assertFalse(html.contains("<b>markup"), "no markup from data");
        assertFalse(html.contains("<!--"), "no comment opener from data");
        assertEquals(2, count(html, "<script"), "the data block and the page script only");
        assertEquals(2, count(html, "</script>"));
        assertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;"));
        assertTrue(html.contains("data-account=\"111122223333\""));
        assertTrue(html.contains("arn:aws:s3:::bucket-&lt;b&gt;&amp;&quot;x&quot;"));
        Matcher m = DATA.matcher(html);
        assertTrue(m.find());
        assertEquals(Json.parse(JsonReport.render(r)), Json.parse(m.group(1)),
                "the embedded JSON is the JSON report, escapes decoded");
        assertFalse(m.group(1).contains("<"));
        assertFalse(html.contains("href=\"https://example.com/?a=1&b=<2>\""), "invalid URLs are not linked");
    }

    @Test
    void selfContained() {
        String html = HtmlReport.render(ReportFixtures.suppressed().result(), "t");
        assertFalse(html.contains("<link"));
        assertFalse(html.contains(" src="));
        assertFalse(html.contains("@import"));
        assertFalse(html.contains("url("));
        assertTrue(html.contains("Content-Security-Policy"));
    }

    @Test
    void countsEqualTheJsonReport() {
        ScanResult r = ReportFixtures.suppressed().result();
        String html = HtmlReport.render(r, "t");
        JsonNode summary = Json.parse(JsonReport.render(r)).get("summary");
        assertEquals(summary.get("findings").asInt(), shown(html, "findings"));
        assertEquals(summary.get("suppressed").asInt(), shown(html, "suppressed"));
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.get("byStatus").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asInt(), shown(html, e.getKey()), e.getKey());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.get("failuresBySeverity").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asInt(), shown(html, "sev-" + e.getKey()), e.getKey());
        }
        assertEquals(r.findings().size(), count(html, "<details class=\"finding"));
        assertEquals(1, count(html, "data-status=\"SUPPRESSED\""));
    }

    private static int shown(String html, String key) {
        Matcher m = Pattern.compile("data-count=\"" + Pattern.quote(key) + "\">(\\d+)<").matcher(html);
        assertTrue(m.find(), "no count " + key);
        return Integer.parseInt(m.group(1));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void theMatrixShowsSubjectsARuleDoesNotApplyTo() {
        ResourceRef trail = new ResourceRef("AWS::CloudTrail::Trail", "t", "444444444444", "us-east-1");
        ScanResult r = new ScanResult(Instant.parse("2026-11-20T09:00:00Z"), List.of("444444444444"), 1, List.of(),
                List.of(new EvaluatedRule("CT-90", "t", Severity.LOW, "r", List.of(), List.of(trail))), List.of());
        String html = HtmlReport.render(r, "t");
        assertTrue(html.contains("<td class=\"m-NOT_APPLICABLE\" title=\"444444444444 CT: NOT_APPLICABLE\">n/a</td>"));
        assertEquals(1, shown(html, "NOT_APPLICABLE"));
        assertEquals(0, shown(html, "findings"));
    }
}
