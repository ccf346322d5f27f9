package io.trailguard.cli;

import io.trailguard.aws.logs.LogClients;
import io.trailguard.aws.logs.LogFetcher;
import io.trailguard.core.integrity.Layout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailguard logs fetch}: copies a bucket's CloudTrail logs and digests, with signatures, for offline use. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Copy the CloudTrail log and digest files of s3://BUCKET[/PREFIX] into DIR, keeping each digest's "
                + "signature (its S3 metadata) in <digest>.metadata.json, the layout 'logs validate DIR' reads.",
                "Exit 0 when every object was copied, 1 when some could not be read (listed), 2 for bad usage."})
final class LogsFetchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "s3://BUCKET[/PREFIX]", description = "The log bucket, and a prefix to copy under.")
    String source;

    @Parameters(index = "1", paramLabel = "DIR", description = "The directory to copy into (the bucket's root).")
    Path dir;

    @Option(names = "--accounts", paramLabel = "a1,a2", description = "Only these accounts.")
    String accounts;

    @Option(names = "--regions", paramLabel = "r1,r2", description = "Only these regions (of the logs).")
    String regions;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16", description = "Objects read at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Mixin
    LogAwsOptions aws = new LogAwsOptions();

    @Override
    public Integer call() throws Exception {
        LogLocation from = LogLocation.parse(source, "s3://BUCKET[/PREFIX]");
        if (!from.s3()) {
            throw new Main.UserError("trailguard: logs fetch: the source must be s3://BUCKET[/PREFIX], found " + source);
        }
        if (concurrency < 1) {
            throw new Main.UserError("trailguard: --concurrency: expected a positive number, found " + concurrency);
        }
        LogFetcher.Result r;
        try (LogClients clients = new LogClients(aws.collectOptions(concurrency));
                var s3 = clients.s3(aws.region())) {
            r = LogFetcher.fetch(s3, from.bucket(), from.prefix(), dir, concurrency,
                    scope(LogLocation.list(accounts), LogLocation.list(regions)));
        }
        PrintWriter err = spec.commandLine().getErr();
        r.failures().forEach(f -> err.println("trailguard: not copied: " + f));
        err.println("Copied " + r.objects() + " object(s), " + r.bytes() + " bytes, into " + dir
                + (r.failures().isEmpty() ? "." : "; " + r.failures().size() + " could not be read."));
        return r.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** Keeps keys of the accounts and regions asked for (all when none). */
    static java.util.function.Predicate<String> scope(Set<String> accounts, Set<String> regions) {
        return k -> {
            String account = Layout.digest(k).map(d -> d.trail().account())
                    .orElseGet(() -> Layout.log(k).map(l -> l.scope().account()).orElse(null));
            String region = Layout.digest(k).map(d -> d.trail().region())
                    .orElseGet(() -> Layout.log(k).map(l -> l.scope().region()).orElse(null));
            return (accounts.isEmpty() || accounts.contains(account)) && (regions.isEmpty() || regions.contains(region));
        };
    }
}
