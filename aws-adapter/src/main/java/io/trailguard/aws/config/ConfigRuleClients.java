package io.trailguard.aws.config;

import io.trailguard.aws.collect.CollectOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.ConfigClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The AWS access of the Config rule: the collection options for the function's own account or, for an organisation
 * rule, an assumed member-account role (credentials kept per role and refreshed by STS as they expire), and Config
 * clients with the same credentials and endpoint. Thread-safe.
 */
final class ConfigRuleClients {
    private final CollectOptions options;
    private final Map<String, AwsCredentialsProvider> memberCredentials = new ConcurrentHashMap<>();

    ConfigRuleClients(CollectOptions options) {
        this.options = options;
    }

    /** The options to read and report with: the function's own, or those of {@code roleArn} when not null. */
    CollectOptions options(String roleArn, String region) {
        return roleArn == null ? options
                : options.withCredentialsProvider(memberCredentials.computeIfAbsent(roleArn, a -> assume(a, region)));
    }

    /** A Config client in {@code region} with the credentials and endpoint of {@code o}; the caller closes it. */
    static ConfigClient config(String region, CollectOptions o) {
        ConfigClientBuilder b = ConfigClient.builder().region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(base(o));
        if (o.endpointOverride() != null) {
            b.endpointOverride(o.endpointOverride());
        }
        return b.build();
    }

    private static AwsCredentialsProvider base(CollectOptions o) {
        return o.credentialsProvider() != null ? o.credentialsProvider()
                : o.profile() != null ? ProfileCredentialsProvider.builder().profileName(o.profile()).build()
                : DefaultCredentialsProvider.builder().build();
    }

    private AwsCredentialsProvider assume(String roleArn, String region) {
        StsClientBuilder sb = StsClient.builder().region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(base(options));
        if (options.endpointOverride() != null) {
            sb.endpointOverride(options.endpointOverride());
        }
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sb.build())
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("trailguard-config-rule"))
                .asyncCredentialUpdateEnabled(false).build();
    }
}
