package io.trailguard.aws.collect.internal;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53resolver.Route53ResolverClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One account being collected: its id, credentials, the service clients made for it (one per service and region,
 * made on first use) and the resources its collected resources name (roles, topics) for the last phase.
 */
public final class Account implements AutoCloseable {
    public static final String GLOBAL = "global";

    public final CollectRun run;
    public final String id;
    public final String name;
    private final AwsCredentialsProvider credentials;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    /** IAM role ARNs named by trails, flow logs and replication rules of this account. */
    public final Set<String> roleRefs = ConcurrentHashMap.newKeySet();
    /** SNS topic ARNs named by trails and alarms of this account (of any account). */
    public final Set<String> topicRefs = ConcurrentHashMap.newKeySet();
    /**
     * The calls that failed to list resources which name roles or topics (trails, flow logs, replication rules):
     * the roles and topics they would have named are unknown, not absent.
     */
    public final Set<String> unreadReferrers = ConcurrentHashMap.newKeySet();

    private volatile String partition = "aws";

    public String partition() {
        return partition;
    }

    public void partition(String p) {
        if (p != null && !p.isBlank()) {
            partition = p;
        }
    }

    public Account(CollectRun run, String id, String name, AwsCredentialsProvider credentials) {
        this.run = run;
        this.id = id;
        this.name = name;
        this.credentials = credentials;
    }

    /** Resolves the credentials now (for an assumed role: calls AssumeRole), so a failure shows once, here. */
    public void resolveCredentials() {
        credentials.resolveCredentials();
    }

    // ---- calls scoped to this account ----

    public <T> Result<T> call(String region, String service, String operation, Target target, Set<String> absent,
                              Supplier<T> fn) {
        return run.call(id, region, service, operation, target, absent, fn);
    }

    public <T> Result<T> call(String region, String service, String operation, Target target, Supplier<T> fn) {
        return run.call(id, region, service, operation, target, Set.of(), fn);
    }

    // ---- clients ----

    private URI endpoint() {
        return run.options.endpointOverride();
    }

    /** The region global services are signed for: aws-global, or us-east-1 against an endpoint override. */
    private Region globalRegion() {
        return endpoint() == null ? Region.AWS_GLOBAL : Region.US_EAST_1;
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
            String service, Region region, Supplier<B> builder, java.util.function.Consumer<B> extra,
            boolean disableHostPrefix) {
        return (C) clients.computeIfAbsent(service + "@" + region.id(), k -> {
            B b = builder.get();
            ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder()
                    .retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                            .maxAttempts(run.options.maxAttempts())
                            .backoffStrategy(BackoffStrategy.exponentialDelay(run.options.retryBaseDelay(),
                                    java.time.Duration.ofSeconds(20)))
                            .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(
                                    run.options.retryBaseDelay(), java.time.Duration.ofSeconds(20)))
                            .build())
                    .apiCallTimeout(run.options.callTimeout())
                    .apiCallAttemptTimeout(run.options.attemptTimeout())
                    .addExecutionInterceptor(run.callCounter)
                    .addExecutionInterceptor(new UsableAnswers());
            if (disableHostPrefix && endpoint() != null) {
                o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true);
            }
            b.region(region).credentialsProvider(credentials).httpClient(run.http).overrideConfiguration(o.build());
            if (endpoint() != null) {
                b.endpointOverride(endpoint());
            }
            extra.accept(b);
            return b.build();
        });
    }

    private static <B> java.util.function.Consumer<B> none() {
        return b -> { };
    }

    public CloudTrailClient cloudTrail(String region) {
        return client("cloudtrail", Region.of(region), CloudTrailClient::builder, none(), false);
    }

    public Ec2Client ec2(String region) {
        return client("ec2", Region.of(region), Ec2Client::builder, none(), false);
    }

    public KmsClient kms(String region) {
        return client("kms", Region.of(region), KmsClient::builder, none(), false);
    }

    public ConfigClient config(String region) {
        return client("config", Region.of(region), ConfigClient::builder, none(), false);
    }

    public CloudWatchLogsClient logs(String region) {
        return client("logs", Region.of(region), CloudWatchLogsClient::builder, none(), false);
    }

    public CloudWatchClient cloudWatch(String region) {
        return client("cloudwatch", Region.of(region), CloudWatchClient::builder, none(), false);
    }

    public SnsClient sns(String region) {
        return client("sns", Region.of(region), SnsClient::builder, none(), false);
    }

    public Route53ResolverClient route53Resolver(String region) {
        return client("route53resolver", Region.of(region), Route53ResolverClient::builder, none(), false);
    }

    public S3Client s3(String region) {
        return client("s3", Region.of(region), S3Client::builder,
                b -> b.forcePathStyle(endpoint() != null ? Boolean.TRUE : null), false);
    }

    public S3ControlClient s3Control() {
        // S3 Control puts the account id in the host name ({account}.s3-control...), which a loopback endpoint
        // override cannot serve: against an override, send to the override as it is
        return client("s3control", Region.US_EAST_1, S3ControlClient::builder, b -> {
            if (endpoint() != null) {
                URI e = endpoint();
                b.endpointProvider(p -> java.util.concurrent.CompletableFuture.completedFuture(
                        software.amazon.awssdk.endpoints.Endpoint.builder().url(e).build()));
            }
        }, true);
    }

    public IamClient iam() {
        return client("iam", globalRegion(), IamClient::builder, none(), false);
    }

    public Route53Client route53() {
        return client("route53", globalRegion(), Route53Client::builder, none(), false);
    }

    public OrganizationsClient organizations() {
        return client("organizations", Region.US_EAST_1, OrganizationsClient::builder, none(), false);
    }

    public StsClient sts() {
        return client("sts", Region.US_EAST_1, StsClient::builder, none(), false);
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
    }
}
