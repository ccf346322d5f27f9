/**
 * Snapshot reading, validation and indexing (implementation, not API).
 *
 * <p>{@link io.trailguard.core.snapshot.SnapshotReader} parses and validates a snapshot file, reporting every problem
 * with its line, column and JSON pointer; {@link io.trailguard.core.snapshot.SnapshotIndex} holds the resources with
 * the lookups that relations join on, so a join is a map lookup, never a scan;
 * {@link io.trailguard.core.snapshot.CollectionGaps} answers which inputs could not be read.
 */
package io.trailguard.core.snapshot;
