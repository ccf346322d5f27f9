/**
 * Runs the test cases rule files carry (public API): the same runner backs {@code trailguard rules test} and the
 * built-in pack's JUnit tests, so users test their own rules the way the built-in pack is tested.
 *
 * @since 0.1.0
 */
package io.trailguard.core.testing;
