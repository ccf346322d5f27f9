package io.trailguard.cli;

import io.trailguard.aws.logs.CloudTrailPublicKeys;
import io.trailguard.aws.logs.LogClients;
import io.trailguard.aws.logs.LogFetcher;
import io.trailguard.aws.logs.S3LogStore;
import io.trailguard.cli.ScanCommand.Format;
import io.trailguard.core.integrity.IntegrityAsff;
import io.trailguard.core.integrity.IntegrityReport;
import io.trailguard.core.integrity.IntegrityReports;
import io.trailguard.core.integrity.IntegrityValidator;
import io.trailguard.core.integrity.LocalLogStore;
import io.trailguard.core.integrity.LogStore;
import io.trailguard.core.integrity.PublicKeys;
import io.trailguard.core.integrity.ValidateOptions;
import io.trailguard.core.report.IntegrityFormats;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailguard logs validate}: CloudTrail log file integrity validation of a whole bucket, online or offline. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate CloudTrail log file integrity for every trail, account and region delivering to a bucket "
                + "(s3://BUCKET[/PREFIX]) or to a local copy of it (DIR): each digest's signature, the digest chain "
                + "(gaps, logging-off intervals), and every listed log file's SHA-256 (MODIFIED, DELETED); log files no "
                + "digest lists are NOT_COVERED.",
                "Exit 0 when everything is valid, 1 when anything is modified, deleted, not covered, missing or "
                        + "unknown, 2 for bad usage or input, 3 for an internal error."})
final class LogsValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "s3://BUCKET[/PREFIX]|DIR", description = "The log bucket, or a local copy of it (the bucket's root).")
    String location;

    @Option(names = "--event", paramLabel = "EVENT.json", description = "Run the triggered-validation Lambda handler locally on this notification (S3 event, SNS, EventBridge): validate the digests it announces in S3, print what it would import into Security Hub, send nothing.")
    Path event;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only keys under this prefix (in a local copy; in S3 give it in the URL).")
    String prefix;

    @Option(names = "--bucket", paramLabel = "NAME", description = "The bucket a local copy was made from: its digests must say so (default: what the digests say).")
    String bucket;

    @Option(names = "--accounts", paramLabel = "a1,a2", description = "Only these accounts.")
    String accounts;

    @Option(names = "--regions", paramLabel = "r1,r2", description = "Only these regions (of the logs).")
    String regions;

    @Option(names = "--from", paramLabel = "TIME", description = "Only digests ending after this time (2026-03-01 or 2026-03-01T10:00:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only hours starting before this time.")
    String to;

    @Option(names = "--public-keys", paramLabel = "FILE", description = "CloudTrail's public keys: a saved 'aws cloudtrail list-public-keys' response. Required for a local copy; in S3 mode added to what ListPublicKeys returns.")
    Path publicKeys;

    @Mixin
    LogReportOptions report = new LogReportOptions();

    @Option(names = "--asff-region", defaultValue = "us-east-1", paramLabel = "REGION",
            description = "The Security Hub region the asff report is for (its ProductArn names it; default: ${DEFAULT-VALUE}).")
    String asffRegion;

    @Option(names = "--concurrency", paramLabel = "N", description = "Objects read at once (default: the number of processors for a local copy, 16 for S3).")
    Integer concurrency;

    @Option(names = "--download", paramLabel = "DIR", description = "S3 mode: copy the logs and digests (with signatures) into DIR first, then validate the copy.")
    Path download;

    @Mixin
    LogAwsOptions aws = new LogAwsOptions();


    /** The earliest time a digest can have: CloudTrail log file validation was launched in November 2015. */
    static final Instant VALIDATION_LAUNCH = Instant.parse("2015-11-01T00:00:00Z");

    @Override
    public Integer call() throws Exception {
        if (event != null) {
            return invokeHandler();
        }
        if (location == null) {
            throw new Main.UserError("trailguard: logs validate: give s3://BUCKET[/PREFIX], a directory, or --event EVENT.json");
        }
        report.check("logs validate", java.util.EnumSet.allOf(Format.class));
        LogLocation where = LogLocation.parse(location, "s3://BUCKET[/PREFIX]|DIR");
        Instant start = LogLocation.time(from, "--from");
        Instant end = LogLocation.time(to, "--to");
        int n = concurrency != null ? concurrency : where.s3() ? 16 : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new Main.UserError("trailguard: --concurrency: expected a positive number, found " + n);
        }
        PublicKeys keys = publicKeys == null ? PublicKeys.none() : readKeys(publicKeys);
        if (!where.s3() && publicKeys == null) {
            throw new Main.UserError("trailguard: validating a local copy needs CloudTrail's public keys: give "
                    + "--public-keys FILE, a saved 'aws cloudtrail list-public-keys --start-time ... --end-time ...' response "
                    + "covering the time range");
        }
        ValidateOptions options;
        try {
            options = new ValidateOptions(where.s3() ? where.prefix() : prefix == null ? "" : prefix,
                    LogLocation.list(accounts), LogLocation.list(regions), start, end, keys, n);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError("trailguard: --from/--to: " + e.getMessage());
        }
        IntegrityReport result;
        if (where.s3()) {
            try (LogClients clients = new LogClients(aws.collectOptions(n));
                    var s3 = clients.s3(aws.region())) {
                java.util.function.Function<java.util.Set<String>, PublicKeys> listed = rs -> CloudTrailPublicKeys.list(
                        clients, rs, start != null ? start : VALIDATION_LAUNCH, end != null ? end : Instant.now(),
                        w -> spec.commandLine().getErr().println("trailguard: warning: " + w));
                if (download != null) {
                    LogFetcher.Result copied = LogFetcher.fetch(s3, where.bucket(), where.prefix(), download, n,
                            LogsFetchCommand.scope(options.accounts(), options.regions()));
                    copied.failures().forEach(f -> spec.commandLine().getErr().println("trailguard: not copied: " + f));
                    result = validate(new LocalLogStore(download, where.bucket()), options, listed);
                } else {
                    result = validate(new S3LogStore(s3, where.bucket(), n), options, listed);
                }
            }
        } else {
            result = validate(new LocalLogStore(where.dir(), bucket), options, rs -> PublicKeys.none());
        }
        report.write(spec, result.validatedAt(), f -> render(f, result));
        return result.failing() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** {@code --event}: the Lambda handler on a notification file, without sending anything. */
    private int invokeHandler() throws IOException {
        com.fasterxml.jackson.databind.JsonNode e;
        try {
            e = new com.fasterxml.jackson.databind.ObjectMapper().readTree(event.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new Main.UserError("trailguard: " + event + ":" + x.getLocation().getLineNr() + ":"
                    + x.getLocation().getColumnNr() + ": not valid JSON: " + x.getOriginalMessage());
        } catch (java.io.FileNotFoundException | NoSuchFileException x) {
            throw new Main.UserError("trailguard: --event: " + event + ": no such file");
        }
        PublicKeys keys = publicKeys == null ? PublicKeys.none() : readKeys(publicKeys);
        io.trailguard.aws.logs.DigestValidationHandler.Outcome o;
        try (LogClients clients = new LogClients(aws.collectOptions(4))) {
            // the findings' account is not needed when nothing is imported: the digest's own is shown
            o = new io.trailguard.aws.logs.DigestValidationHandler(clients, aws.region(), "000000000000",
                    null, keys).handle(e, false);
        } catch (IllegalArgumentException x) {
            throw new Main.UserError("trailguard: " + event + ": " + x.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        o.warnings().forEach(w -> err.println("trailguard: warning: " + w));
        o.skipped().forEach(s -> err.println("trailguard: skipped: " + s));
        StringBuilder text = new StringBuilder();
        for (IntegrityReport r : o.reports()) {
            text.append(report.formats.contains(Format.json) ? IntegrityReports.json(r) + "\n" : IntegrityReports.text(r));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        err.println(o.reports().size() + " digest(s) validated; " + o.findingCount()
                + " finding(s) would be imported into Security Hub; nothing was sent.");
        return o.failing() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static IntegrityReport validate(LogStore store, ValidateOptions o,
            java.util.function.Function<java.util.Set<String>, PublicKeys> keys) throws IOException {
        try {
            return new IntegrityValidator(store, o, keys).validate(Instant.now());
        } catch (IllegalStateException e) {
            throw new Main.UserError("trailguard: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new Main.UserError("trailguard: " + e.getMessage() + ": no such bucket or directory");
        } catch (IOException e) {
            throw new Main.UserError("trailguard: " + e.getMessage());
        }
    }

    private String render(Format f, IntegrityReport report) {
        String version = new Main.Version().getVersion()[0].replace("trailguard ", "");
        return switch (f) {
            case text -> IntegrityReports.text(report);
            case json -> IntegrityReports.json(report) + "\n";
            case html -> IntegrityFormats.html(report);
            case sarif -> IntegrityFormats.sarif(report, version);
            case junit -> IntegrityFormats.junit(report);
            case asff -> IntegrityAsff.render(report, asffRegion);
            case ocsf -> IntegrityFormats.ocsf(report, version);
            case csv -> IntegrityFormats.csv(report);
        };
    }

    static PublicKeys readKeys(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return PublicKeys.read(in);
        } catch (NoSuchFileException e) {
            throw new Main.UserError("trailguard: --public-keys: " + file + ": no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Main.UserError("trailguard: --public-keys: " + file + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new Main.UserError("trailguard: --public-keys: " + file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new Main.UserError("trailguard: --public-keys: " + file + ": " + e.getMessage());
        }
    }
}
