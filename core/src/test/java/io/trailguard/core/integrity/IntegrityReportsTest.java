package io.trailguard.core.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text and JSON reports of the generated layout: golden text, and JSON that conforms to its published schema. */
class IntegrityReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static IntegrityReport report() throws Exception {
        PlantedLayout.generate();
        return IntegrityValidatorTest.validate(new LocalLogStore(PlantedLayout.dir.resolve("bucket"),
                PlantedLayout.BUCKET), ValidateOptions.of("", PlantedLayout.keys()));
    }

    @Test
    void theTextReportIsTheGoldenOne() throws Exception {
        String text = IntegrityReports.text(report());
        Path golden = Path.of("src/test/resources/integrity/expected-report.txt");
        String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : "";
        if (!expected.equals(text)) {
            System.out.println("---- new content of " + golden + " ----\n" + text);
        }
        assertEquals(expected, text);
    }

    @Test
    void theJsonReportConformsToTheSchema() throws Exception {
        Schema schema;
        try (InputStream in = IntegrityReports.class.getResourceAsStream("/io/trailguard/core/schema/integrity-report.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(JSON.readTree(in));
        }
        IntegrityReport r = report();
        var tree = JSON.readTree(IntegrityReports.json(r));
        List<Error> errors = schema.validate(tree);
        assertEquals(List.of(), errors);
        assertEquals(r.issues().size(), tree.get("issues").size());
        assertEquals(7, tree.get("summary").get("failingIssues").asInt());
    }
}
