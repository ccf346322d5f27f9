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
 * @param fixTarget     the resource the fix's patch applies to, resolved in the subject's scope
 * @param patchValueTemplates the templates inside the fix's patch values, by their text, resolved in the subject's
 *                      scope
 */
public record RuleDefinition(String id, String title, Severity severity, Scope scope, List<String> resourceTypes,
                             String description, List<Reference> references, Map<String, ParamSpec> params,
                             Map<String, LetBinding> lets, Condition when, Condition require, Template message,
                             Template passMessage, FixSpec fix, List<RuleTest> tests, Path file, Name fixTarget,
                             Map<String, Template> patchValueTemplates) {
    public RuleDefinition {
        lets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lets));
        patchValueTemplates = Map.copyOf(patchValueTemplates);
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

    /** A rule parameter with its type and default. */
    public record ParamSpec(String name, ParamType type, JsonNode defaultValue, String description) {
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

    /** A fix: templates for the summary, steps and commands, and a patch on the subject or a related resource. */
    public record FixSpec(Template summary, List<Template> steps, List<Template> cli, String target,
                          List<PatchSpec> patch) {
        public FixSpec {
            steps = List.copyOf(steps);
            cli = List.copyOf(cli);
            patch = List.copyOf(patch);
        }
    }

    /** One patch operation whose path and value may hold templates. */
    public record PatchSpec(String op, Template path, String from, JsonNode value) {
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
