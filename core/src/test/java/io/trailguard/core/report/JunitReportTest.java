package io.trailguard.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trailguard.core.Finding;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML: well-formed whatever the texts hold, one suite per rule, and the texts come back unchanged. */
class JunitReportTest {
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void awkwardCharactersAreEscapedAndRoundTrip() throws Exception {
        ScanResult r = ReportFixtures.awkward();
        String xml = JunitReport.render(r);
        assertFalse(xml.contains("<script>"), "markup in texts is escaped");
        Document doc = parse(xml);
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        Finding f = r.findings().get(0);
        String expected = f.message().replace('\u0001', '\uFFFD').replace('\u0007', '\uFFFD');
        assertEquals(expected, failure.getAttribute("message"), "attribute keeps quotes, tabs and line breaks");
        assertEquals("high", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().contains("$ aws s3api put-bucket-policy --bucket 'a&b' --policy "
                + "'{\"x\":\"</script>\"}'"), failure.getTextContent());
        assertTrue(failure.getTextContent().contains("Evidence:"));
        Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
        assertEquals("S3-99", testcase.getAttribute("classname"));
        assertEquals("arn:aws:s3:::bucket-<b>&\"x\" [111122223333/eu-west-1]", testcase.getAttribute("name"));
        assertEquals("\uFFFD\uFFFD", JunitReport.text("\u0000\uD800"), "illegal XML characters become U+FFFD");
    }

    @Test
    void oneSuitePerRuleAndCountsAddUp() throws Exception {
        ScanResult r = ReportFixtures.suppressed().result();
        Document doc = parse(JunitReport.render(r));
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(r.findings().stream().map(Finding::ruleId).distinct().count(), suites.getLength());
        Element root = doc.getDocumentElement();
        long applicable = r.findings().stream().filter(f -> f.status() != Status.NOT_APPLICABLE).count();
        assertEquals(String.valueOf(applicable), root.getAttribute("tests"));
        long open = r.findings().stream().filter(Finding::isOpenFailure).count();
        assertEquals(String.valueOf(open), root.getAttribute("failures"));
        assertEquals(open, doc.getElementsByTagName("failure").getLength());
        long skipped = r.findings().stream().filter(f -> f.isSuppressed() || f.status() == Status.UNKNOWN).count();
        assertEquals(String.valueOf(skipped), root.getAttribute("skipped"));
        assertEquals(skipped, doc.getElementsByTagName("skipped").getLength());
        boolean sawSuppressed = false;
        NodeList sk = doc.getElementsByTagName("skipped");
        for (int i = 0; i < sk.getLength(); i++) {
            sawSuppressed |= ((Element) sk.item(i)).getAttribute("message").startsWith("suppressed (FAIL): ");
        }
        assertTrue(sawSuppressed);
    }
}
