package io.trailguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.trailguard.core.report.JsonReport;
import io.trailguard.core.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The published JSON Schemas agree with what the readers accept and the writers produce. */
class SchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Schema schema(String name) {
        try (InputStream in = SchemaTest.class.getResourceAsStream("/io/trailguard/core/schema/" + name)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everySnapshotTheReaderAcceptsConformsToTheSchema() throws IOException {
        Schema schema = schema("snapshot.schema.json");
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(Path.of("../examples")),
                Files.walk(Path.of("../rules/src/main/resources/io/trailguard/rules/pack")))) {
            files = s.filter(p -> p.toString().endsWith(".json") || p.toString().contains("/fixtures/") && p.toString().endsWith(".yaml"))
                    .toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        for (Path f : files) {
            Fixtures.read(f); // a rule test fixture may be lean: what it stands for is the snapshot
            List<Error> errors = schema.validate(JSON.readTree(Fixtures.json(f)));
            assertThat(errors).as(f.toString()).isEmpty();
        }
    }

    @Test
    void snapshotsTheReaderRejectsTheSchemaRejectsToo() throws IOException {
        Schema schema = schema("snapshot.schema.json");
        JsonNode wrong = JSON.readTree(Path.of("src/test/resources/snapshots/wrong-shape.json").toFile());
        List<String> where = schema.validate(wrong).stream().map(e -> e.getInstanceLocation().toString()).toList();
        assertThat(where).contains("/resources/0/accountId", "/resources/1/type", "/resources/1/configuration");
    }

    @Test
    void theJsonReportConformsToItsSchema() throws IOException {
        RulePack pack = RulePack.load(Path.of("../rules/src/main/resources/io/trailguard/rules/pack"));
        ScanResult result = Engine.create().scan(pack, Snapshot.read(Path.of("../examples/acme-org.json")));
        ScanResult withNotApplicable = Engine.create().keepingNotApplicable().scan(pack,
                Snapshot.read(Path.of("../examples/acme-org.json")));
        for (ScanResult r : List.of(result, withNotApplicable)) {
            JsonNode report = JSON.readTree(JsonReport.render(r));
            assertThat(schema("report.schema.json").validate(report)).isEmpty();
            assertThat(report.at("/summary/findings").asInt()).isEqualTo(r.findings().size());
            int outcomes = 0;
            for (JsonNode n : report.at("/summary/byStatus")) {
                outcomes += n.asInt();
            }
            assertThat(outcomes).as("every outcome is listed or counted as omitted")
                    .isEqualTo(r.findings().size() + report.at("/summary/notApplicableOmitted").asInt());
            assertThat(report.at("/rules").size()).isEqualTo(pack.size());
            assertThat(report.at("/findings/0").has("rationale")).as("rules are described once, in rules").isFalse();
        }
        assertThat(result.countByStatus()).isEqualTo(withNotApplicable.countByStatus());
        assertThat(result.countByStatus().get(Status.NOT_APPLICABLE)).isPositive();
        assertThat(JSON.readTree(JsonReport.render(result)).at("/summary/notApplicableOmitted").asInt())
                .isEqualTo(result.countByStatus().get(Status.NOT_APPLICABLE));
    }
}
