package io.trailguard.aws.logs;

import io.trailguard.aws.collect.CollectOptions;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the S3 and CloudTrail clients of {@code trailguard logs} from the collector's options: the same credentials
 * (profile, or the default chain), endpoint override, call and attempt timeouts, and adaptive retries with
 * exponential backoff. One HTTP client is shared; close it when done.
 *
 * @since 0.2.0
 */
public final class LogClients implements AutoCloseable {
    private final CollectOptions options;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;

    public LogClients(CollectOptions options) {
        this.options = options;
        this.http = UrlConnectionHttpClient.builder().socketTimeout(options.attemptTimeout())
                .connectionTimeout(Duration.ofSeconds(10)).build();
        this.credentials = options.credentialsProvider() != null ? options.credentialsProvider()
                : options.profile() != null ? ProfileCredentialsProvider.builder().profileName(options.profile()).build()
                : DefaultCredentialsProvider.builder().build();
    }

    private ClientOverrideConfiguration override() {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(options.retryBaseDelay(), Duration.ofSeconds(20));
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(options.maxAttempts())
                        .backoffStrategy(backoff).throttlingBackoffStrategy(backoff).build())
                .apiCallTimeout(options.callTimeout()).apiCallAttemptTimeout(options.attemptTimeout()).build();
    }

    /** An S3 client for {@code region} that follows a bucket to its own region. */
    public S3Client s3(String region) {
        var b = S3Client.builder().region(Region.of(region)).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(override());
        if (options.endpointOverride() != null) {
            b.endpointOverride(options.endpointOverride()).forcePathStyle(true);
        } else {
            b.crossRegionAccessEnabled(true);
        }
        return b.build();
    }

    /** A CloudTrail client for {@code region}. */
    public CloudTrailClient cloudTrail(String region) {
        var b = CloudTrailClient.builder().region(Region.of(region)).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(override());
        if (options.endpointOverride() != null) {
            b.endpointOverride(options.endpointOverride());
        }
        return b.build();
    }

    /** A Security Hub client for {@code region}. */
    public software.amazon.awssdk.services.securityhub.SecurityHubClient securityHub(String region) {
        var b = software.amazon.awssdk.services.securityhub.SecurityHubClient.builder().region(Region.of(region))
                .credentialsProvider(credentials).httpClient(http).overrideConfiguration(override());
        if (options.endpointOverride() != null) {
            b.endpointOverride(options.endpointOverride());
        }
        return b.build();
    }

    /** An SNS client for {@code region}. */
    public software.amazon.awssdk.services.sns.SnsClient sns(String region) {
        var b = software.amazon.awssdk.services.sns.SnsClient.builder().region(Region.of(region))
                .credentialsProvider(credentials).httpClient(http).overrideConfiguration(override());
        if (options.endpointOverride() != null) {
            b.endpointOverride(options.endpointOverride());
        }
        return b.build();
    }

    @Override
    public void close() {
        http.close();
    }
}
