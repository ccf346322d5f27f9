package io.trailguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.aws.collect.ProgressListener;
import io.trailguard.aws.collect.SnapshotCollector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trailguard collect}: snapshots live accounts with the AWS SDK and writes the snapshot file. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Collect a snapshot of an account, or of a whole organisation with --org, using read-only API calls "
                + "(docs/trailguard-read-policy.json lists them).")
final class CollectCommand implements Callable<Integer> {
    private static final com.fasterxml.jackson.databind.ObjectMapper SNAPSHOT_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "trailguard-snapshot.json",
            description = "Where to write the snapshot, whole or not at all (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() throws Exception {
        JsonNode snapshot = collect(spec, aws);
        // whole or not at all, synced, links and special files as AtomicFiles documents
        io.trailguard.core.report.AtomicFiles.write(output, out -> SNAPSHOT_JSON.writeValue(out, snapshot));
        PrintWriter err = spec.commandLine().getErr();
        err.println("Wrote " + output + ": " + snapshot.path("accounts").size() + " account(s), "
                + snapshot.path("resources").size() + " resource(s), " + snapshot.path("errors").size()
                + " collection error(s).");
        return collectExit(snapshot, err);
    }

    /**
     * 0 when every call answered, {@link ExitCodes#COLLECTED_WITH_ERRORS} when some failed, {@link
     * ExitCodes#NOTHING_READ} when not one resource could be read although calls failed (or no account was listed).
     */
    static int collectExit(JsonNode snapshot, PrintWriter err) {
        int resources = snapshot.path("resources").size();
        int errors = snapshot.path("errors").size();
        if ((resources == 0 && errors > 0) || snapshot.path("accounts").isEmpty()) {
            err.println("trailguard: nothing could be read (" + errors + " collection error(s), first: "
                    + io.trailguard.core.report.TerminalText.sanitize(first(snapshot)) + "); check the credentials, "
                    + "the role and the regions. Exit code " + ExitCodes.NOTHING_READ + ".");
            return ExitCodes.NOTHING_READ;
        }
        if (errors > 0) {
            err.println("trailguard: " + errors + " call(s) failed; the snapshot's \"errors\" list them, and the rules "
                    + "that need what they hide will say UNKNOWN. Exit code " + ExitCodes.COLLECTED_WITH_ERRORS + ".");
            return ExitCodes.COLLECTED_WITH_ERRORS;
        }
        return ExitCodes.OK;
    }

    private static String first(JsonNode snapshot) {
        JsonNode e = snapshot.path("errors").path(0);
        return e.isMissingNode() ? "none recorded" : e.path("accountId").asText() + " " + e.path("region").asText()
                + " " + e.path("service").asText() + ":" + e.path("operation").asText() + " " + e.path("code").asText();
    }

    /** Collects with a progress line on standard error when it is a terminal. */
    static JsonNode collect(CommandSpec spec, AwsOptions aws) {
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        ProgressListener progress = terminal ? (accounts, accountsTotal, regions, regionsTotal, calls) -> {
            synchronized (err) {
                err.print("\rcollecting: accounts " + accounts + "/" + accountsTotal + ", regions " + regions + "/"
                        + regionsTotal + ", " + calls + " API calls   ");
                err.flush();
            }
        } : (a, at, r, rt, c) -> { };
        JsonNode snapshot = SnapshotCollector.collect(aws.toOptions(), progress);
        if (terminal) {
            err.println();
        }
        return snapshot;
    }
}
