package io.trailguard.core.report;

import io.trailguard.core.logs.events.AlarmReplay;
import io.trailguard.core.logs.events.DeniedAnalysis;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CSV reports of {@code trailguard logs denied} and {@code logs alarms} (their text and JSON are in
 * {@code core.logs.events}): one table each, a {@code section} column telling the rows apart, RFC 4180 and defused
 * against formulas as {@link CsvReport} is. Multi-valued cells (services, accounts, error codes, samples) hold their
 * values sorted, separated by line feeds.
 *
 * @since 0.2.0
 */
public final class LogEventFormats {
    /** The columns of {@code logs denied}. */
    public static final List<String> DENIED_COLUMNS = List.of("section", "principal", "action", "resource",
            "resource_kind", "source_ip", "account_id", "region", "outcome", "count", "first", "last", "verified",
            "services", "accounts", "file");
    /** The columns of {@code logs alarms}. */
    public static final List<String> ALARM_COLUMNS = List.of("section", "log_group", "filter_name", "control",
            "title", "pattern", "matched", "problem", "samples");

    private LogEventFormats() {
    }

    /**
     * {@code logs denied}: a {@code pipeline_attempt} row per call on the audit pipeline (allowed or refused), a
     * {@code probing_principal} row per principal refused across many services or accounts, a {@code refused_calls}
     * row per principal, action, resource and source IP.
     */
    public static String csv(DeniedAnalysis.Result r) {
        StringBuilder sb = new StringBuilder();
        CsvReport.row(sb, DENIED_COLUMNS);
        for (DeniedAnalysis.PipelineAttempt a : r.pipeline()) {
            CsvReport.row(sb, java.util.Arrays.asList("pipeline_attempt", a.principal(), a.action(), a.target(), a.targetKind(), a.sourceIp(),
                    a.account(), a.region(), a.outcome(), "1", time(a.time()), time(a.time()),
                    Boolean.toString(a.verified()), "", "", nz(a.file())));
        }
        for (DeniedAnalysis.Prober p : r.probers()) {
            CsvReport.row(sb, java.util.Arrays.asList("probing_principal", p.principal(), "", "", "", "", "", "", "refused",
                    Long.toString(p.refused()), "", "", "", sorted(p.services()), sorted(p.accounts()), ""));
        }
        for (DeniedAnalysis.DeniedGroup g : r.denied()) {
            CsvReport.row(sb, java.util.Arrays.asList("refused_calls", g.principal(), g.action(), g.resource(), "", g.sourceIp(), "", "",
                    sorted(g.errorCodes()), Long.toString(g.count()), time(g.first()), time(g.last()), "", "", "", ""));
        }
        return sb.toString();
    }

    /**
     * {@code logs alarms}: a {@code filter} row per metric filter replayed (its matches, or why it was not run), an
     * {@code uncovered} row per CIS control whose pattern matched events no filter of the organisation did.
     */
    public static String csv(AlarmReplay.Result r) {
        StringBuilder sb = new StringBuilder();
        CsvReport.row(sb, ALARM_COLUMNS);
        for (AlarmReplay.FilterResult f : r.filters()) {
            CsvReport.row(sb, java.util.Arrays.asList("filter", f.logGroup(), f.filterName(), "", "", f.pattern(),
                    f.problem() != null ? "" : Long.toString(f.matched()), nz(f.problem()), String.join("\n", f.samples())));
        }
        for (AlarmReplay.Uncovered u : r.uncovered()) {
            CsvReport.row(sb, java.util.Arrays.asList("uncovered", "", "", u.control(), u.title(), u.pattern(), Long.toString(u.events()), "",
                    String.join("\n", u.samples())));
        }
        return sb.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

    private static String sorted(Set<String> values) {
        return String.join("\n", new TreeSet<>(values));
    }
}
