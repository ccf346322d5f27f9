package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.trailguard.core.dsl.NamedConditions;
import io.trailguard.core.yaml.SafeYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every built-in rule file (and the example user rule) conforms to the published rule JSON Schema editors use, and
 * every conditions file to the conditions schema.
 */
class RuleSchemaTest {
    @Test
    void everyRuleFileConformsToTheSchema() throws IOException {
        Schema schema = schema("rule.schema.json");
        Schema conditions = schema("conditions.schema.json");
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(BuiltinRules.directory()), Files.walk(Path.of("../examples/rules")))) {
            files = s.filter(p -> p.toString().endsWith(".yaml") // a checkout's own path may contain "/fixtures/"
                    && !p.toString().replace(Path.of("").toAbsolutePath().toString(), "").contains("/fixtures/")).toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        for (Path f : files) {
            JsonNode rule = SafeYaml.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8)).root();
            boolean named = NamedConditions.isConditionsFile(f.toString());
            assertThat((named ? conditions : schema).validate(rule)).as(f.toString()).isEmpty();
        }
    }

    private static Schema schema(String name) throws IOException {
        try (InputStream in = RuleSchemaTest.class.getResourceAsStream("/io/trailguard/core/schema/" + name)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new ObjectMapper().readTree(in));
        }
    }
}
