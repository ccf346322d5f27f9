package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Engine;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.RuleInfo;
import io.trailguard.core.RulePack;
import io.trailguard.core.Snapshot;
import io.trailguard.core.dsl.NamedConditions;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.report.JsonReport;
import io.trailguard.core.snapshot.Json;
import io.trailguard.core.yaml.SafeYaml;
import io.trailguard.core.yaml.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack the build precompiles ({@link PackCompiler}) is current, and is the YAML pack rule for rule. */
class CompiledPackTest {

    @Test
    void theBuildPrecompiledThePackFromTheCurrentYaml() throws IOException {
        String onClasspath = compiledText();
        assertThat(onClasspath).as("run the Maven build: it precompiles the pack after compiling this module").isNotNull();
        assertThat(onClasspath).as("PackCompiler's output for the YAML files now: the same text, run after run")
                .isEqualTo(PackCompiler.compile(BuiltinRules.directory()));
    }

    @Test
    void everyRuleTreeEqualsItsYamlFile() throws IOException {
        JsonNode compiled = Json.MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(compiledText());
        List<YamlDocument> docs = PackCompiler.read(compiled, "");
        assertThat(docs.stream().filter(d -> !NamedConditions.isConditionsFile(d.source()))).hasSize(BuiltinRules.fromFiles().size());
        for (YamlDocument doc : docs) {
            Path file = BuiltinRules.directory().resolve(doc.source());
            YamlDocument yaml = SafeYaml.parse(doc.source(), Files.readString(file, StandardCharsets.UTF_8));
            assertThat(doc.root()).as(doc.source()).isEqualTo(yaml.root());
            for (int i = 0; i < yaml.root().path("tests").size(); i++) {
                assertThat(doc.valueAt("/tests/" + i)).as(doc.source() + " /tests/" + i).isEqualTo(yaml.valueAt("/tests/" + i));
            }
        }
    }

    @Test
    void thePrecompiledPackIsTheYamlPack() {
        RulePack compiled = BuiltinRules.pack();
        RulePack yaml = BuiltinRules.fromFiles();
        assertThat(compiled).isNotSameAs(yaml);
        assertThat(compiled.rules().stream().map(CompiledPackTest::withoutSource).toList())
                .isEqualTo(yaml.rules().stream().map(CompiledPackTest::withoutSource).toList());
        List<RuleDefinition> a = compiled.definitions();
        List<RuleDefinition> b = yaml.definitions();
        for (int i = 0; i < a.size(); i++) {
            RuleDefinition x = a.get(i);
            RuleDefinition y = b.get(i);
            assertThat(x.file()).isNull();
            assertThat(y.file()).isNotNull();
            assertThat(x.tests()).as(x.id()).isEqualTo(y.tests());
            assertThat(x.params()).as(x.id()).isEqualTo(y.params());
            assertThat(explainWithoutSource(compiled, x.id())).as(x.id()).isEqualTo(explainWithoutSource(yaml, y.id()));
        }
    }

    @Test
    void aScanWithThePrecompiledPackReportsWhatTheYamlPackDoes() {
        Snapshot snapshot = Snapshot.read(Path.of("../examples/acme-org.json"));
        assertThat(JsonReport.render(Engine.create().scan(BuiltinRules.pack(), snapshot)))
                .isEqualTo(JsonReport.render(Engine.create().scan(BuiltinRules.fromFiles(), snapshot)));
    }

    @Test
    void anInvalidRuleFailsTheBuild(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("X-01.yaml"), "apiVersion: trailguard/v1\nid: X-01\n");
        assertThatThrownBy(() -> PackCompiler.compile(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("X-01.yaml");
    }

    private static String compiledText() throws IOException {
        try (InputStream in = BuiltinRules.class.getResourceAsStream(BuiltinRules.COMPILED)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static RuleInfo withoutSource(RuleInfo r) {
        return new RuleInfo(r.id(), r.title(), r.severity(), r.scope(), r.resourceTypes(), r.description(),
                r.references(), r.params(), r.hasFix(), r.hasPatch(), r.testCount(), "");
    }

    private static String explainWithoutSource(RulePack pack, String id) {
        return pack.explain(id).orElseThrow().replaceAll("(?m)^Source: .*\n", "");
    }
}
