package io.trailguard.cli;

import io.trailguard.aws.collect.CollectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of live collection, shared by {@code collect} and {@code scan --live}. */
final class AwsOptions {
    @Option(names = "--profile", paramLabel = "NAME", description = "The AWS profile to use (default: the SDK's default credential chain).")
    String profile;

    @Option(names = "--regions", paramLabel = "r1,r2|all", defaultValue = "all",
            description = "Regions to collect, comma-separated, or 'all' enabled regions (default: ${DEFAULT-VALUE}).")
    String regions;

    @Option(names = "--org", description = "Collect every account of the organisation through an assumed role.")
    boolean org;

    @Option(names = "--role-name", paramLabel = "ROLE", defaultValue = CollectOptions.DEFAULT_ROLE_NAME,
            description = "The role to assume in each member account with --org (default: ${DEFAULT-VALUE}).")
    String roleName;

    @Option(names = "--external-id", paramLabel = "ID", description = "The external id the member roles require, if any.")
    String externalId;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16", description = "API calls in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every service's calls to this endpoint (LocalStack, moto, a stub server), as the AWS CLI's option does.")
    URI endpoint;

    @Option(names = "--debug", description = "Print every AWS API call of the collection on standard error (service, operation, URL, headers, status, request id, time); credentials and bodies are never printed.")
    boolean debug;

    CollectOptions toOptions() {
        if (debug) {
            WireLog.enable(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err,
                    java.nio.charset.StandardCharsets.UTF_8), true));
        }
        if (concurrency < 1) {
            throw new Main.UserError("--concurrency: expected a positive number, found " + concurrency);
        }
        List<String> rs = regions.equalsIgnoreCase("all") ? List.of()
                : new ArrayList<>(Arrays.stream(regions.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        CollectOptions o = CollectOptions.defaults().withRegions(rs).withConcurrency(concurrency)
                .withOrganization(org, roleName, externalId);
        if (profile != null) {
            o = o.withProfile(profile);
        }
        if (endpoint != null) {
            o = o.withEndpointOverride(endpoint);
        }
        return o;
    }
}
