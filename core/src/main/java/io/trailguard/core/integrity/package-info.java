/**
 * CloudTrail log file integrity validation (API): discovers every trail's digest chain in a bucket or a local copy of
 * it ({@link io.trailguard.core.integrity.LogStore}), checks each digest's signature, the chain between digests, and
 * the SHA-256 of every log file a digest lists, and reports per account, region, trail and hour
 * ({@link io.trailguard.core.integrity.IntegrityValidator}). Knows nothing of the AWS SDK: the S3 store lives in
 * {@code aws-adapter}. AWS's description of the scheme:
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html and
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 *
 * @since 0.2.0
 */
package io.trailguard.core.integrity;
