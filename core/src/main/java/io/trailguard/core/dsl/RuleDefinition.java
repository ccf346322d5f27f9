package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Reference;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed, validated rule file. Immutable; its paths, patterns and templates are compiled once.
 *
 * @param scope         what the rule is evaluated for
 * @param resourceTypes for {@link Scope#RESOURCE}: the resource types; else the synthetic subject type
 * @param lets          named, filtered relations ({@code let:}) in declaration order
 * @param when          applicability; {@code null} means always applicable
 * @param passMessage   the message of a passing finding, or {@code null} for a default
 * @param fix           the fix, or {@code null}
 * @param file          the rule file, or {@code null} when parsed from text
 * @param fixValueTemplates the templates inside the values of the fix's changes, by their text, resolved in the
 *                      subject's scope
 */
public record RuleDefinition(String id, String title, Severity severity, Scope scope, List<String> resourceTypes,
                             String description, List<Reference> references, Map<String, ParamSpec> params,
                             Map<String, LetBinding> lets, Condition when, Condition require, Template message,
                             Template passMessage, FixSpec fix, List<RuleTest> tests, Path file,
                             Map<String, Template> fixValueTemplates) {
    public RuleDefinition {
        lets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lets));
        fixValueTemplates = Map.copyOf(fixValueTemplates);
        resourceTypes = List.copyOf(resourceTypes);
        references = List.copyOf(references);
        params = Map.copyOf(params);
        tests = List.copyOf(tests);
    }

    /** What a rule is evaluated for. */
    public enum Scope {
        /** Each resource of the listed types. */
        RESOURCE,
        /** Each account of the snapshot. */
        ACCOUNT,
        /** Each region of each account of the snapshot. */
        REGION
    }

    /**
     * A rule parameter with its type and default. A parameter that names something of the user's (a bucket, a key, a
     * topic) has no default: its value comes from {@code --param}, else from the snapshot by the derivation
     * {@code from} (see {@code io.trailguard.core.fix.render.SnapshotDefaults}), looked for near the resource the
     * relation {@code near} leads to; else the fix names the parameter as unset.
     *
     * @param defaultValue the default, or {@code null} when there is none
     * @param from         the snapshot derivation, or {@code null}
     * @param near         the relation whose first resource the derivation looks near, or {@code null} for the subject
     */
    public record ParamSpec(String name, ParamType type, JsonNode defaultValue, String description, String from,
                            String near) {
        public ParamSpec(String name, ParamType type, JsonNode defaultValue, String description) {
            this(name, type, defaultValue, description, null, null);
        }
    }

    /** The types a parameter may have. */
    public enum ParamType {
        STRING, NUMBER, BOOLEAN, DURATION, LIST
    }

    /**
     * {@code let: {name: {related: base, where: …}}}: a relation of the subject filtered by a condition.
     *
     * @param where the filter, evaluated at each related resource, or {@code null}
     * @param slot  its position among the rule's bindings (declaration order)
     */
    public record LetBinding(String name, Name.Follow relation, Condition where, int slot) {
    }

    /**
     * A test case: a snapshot (a file relative to the rule file, or inline), parameter overrides, and the outcome
     * expected.
     */
    public record RuleTest(String name, String givenFile, JsonNode givenInline, Map<String, JsonNode> params,
                           Status expectAll, Map<Status, List<String>> expectByStatus, int line) {
        public RuleTest {
            params = Map.copyOf(params);
        }
    }
}
