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
 * The published rule schema is generated from {@link RuleGrammar}, the table the parsers take their keys from:
 * the checked-in file must be the generator's output ({@code -Dgolden.update=true} rewrites it).
 */
class RuleSchemaGoldenTest {
    private static final Path FILE = Path.of("src/main/resources" + RuleSchema.RESOURCE);

    @Test
    void theCheckedInSchemaIsTheGeneratedOne() throws IOException {
        String generated = RuleSchema.text();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        String current = Files.readString(FILE, StandardCharsets.UTF_8);
        if (!current.equals(generated)) {
            throw new AssertionError(FILE + " differs from the schema RuleGrammar generates (rerun with "
                    + "-Dgolden.update=true to accept). Generated:\n" + generated);
        }
    }

    @Test
    void theSchemaListsExactlyTheKeysTheParsersAccept() {
        assertThat(names(RuleSchema.schema().path("properties"))).containsExactlyElementsOf(RuleGrammar.RULE.keys());
        assertThat(names(RuleSchema.schema().at("/$defs/condition/properties")))
                .containsExactlyElementsOf(ConditionParser.CONDITION_KEYS);
        assertThat(names(RuleSchema.schema().at("/properties/fix/properties"))).containsExactlyElementsOf(FixParser.FIX_KEYS);
        // every operator and every word the condition parser gives a meaning is a key of the grammar
        assertThat(ConditionParser.CONDITION_KEYS).containsAll(Operator.keys()).containsAll(ConditionParser.COMBINATORS)
                .containsAll(ConditionParser.QUANTIFIERS).containsAll(ConditionParser.RELATED_KEYS);
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
