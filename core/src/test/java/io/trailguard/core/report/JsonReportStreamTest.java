package io.trailguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.ScanResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed JSON report is byte for byte the rendered one (which ReportGoldenTest checks). */
class JsonReportStreamTest {
    @Test
    void streamedEqualsRendered(@TempDir Path dir) throws Exception {
        for (ScanResult r : new ScanResult[] {ReportFixtures.scan(), ReportFixtures.suppressed().result(),
                ReportFixtures.awkward()}) {
            byte[] expected = JsonReport.render(r).getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonReport.write(r, out);
            assertThat(out.toByteArray()).isEqualTo(expected);
            Path file = dir.resolve("report.json");
            JsonReport.write(r, file);
            assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        }
    }
}
