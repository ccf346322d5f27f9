package io.trailguard.cli;

import io.trailguard.cli.ScanCommand.Format;
import io.trailguard.core.Snapshot;
import io.trailguard.core.logs.events.AuditScope;
import io.trailguard.core.logs.events.CloudTrailEvents;
import io.trailguard.core.logs.events.DeniedAnalysis;
import io.trailguard.core.logs.events.DeniedReports;
import io.trailguard.core.report.LogEventFormats;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trailguard logs denied}: who is being refused, and who tried to blind the audit pipeline. */
@Command(name = "denied", mixinStandardHelpOptions = true,
        description = {"Every refused call (errorCode AccessDenied* or *UnauthorizedOperation) grouped by principal, "
                + "action, resource and source IP; principals refused across many services or accounts (probing); "
                + "and every attempt, allowed or refused, on the audit pipeline itself (trails, log bucket policy and "
                + "lifecycle, log objects, log key, flow logs, Config, the metric filters and alarms watching the "
                + "trail). With --snapshot, bucket, key and alarm operations count only on the organisation's own.",
                "Exit 0 when there is no attempt on the pipeline and no probing principal, 1 when there is, 2 for bad "
                        + "usage or input."})
final class LogsDeniedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LogSource source = new LogSource();

    @Option(names = "--snapshot", paramLabel = "FILE", description = "A trailguard snapshot: its trails, log buckets, log keys, log groups and alarms are the pipeline.")
    Path snapshot;

    @Option(names = "--probe-services", paramLabel = "N", defaultValue = "3", description = "A principal refused in at least N services is probing (default: ${DEFAULT-VALUE}).")
    int probeServices;

    @Option(names = "--probe-accounts", paramLabel = "N", defaultValue = "2", description = "A principal refused in at least N accounts is probing (default: ${DEFAULT-VALUE}).")
    int probeAccounts;

    @Option(names = "--athena", paramLabel = "TABLE", description = "Print the same questions as SQL for the standard CloudTrail table of Athena (https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table.html) named TABLE, instead of reading logs.")
    String athena;

    @Mixin
    LogReportOptions report = new LogReportOptions();

    /** The formats this command writes. */
    static final java.util.Set<Format> FORMATS = java.util.EnumSet.of(Format.text, Format.json, Format.csv);

    @Override
    public Integer call() throws Exception {
        if (probeServices < 1 || probeAccounts < 1) {
            throw new Main.UserError("trailguard: --probe-services and --probe-accounts must be at least 1");
        }
        if (athena == null) {
            report.check("logs denied", FORMATS);
        }
        AuditScope scope = snapshot == null ? AuditScope.unknown() : AuditScope.of(Snapshot.read(snapshot));
        if (athena != null) {
            try {
                emit(DeniedReports.athena(athena, scope, probeServices, probeAccounts));
            } catch (IllegalArgumentException e) {
                throw new Main.UserError("trailguard: --athena: " + e.getMessage());
            }
            return ExitCodes.OK;
        }
        DeniedAnalysis analysis = new DeniedAnalysis(scope, probeServices, probeAccounts);
        CloudTrailEvents.Summary read = source.read(analysis::accept);
        DeniedAnalysis.Result r = analysis.result();
        report.write(spec, java.time.Instant.now(), f -> switch (f) {
            case json -> DeniedReports.json(r, read);
            case csv -> LogEventFormats.csv(r);
            default -> DeniedReports.text(r, read);
        });
        return r.pipeline().isEmpty() && r.probers().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private void emit(String text) throws java.io.IOException {
        LogAwsOptions.emit(spec, report.single(), text);
    }
}
