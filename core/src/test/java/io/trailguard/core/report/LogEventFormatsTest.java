package io.trailguard.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trailguard.core.Snapshot;
import io.trailguard.core.integrity.LocalLogStore;
import io.trailguard.core.logs.events.AlarmReplay;
import io.trailguard.core.logs.events.AuditScope;
import io.trailguard.core.logs.events.CloudTrailEvents;
import io.trailguard.core.logs.events.DeniedAnalysis;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CSV reports of {@code logs denied} and {@code logs alarms} on the shared real events (events/NOTICE.md) and
 * the example organisation: golden files, and one row per entry of the analysis.
 */
class LogEventFormatsTest {
    private static final Path EVENTS = Path.of("src/test/resources/events");
    private static final Path ORG = Path.of("../examples/acme-org.json");

    /** RFC 4180 records (quoted fields may hold line breaks). */
    private static int records(String csv) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                n++;
            }
        }
        return n;
    }

    @Test
    void deniedCsv() throws Exception {
        DeniedAnalysis a = new DeniedAnalysis(AuditScope.of(Snapshot.read(ORG)), 3, 2);
        CloudTrailEvents.read(new LocalLogStore(EVENTS, null), "", 2, a::accept);
        DeniedAnalysis.Result r = a.result();
        String csv = LogEventFormats.csv(r);
        Golden.check("logs-denied.csv", csv);
        assertEquals(1 + r.pipeline().size() + r.probers().size() + r.denied().size(), records(csv));
        assertTrue(csv.startsWith(String.join(",", LogEventFormats.DENIED_COLUMNS) + "\r\n"));
        assertTrue(csv.contains("\r\npipeline_attempt,"), "the pipeline attempts of the Stratus Red Team events");
    }

    @Test
    void alarmsCsv() throws Exception {
        AlarmReplay a = new AlarmReplay(Snapshot.read(ORG));
        CloudTrailEvents.read(new LocalLogStore(EVENTS, null), "", 2, a::accept);
        AlarmReplay.Result r = a.result();
        String csv = LogEventFormats.csv(r);
        Golden.check("logs-alarms.csv", csv);
        assertEquals(1 + r.filters().size() + r.uncovered().size(), records(csv));
        assertEquals(List.of("section", "log_group", "filter_name"), LogEventFormats.ALARM_COLUMNS.subList(0, 3));
        assertTrue(csv.contains("filter,aws-cloudtrail-logs-acme-org,RootAccountUsage,"), csv);
    }
}
