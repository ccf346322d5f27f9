package io.trailguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.Finding;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.Results;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import io.trailguard.core.snapshot.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed JSON report is byte for byte the rendered one (which ReportGoldenTest checks), and valid UTF-8. */
class JsonReportStreamTest {
    @Test
    void streamedEqualsRendered(@TempDir Path dir) throws Exception {
        for (ScanResult r : new ScanResult[] {ReportFixtures.scan(), ReportFixtures.suppressed().result(),
                ReportFixtures.awkward(), loneSurrogate()}) {
            byte[] expected = JsonReport.render(r).getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonReport.write(r, out);
            assertThat(out.toByteArray()).isEqualTo(expected);
            Path file = dir.resolve("report.json");
            JsonReport.write(r, file);
            assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        }
    }

    @Test
    void textIsWrittenAsUtf8AndReadsBackTheSame() {
        String json = JsonReport.render(ReportFixtures.awkward());
        assertThat(json).contains("é 🎉").contains("\\u0001\\u0007").doesNotContain("\\uD83C");
        assertThat(Json.parse(json).at("/findings/0/message").asText())
                .isEqualTo(ReportFixtures.awkward().findings().get(0).message());
        // a lone surrogate (possible in a snapshot's JSON text) is escaped: valid UTF-8, and the same string read back
        String lone = JsonReport.render(loneSurrogate());
        assertThat(lone).contains("a \\uD800 b");
        assertThat(Json.parse(lone).at("/findings/0/message").asText()).isEqualTo("a \uD800 b");
    }

    private static ScanResult loneSurrogate() {
        Finding f = new Finding("T-01", Status.PASS, Severity.LOW, "t", new ResourceRef("AWS::S3::Bucket", "b",
                "111122223333", "eu-west-1"), "a \uD800 b", "r", List.of(), List.of(), null, null);
        return Results.of(Instant.parse("2026-11-20T09:00:00Z"), List.of("111122223333"), 1, List.of(f));
    }
}
