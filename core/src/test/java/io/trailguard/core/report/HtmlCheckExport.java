package io.trailguard.core.report;

import io.trailguard.core.ScanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the HTML and JSON reports of the fixed scan to {@code -Dhtml.check.out=DIR}, for {@code docs/html-check.sh}
 * (which checks the page in headless Chromium). Does nothing without the property.
 */
class HtmlCheckExport {
    @Test
    @EnabledIfSystemProperty(named = "html.check.out", matches = ".+")
    void export() throws IOException {
        Path out = Path.of(System.getProperty("html.check.out"));
        ScanResult r = ReportFixtures.suppressed().result();
        AtomicFiles.write(out.resolve("report.html"),
                HtmlReport.render(r, "trailguard report: acme-org", ReportFixtures.snapshot()).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("report.json"), JsonReport.render(r).getBytes(StandardCharsets.UTF_8));
    }
}
