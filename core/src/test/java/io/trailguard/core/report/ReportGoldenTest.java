package io.trailguard.core.report;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.trailguard.core.ScanResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every report format on the fixed scan (with suppressions applied), against its golden file. */
class ReportGoldenTest {
    @TestFactory
    Stream<DynamicTest> formats() {
        ScanResult result = ReportFixtures.suppressed().result();
        Map<String, Function<ScanResult, String>> formats = new LinkedHashMap<>();
        formats.put("report.json", JsonReport::render);
        formats.put("report.txt", r -> TextReport.render(r, "snapshot.json", true));
        formats.put("report-details.txt", r -> TextReport.render(r, "snapshot.json",
                new TextReport.Options(false, false, true)));
        formats.put("report-color.txt", r -> TextReport.render(r, "snapshot.json", false, true));
        formats.put("report.sarif", r -> SarifReport.render(r, ReportFixtures.VERSION, true));
        formats.put("report-junit.xml", JunitReport::render);
        formats.put("report-asff.json", r -> AsffReport.render(r, "us-east-1"));
        formats.put("report-ocsf.json", r -> OcsfReport.render(r, ReportFixtures.VERSION));
        formats.put("report.csv", CsvReport::render);
        formats.put("report.html", r -> HtmlReport.render(r, "trailguard report: snapshot.json",
                ReportFixtures.snapshot()));
        return formats.entrySet().stream().map(e -> dynamicTest(e.getKey(),
                () -> Golden.check(e.getKey(), e.getValue().apply(result))));
    }

    @TestFactory
    Stream<DynamicTest> warnings() {
        var outcome = ReportFixtures.suppressed();
        String text = String.join("\n", outcome.warnings().stream().map(p -> p.format()).toList()) + "\n";
        return Stream.of(dynamicTest("suppression-warnings.txt", () -> Golden.check("suppression-warnings.txt", text)));
    }

}
