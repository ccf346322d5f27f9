/**
 * The rule DSL (implementation, not API): the rule model, its parser with positioned problems, conditions,
 * selections, operators and templates. The grammar is documented in {@code docs/rule-dsl.md}.
 */
package io.trailguard.core.dsl;
