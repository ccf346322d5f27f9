package io.trailguard.core.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailguard.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/**
 * The published rule and conditions schemas are generated from {@link RuleGrammar}, the table the parsers take their
 * keys from: the checked-in files must be the generator's output ({@code -Dgolden.update=true} rewrites them).
 */
class RuleSchemaGoldenTest {
    @Test
    void theCheckedInSchemaIsTheGeneratedOne() throws IOException {
        golden(RuleSchema.RESOURCE, RuleSchema.text());
    }

    @Test
    void theCheckedInConditionsSchemaIsTheGeneratedOne() throws IOException {
        golden(RuleSchema.CONDITIONS_RESOURCE, RuleSchema.conditionsText());
    }

    private static void golden(String resource, String generated) throws IOException {
        Path file = Path.of("src/main/resources" + resource);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        String current = Files.readString(file, StandardCharsets.UTF_8);
        if (!current.equals(generated)) {
            throw new AssertionError(file + " differs from the schema RuleGrammar generates (rerun with "
                    + "-Dgolden.update=true to accept). Generated:\n" + generated);
        }
    }

    @Test
    void theSchemaListsExactlyTheKeysTheParsersAccept() {
        assertThat(names(RuleSchema.schema().path("properties"))).containsExactlyElementsOf(RuleGrammar.RULE.keys());
        assertThat(names(RuleSchema.schema().at("/$defs/condition/properties")))
                .containsExactlyElementsOf(ConditionParser.CONDITION_KEYS);
        assertThat(names(RuleSchema.schema().at("/properties/fix/oneOf/0/properties"))).containsExactlyElementsOf(FixParser.FIX_KEYS);
        assertThat(names(RuleSchema.schema().at("/properties/fix/oneOf/1/properties"))).containsExactly("use", "with");
        // every operator and every word the condition parser gives a meaning is a key of the grammar
        assertThat(ConditionParser.CONDITION_KEYS).containsAll(Operator.keys()).containsAll(ConditionParser.COMBINATORS)
                .containsAll(ConditionParser.QUANTIFIERS).containsAll(ConditionParser.RELATED_KEYS);
    }

    @Test
    void theConditionsSchemaListsExactlyTheKeysNamedConditionsAccepts() {
        var schema = RuleSchema.conditionsSchema();
        assertThat(names(schema.path("properties"))).containsExactlyElementsOf(NamedConditions.FILE_KEYS);
        assertThat(names(schema.at("/properties/conditions/additionalProperties/properties")))
                .containsExactlyElementsOf(NamedConditions.DEFINITION_KEYS);
        assertThat(names(schema.at("/properties/fixes/additionalProperties/properties")))
                .containsExactlyElementsOf(NamedConditions.FIX_DEFINITION_KEYS);
        assertThat(names(schema.at("/properties/conditions/additionalProperties/properties/params/additionalProperties/properties")))
                .containsExactlyElementsOf(NamedConditions.PARAM_KEYS);
        assertThat(names(schema.at("/properties/fixes/additionalProperties/properties/params/additionalProperties/properties")))
                .containsExactlyElementsOf(NamedConditions.PARAM_KEYS);
        // the bodies are the rule grammar's, widened to take {arg: P}: the same keys
        assertThat(names(schema.at("/$defs/condition/anyOf/1/properties"))).containsExactlyElementsOf(ConditionParser.CONDITION_KEYS);
        assertThat(names(schema.at("/$defs/fix/anyOf/1/properties"))).containsExactlyElementsOf(FixParser.FIX_KEYS);
        assertThat(names(schema.at("/$defs/ruleParam/anyOf/1/properties"))).containsExactlyElementsOf(RuleGrammar.PARAM.keys());
    }

    @Test
    void aKeyOutsideTheGrammarIsRejectedByTheParser() {
        String rule = """
                apiVersion: trailguard/v1
                id: T-01
                title: A trail logs
                severity: high
                resource: AWS::CloudTrail::Trail
                description: Why.
                require: {path: $.Status.IsLogging, equals: true, typo: 1}
                message: not logging
                """;
        assertThatThrownBy(() -> RuleParser.parse("t.yaml", rule, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'typo'");
    }

    private static Iterable<String> names(com.fasterxml.jackson.databind.JsonNode n) {
        java.util.List<String> out = new java.util.ArrayList<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }
}
