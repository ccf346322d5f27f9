package io.trailguard.cli;

import io.trailguard.aws.logs.LogClients;
import io.trailguard.aws.logs.S3LogStore;
import io.trailguard.core.integrity.LocalLogStore;
import io.trailguard.core.integrity.LogStore;
import io.trailguard.core.logs.events.CloudTrailEvent;
import io.trailguard.core.logs.events.CloudTrailEvents;
import java.io.IOException;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The log files {@code logs denied} and {@code logs alarms} read: a local directory or {@code s3://bucket/prefix}. */
final class LogSource {
    @Parameters(index = "0", arity = "0..1", paramLabel = "s3://BUCKET[/PREFIX]|DIR",
            description = "CloudTrail log files (gzip JSON as delivered, or plain JSON) in a bucket or a directory.")
    String location;

    @Option(names = "--concurrency", paramLabel = "N", description = "Files read at once (default: the number of processors for a directory, 16 for S3).")
    Integer concurrency;

    @Mixin
    LogAwsOptions aws = new LogAwsOptions();

    /** Reads every event of the location's log files into the sink. */
    CloudTrailEvents.Summary read(Consumer<CloudTrailEvent> sink) throws IOException {
        if (location == null) {
            throw new Main.UserError("trailguard: give the log files to read: s3://BUCKET[/PREFIX] or a directory");
        }
        LogLocation where = LogLocation.parse(location, "s3://BUCKET[/PREFIX]|DIR");
        int n = concurrency != null ? concurrency : where.s3() ? 16 : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new Main.UserError("trailguard: --concurrency: expected a positive number, found " + n);
        }
        if (!where.s3()) {
            return read(new LocalLogStore(where.dir(), null), "", n, sink);
        }
        try (LogClients clients = new LogClients(aws.collectOptions(n));
                var s3 = clients.s3(aws.region())) {
            return read(new S3LogStore(s3, where.bucket(), n), where.prefix(), n, sink);
        }
    }

    private static CloudTrailEvents.Summary read(LogStore store, String prefix, int n, Consumer<CloudTrailEvent> sink) {
        try {
            return CloudTrailEvents.read(store, prefix, n, sink);
        } catch (IOException e) {
            throw new Main.UserError("trailguard: " + e.getMessage());
        }
    }
}
