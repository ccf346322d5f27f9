/**
 * The rule DSL (implementation, not API): the rule model, its parser with positioned problems (conditions, scopes
 * and the fix section each parsed by their own class), conditions (one sealed variant per meaning), names resolved
 * once in their scope ({@link io.trailguard.core.dsl.Name}), selections, operators and templates, and the named
 * conditions of a pack ({@link io.trailguard.core.dsl.NamedConditions}), expanded where a rule uses them. The grammar
 * is documented in {@code docs/rule-dsl.md}.
 */
package io.trailguard.core.dsl;
