package io.trailguard.core.dsl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of a rule file (draft 2020-12), made from {@link RuleGrammar}: the text of
 * {@code io/trailguard/core/schema/rule.schema.json}, which editors use to complete and check rule files. The
 * checked-in file is this output (RuleSchemaTest regenerates and compares). Stateless.
 */
final class RuleSchema {
    /** Where the schema is published, in core's resources. */
    static final String RESOURCE = "/io/trailguard/core/schema/rule.schema.json";

    private RuleSchema() {
    }

    static ObjectNode schema() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://trailguard.io/schema/rule.schema.json");
        root.put("title", "trailguard rule");
        root.setAll(RuleGrammar.RULE.schema());
        root.set("$defs", RuleGrammar.definitions());
        return root;
    }

    /** The schema as the checked-in file holds it: two-space indentation, one key per line, a final newline. */
    static String text() {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            return new ObjectMapper().writer(pp).writeValueAsString(schema()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }
}
