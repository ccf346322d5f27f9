package io.trailguard.core;

import java.util.List;

/**
 * What a rule is, for listing and documentation: id, title, severity, what it is evaluated for, why it matters,
 * references, parameters, and whether it carries a fix and a patch.
 *
 * @param scope         {@code resource}, {@code account} or {@code region}
 * @param resourceTypes the resource types of a resource-scope rule
 * @param source        the rule file
 * @since 0.1.0
 */
public record RuleInfo(String id, String title, Severity severity, String scope, List<String> resourceTypes,
                       String description, List<Reference> references, List<Param> params, boolean hasFix,
                       boolean hasPatch, int testCount, String source) {
    public RuleInfo {
        resourceTypes = List.copyOf(resourceTypes);
        references = List.copyOf(references);
        params = List.copyOf(params);
    }

    /**
     * A rule parameter.
     *
     * @param type         {@code string}, {@code number}, {@code boolean}, {@code duration} or {@code list}
     * @param defaultValue the default as JSON text
     */
    public record Param(String name, String type, String defaultValue, String description) {
    }
}
