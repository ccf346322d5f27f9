package io.trailguard.cli;

import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.core.report.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The AWS options of the {@code logs} commands (credentials, endpoint, the S3 client's first region), and their output. */
final class LogAwsOptions {
    @Option(names = "--profile", paramLabel = "NAME", description = "The AWS profile to use (default: the SDK's default credential chain).")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every call to this endpoint (moto, LocalStack, a stub).")
    URI endpoint;

    @Option(names = "--client-region", paramLabel = "REGION", description = "The region the S3 client starts in; it follows the bucket to its own (default: AWS_REGION, else us-east-1).")
    String clientRegion;

    /** The collector's options with these settings and {@code concurrency} calls at once. */
    CollectOptions collectOptions(int concurrency) {
        CollectOptions o = CollectOptions.defaults().withConcurrency(concurrency);
        if (profile != null) {
            o = o.withProfile(profile);
        }
        if (endpoint != null) {
            o = o.withEndpointOverride(endpoint);
        }
        return o;
    }

    /** The S3 client's first region: {@code --client-region}, else AWS_REGION or AWS_DEFAULT_REGION, else us-east-1. */
    String region() {
        if (clientRegion != null) {
            return clientRegion;
        }
        String env = System.getenv("AWS_REGION");
        if (env == null || env.isBlank()) {
            env = System.getenv("AWS_DEFAULT_REGION");
        }
        return env == null || env.isBlank() ? "us-east-1" : env;
    }

    /** Writes a report to {@code output} (whole or not at all) or, without one, to standard output. */
    static void emit(CommandSpec spec, Path output, String text) throws IOException {
        if (output != null) {
            AtomicFiles.write(output, text.getBytes(StandardCharsets.UTF_8));
            spec.commandLine().getErr().println("Wrote " + output + ".");
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        }
    }
}
