package io.trailguard.cli;

import io.trailguard.cli.ScanCommand.Format;
import io.trailguard.core.Snapshot;
import io.trailguard.core.logs.events.AlarmReplay;
import io.trailguard.core.logs.events.AlarmReports;
import io.trailguard.core.logs.events.CloudTrailEvents;
import io.trailguard.core.report.LogEventFormats;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trailguard logs alarms}: would the organisation's alarms have fired on these logs? */
@Command(name = "alarms", mixinStandardHelpOptions = true,
        description = {"Run every metric filter of the snapshot's log groups over real CloudTrail log files: per filter, "
                + "how many events matched and samples; filters that matched nothing; and the events a CIS control's "
                + "pattern (Security Hub CloudWatch.1-14) matches that no filter of the organisation does.",
                "Exit 0 when every filter matched something and no CIS control saw events no filter caught, 1 "
                        + "otherwise, 2 for bad usage or input."})
final class LogsAlarmsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LogSource source = new LogSource();

    @Option(names = "--snapshot", required = true, paramLabel = "FILE", description = "A trailguard snapshot: the metric filters of its log groups are replayed.")
    Path snapshot;

    @Mixin
    LogReportOptions report = new LogReportOptions();

    /** The formats this command writes. */
    static final java.util.Set<Format> FORMATS = java.util.EnumSet.of(Format.text, Format.json, Format.csv);

    @Override
    public Integer call() throws Exception {
        report.check("logs alarms", FORMATS);
        AlarmReplay replay = new AlarmReplay(Snapshot.read(snapshot));
        CloudTrailEvents.Summary read = source.read(replay::accept);
        AlarmReplay.Result r = replay.result();
        report.write(spec, java.time.Instant.now(), f -> switch (f) {
            case json -> AlarmReports.json(r, read);
            case csv -> LogEventFormats.csv(r);
            default -> AlarmReports.text(r, read);
        });
        return r.silent().isEmpty() && r.uncovered().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
