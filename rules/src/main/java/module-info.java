/**
 * The built-in rule pack: {@link io.trailguard.rules.BuiltinRules}, and the YAML rules with their test fixtures as
 * resources of this module.
 *
 * @since 0.1.0
 */
module io.trailguard.rules {
    requires transitive io.trailguard.core;
    requires com.fasterxml.jackson.databind;

    exports io.trailguard.rules;
}
