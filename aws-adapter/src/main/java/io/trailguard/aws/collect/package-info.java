/**
 * Live collection of snapshots from AWS accounts and organisations (API):
 * {@link io.trailguard.aws.collect.SnapshotCollector} with {@link io.trailguard.aws.collect.CollectOptions} and
 * {@link io.trailguard.aws.collect.ProgressListener}; the snapshot is written with core's {@code AtomicFiles}. See
 * docs/collection.md.
 */
package io.trailguard.aws.collect;
