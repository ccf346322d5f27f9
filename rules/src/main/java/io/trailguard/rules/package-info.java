/**
 * The built-in rule pack (public API): {@link io.trailguard.rules.BuiltinRules#pack()} loads the YAML rules bundled
 * in this jar, each with its own test cases and fixtures, from the form the build precompiles them into
 * ({@link io.trailguard.rules.PackCompiler}); {@link io.trailguard.rules.BuiltinRules#fromFiles()} reads the YAML.
 *
 * @since 0.1.0
 */
package io.trailguard.rules;
