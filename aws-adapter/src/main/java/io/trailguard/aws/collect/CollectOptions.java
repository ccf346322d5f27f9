package io.trailguard.aws.collect;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What to collect and how.
 *
 * @param profile            AWS shared-config profile for the base credentials; {@code null} = default provider chain
 * @param regions            regions to collect; empty = every region enabled for each account
 * @param organization       list the organisation's accounts and collect each through an assumed role
 * @param roleName           role assumed in member accounts (default {@value #DEFAULT_ROLE_NAME})
 * @param externalId         external id for AssumeRole, or {@code null}
 * @param concurrency        maximum number of API calls in flight at once (across all accounts)
 * @param endpointOverride   one endpoint for every service client (a local emulator or stub), or {@code null}
 * @param callTimeout        timeout for one API call including its retries
 * @param attemptTimeout     timeout for one HTTP attempt
 * @param maxAttempts        attempts per call under the SDK's adaptive retry mode (1 = no retry)
 * @param retryBaseDelay     base delay of the exponential backoff between attempts
 * @param credentialsProvider base credentials; when set it wins over {@code profile} (library use and tests)
 */
public record CollectOptions(
        String profile,
        List<String> regions,
        boolean organization,
        String roleName,
        String externalId,
        int concurrency,
        URI endpointOverride,
        Duration callTimeout,
        Duration attemptTimeout,
        int maxAttempts,
        Duration retryBaseDelay,
        AwsCredentialsProvider credentialsProvider) {

    public static final String DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole";

    public CollectOptions {
        regions = regions == null ? List.of() : List.copyOf(regions);
        roleName = roleName == null || roleName.isBlank() ? DEFAULT_ROLE_NAME : roleName;
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(retryBaseDelay, "retryBaseDelay");
    }

    /** One account, every enabled region, default credentials, 8 calls in flight, 5 adaptive attempts. */
    public static CollectOptions defaults() {
        return new CollectOptions(null, List.of(), false, DEFAULT_ROLE_NAME, null, 8, null,
                Duration.ofSeconds(120), Duration.ofSeconds(20), 5, Duration.ofMillis(100), null);
    }

    public boolean allRegions() {
        return regions.isEmpty();
    }

    public CollectOptions withProfile(String p) {
        return new CollectOptions(p, regions, organization, roleName, externalId, concurrency, endpointOverride,
                callTimeout, attemptTimeout, maxAttempts, retryBaseDelay, credentialsProvider);
    }

    public CollectOptions withRegions(List<String> r) {
        return new CollectOptions(profile, r, organization, roleName, externalId, concurrency, endpointOverride,
                callTimeout, attemptTimeout, maxAttempts, retryBaseDelay, credentialsProvider);
    }

    public CollectOptions withOrganization(boolean o, String role, String extId) {
        return new CollectOptions(profile, regions, o, role, extId, concurrency, endpointOverride,
                callTimeout, attemptTimeout, maxAttempts, retryBaseDelay, credentialsProvider);
    }

    public CollectOptions withConcurrency(int c) {
        return new CollectOptions(profile, regions, organization, roleName, externalId, c, endpointOverride,
                callTimeout, attemptTimeout, maxAttempts, retryBaseDelay, credentialsProvider);
    }

    public CollectOptions withEndpointOverride(URI e) {
        return new CollectOptions(profile, regions, organization, roleName, externalId, concurrency, e,
                callTimeout, attemptTimeout, maxAttempts, retryBaseDelay, credentialsProvider);
    }

    public CollectOptions withTimeouts(Duration call, Duration attempt) {
        return new CollectOptions(profile, regions, organization, roleName, externalId, concurrency, endpointOverride,
                call, attempt, maxAttempts, retryBaseDelay, credentialsProvider);
    }

    public CollectOptions withRetries(int attempts, Duration baseDelay) {
        return new CollectOptions(profile, regions, organization, roleName, externalId, concurrency, endpointOverride,
                callTimeout, attemptTimeout, attempts, baseDelay, credentialsProvider);
    }

    public CollectOptions withCredentialsProvider(AwsCredentialsProvider c) {
        return new CollectOptions(profile, regions, organization, roleName, externalId, concurrency, endpointOverride,
                callTimeout, attemptTimeout, maxAttempts, retryBaseDelay, c);
    }

    @Override
    public String toString() { // never prints credentials
        return "CollectOptions[profile=" + profile + ", regions=" + (regions.isEmpty() ? "all" : regions)
                + ", organization=" + organization + ", roleName=" + roleName
                + ", externalId=" + (externalId == null ? "none" : "***") + ", concurrency=" + concurrency
                + ", endpointOverride=" + endpointOverride + ", callTimeout=" + callTimeout
                + ", attemptTimeout=" + attemptTimeout + ", maxAttempts=" + maxAttempts + "]";
    }
}
