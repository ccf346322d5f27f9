package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.fix.Change.Edit;
import java.util.List;

/**
 * A rule's {@code fix:}: templates for the summary and steps, typed changes (whose commands are rendered by one
 * renderer per AWS API), read-only check commands as words, and, when the remedy needs a decision the engine cannot
 * make, the reason.
 *
 * @param manual why the fix has no typed change, or {@code null}
 */
public record FixSpec(Template summary, List<Template> steps, List<ChangeSpec> changes, List<List<Template>> checks,
                      Template manual) {
    public FixSpec {
        steps = List.copyOf(steps);
        changes = List.copyOf(changes);
        checks = checks.stream().map(List::copyOf).toList();
    }

    /**
     * One change: through {@code api}, either edits of {@code target} ({@code self} or a relation; its first element,
     * every element with {@code each: all}, all but the first with {@code each: rest}), its deletion
     * ({@code delete}), or a resource to {@code create}. {@code when}/{@code unless}, when present, keep or skip the
     * change by the truth of a template's value (empty, false and absent are false); {@code where} keeps the targets
     * it holds for; {@code forEach} applies the edits, their paths relative to an element, to every element of a list
     * of the target that its condition holds for.
     */
    public record ChangeSpec(String api, Name target, String each, List<EditSpec> edits, CreateSpec create,
                             Template when, Template unless, int line, boolean delete, Condition where,
                             ForEachSpec forEach) {
        public ChangeSpec {
            edits = List.copyOf(edits);
        }
    }

    /** The elements of the list at {@code list} (a JSON Pointer into the target) that {@code where} holds for. */
    public record ForEachSpec(String list, Condition where) {
    }

    /** One edit whose path and value may hold templates; {@code each} appends every element of a list value. */
    public record EditSpec(Edit.Kind kind, Template path, JsonNode value, boolean each) {
    }

    /** A resource to create: its type, id, account, region and configuration, templates allowed. */
    public record CreateSpec(String type, Template id, Template account, Template region, JsonNode configuration) {
    }
}
