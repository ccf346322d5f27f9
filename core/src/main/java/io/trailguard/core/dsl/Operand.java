package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;

/** The right-hand side of a comparison: a literal, a compiled pattern, a template, or a rule parameter. */
public sealed interface Operand {
    /** A literal value from the rule file. */
    record Literal(JsonNode value) implements Operand {
    }

    /** The literal RE2 regular expression of {@code matches}, compiled once by the parser. */
    record Regex(com.google.re2j.Pattern pattern) implements Operand {
    }

    /** A {@code {{ … }}} template, evaluated per resource. */
    record Templated(Template template) implements Operand {
    }

    /** {@code {param: name}}: the value of a rule parameter. */
    record Param(String name) implements Operand {
    }
}
