/**
 * CloudTrail's log files in S3 (API): an S3 {@link io.trailguard.core.integrity.LogStore} for {@code trailguard logs},
 * CloudTrail's digest-signing public keys from {@code ListPublicKeys}, and a copier that writes a bucket's logs and
 * digests (with their signature metadata) into the local layout {@link io.trailguard.core.integrity.LocalLogStore}
 * reads. Clients use the collector's options: credentials, endpoint override, timeouts and adaptive retries.
 *
 * @since 0.2.0
 */
package io.trailguard.aws.logs;
