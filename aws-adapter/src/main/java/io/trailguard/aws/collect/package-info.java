/**
 * Live collection of snapshots from AWS accounts and organisations: {@link io.trailguard.aws.collect.SnapshotCollector}
 * with {@link io.trailguard.aws.collect.CollectOptions}, {@link io.trailguard.aws.collect.ProgressListener} and
 * {@link io.trailguard.aws.collect.SnapshotWriter}. See docs/collection.md.
 */
package io.trailguard.aws.collect;
