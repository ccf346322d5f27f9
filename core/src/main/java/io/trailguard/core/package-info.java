/**
 * The trailguard library API: load a {@link io.trailguard.core.RulePack} and a {@link io.trailguard.core.Snapshot},
 * evaluate them with an {@link io.trailguard.core.Engine}, and read the {@link io.trailguard.core.Finding}s, each
 * with its evidence and, for a failure, a {@link io.trailguard.core.Fix}.
 *
 * <p>This package is the public API. Its types are immutable and thread-safe, no method returns {@code null} unless
 * its javadoc says so, and no third-party type (Jackson, SnakeYAML, JsonPath) appears in its signatures. The
 * sub-packages are implementation and may change between releases.
 *
 * @since 0.1.0
 */
package io.trailguard.core;
