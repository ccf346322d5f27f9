package io.trailguard.core.logs.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.core.Snapshot;
import io.trailguard.core.logs.FilterPattern;
import io.trailguard.core.logs.FilterPatternException;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Would the alarms have fired? Runs every metric filter of a snapshot's log groups (the filter-pattern engine the CW
 * rules use, {@link FilterPattern}) over real events: per filter, how many events matched and a few samples; the
 * filters that matched nothing; and, per CIS control (AWS Security Hub CloudWatch.1–14, their patterns in
 * {@code io/trailguard/core/logs/cis-metric-filters.json}), the events its pattern matches that no filter of the
 * organisation does. Thread-safe: feed it events from any thread.
 *
 * @since 0.2.0
 */
public final class AlarmReplay {
    private static final int SAMPLES = 3;
    private final List<Filter> filters = new ArrayList<>();
    private final List<Filter> cis = new ArrayList<>();
    private long events;

    /** One metric filter (or CIS pattern) and what it matched; {@code problem} when the pattern cannot be run. */
    private static final class Filter {
        final String id;
        final String logGroup;
        final String title;
        final String pattern;
        final FilterPattern compiled;
        final String problem;
        long matched;
        long missed;
        final List<String> samples = new ArrayList<>();

        Filter(String id, String logGroup, String title, String pattern) {
            this.id = id;
            this.logGroup = logGroup;
            this.title = title;
            this.pattern = pattern;
            FilterPattern p = null;
            String why = null;
            try {
                p = FilterPattern.parse(pattern == null ? "" : pattern);
                if (!p.supported()) {
                    why = "space-delimited patterns are not evaluated";
                    p = null;
                }
            } catch (FilterPatternException e) {
                why = "the pattern does not parse: " + e.getMessage();
            }
            this.compiled = p;
            this.problem = why;
        }
    }

    /** A metric filter's replay: log group, name, pattern, matches and samples; {@code problem} when not run. */
    public record FilterResult(String logGroup, String filterName, String pattern, long matched, List<String> samples,
            String problem) {
        public FilterResult {
            samples = List.copyOf(samples);
        }
    }

    /** A CIS control's pattern and the events it matches that no filter of the organisation matches. */
    public record Uncovered(String control, String title, String pattern, long events, List<String> samples) {
        public Uncovered {
            samples = List.copyOf(samples);
        }
    }

    /** The result: events replayed, every filter, and the CIS controls with events no filter caught. */
    public record Result(long events, List<FilterResult> filters, List<Uncovered> uncovered) {
        public Result {
            filters = List.copyOf(filters);
            uncovered = List.copyOf(uncovered);
        }

        /** The filters that ran and matched nothing. */
        public List<FilterResult> silent() {
            return filters.stream().filter(f -> f.problem() == null && f.matched() == 0).toList();
        }
    }

    /** Replays the metric filters of every log group in the snapshot. */
    public AlarmReplay(Snapshot snapshot) {
        for (ResourceNode g : snapshot.index().ofType(SnapshotIndex.LOG_GROUP)) {
            for (JsonNode mf : g.configuration().path("MetricFilters")) {
                filters.add(new Filter(mf.path("filterName").asText("(unnamed)"), g.text("logGroupName"),
                        null, mf.path("filterPattern").asText(null)));
            }
        }
        try (InputStream in = AlarmReplay.class.getResourceAsStream("/io/trailguard/core/logs/cis-metric-filters.json")) {
            for (JsonNode f : new ObjectMapper().readTree(in).path("filters")) {
                Filter c = new Filter(f.get("id").asText(), null, f.get("title").asText(), f.get("pattern").asText());
                if (c.problem != null) {
                    throw new IllegalStateException("CIS pattern " + c.id + ": " + c.problem);
                }
                cis.add(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes one event. */
    public void accept(CloudTrailEvent e) {
        JsonNode json = e.json();
        boolean caught = false;
        List<Filter> hits = new ArrayList<>();
        for (Filter f : filters) {
            if (f.compiled != null && f.compiled.matches(json)) {
                hits.add(f);
                caught = true;
            }
        }
        List<Filter> missed = new ArrayList<>();
        if (!caught) {
            for (Filter c : cis) {
                if (c.compiled != null && c.compiled.matches(json)) {
                    missed.add(c);
                }
            }
        }
        synchronized (this) {
            events++;
            for (Filter f : hits) {
                f.matched++;
                keep(f.samples, sample(e));
            }
            for (Filter c : missed) {
                c.missed++;
                keep(c.samples, sample(e));
            }
        }
    }

    /** Keeps the first few samples in time order, whatever order the files were read in (deterministic reports). */
    private static void keep(List<String> samples, String s) {
        samples.add(s);
        samples.sort(null);
        if (samples.size() > SAMPLES) {
            samples.remove(samples.size() - 1);
        }
    }

    private static String sample(CloudTrailEvent e) {
        return e.time() + " " + e.action() + " by " + e.principal() + (e.errorCode() == null ? "" : " (" + e.errorCode() + ")")
                + " in " + e.file();
    }

    /** The result so far, filters by log group and name, CIS controls in order. */
    public synchronized Result result() {
        Map<String, FilterResult> byName = new TreeMap<>();
        for (Filter f : filters) {
            byName.put(f.logGroup + "\u0000" + f.id + "\u0000" + byName.size(),
                    new FilterResult(f.logGroup, f.id, f.pattern, f.matched, f.samples, f.problem));
        }
        List<Uncovered> uncovered = new ArrayList<>();
        for (Filter c : cis) {
            if (c.missed > 0) {
                uncovered.add(new Uncovered(c.id, c.title, c.pattern, c.missed, c.samples));
            }
        }
        return new Result(events, new ArrayList<>(byName.values()), uncovered);
    }
}
