package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.dsl.NamedConditions;
import io.trailguard.core.yaml.SafeYaml;
import io.trailguard.core.yaml.YamlDocument;
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
 * every conditions file to the conditions schema, which rejects a broken one as the parser does (both schemas are
 * generated from the grammar the parsers take their keys from: core's RuleSchemaGoldenTest).
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

    @Test
    void aBrokenConditionsFileIsRejectedByTheSchemaAndTheParser() throws IOException {
        Path f = Path.of("src/test/resources/schema/broken-conditions.yaml");
        YamlDocument doc = SafeYaml.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
        List<String> errors = schema("conditions.schema.json").validate(doc.root()).stream().map(Error::toString).toList();
        assertThat(errors)
                .anySatisfy(e -> assertThat(e).startsWith("/conditions/versioned: ").contains("'descripton' is not defined"))
                .anySatisfy(e -> assertThat(e).startsWith("/conditions/versioned: required property 'description'"))
                .anySatisfy(e -> assertThat(e).startsWith("/conditions/versioned/condition: ").contains("'equal' is not defined"))
                .anySatisfy(e -> assertThat(e).startsWith("/conditions: property 'Prefixed' name is not valid"))
                .anySatisfy(e -> assertThat(e).startsWith("/conditions/Prefixed/params/prefix/type: "))
                .anySatisfy(e -> assertThat(e).startsWith("/fixes/setVersioning/fix: ").contains("'sumary' is not defined"))
                .noneSatisfy(e -> assertThat(e).contains("/api"));
        assertThatThrownBy(() -> NamedConditions.parse(List.of(doc))).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(Problem::format)
                        .anySatisfy(m -> assertThat(m).startsWith(f + ":6:5: unknown key 'descripton' in a named condition")
                                .contains("did you mean 'description'"))
                        .anySatisfy(m -> assertThat(m).startsWith(f + ":6:5: missing 'description'"))
                        .anySatisfy(m -> assertThat(m).startsWith(f + ":8:3: bad name 'Prefixed'"))
                        .anySatisfy(m -> assertThat(m).startsWith(f + ":10:29: expected a type: one of string, number, "
                                + "boolean, list, condition, found 'text'")));
    }

    private static Schema schema(String name) throws IOException {
        try (InputStream in = RuleSchemaTest.class.getResourceAsStream("/io/trailguard/core/schema/" + name)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new ObjectMapper().readTree(in));
        }
    }
}
