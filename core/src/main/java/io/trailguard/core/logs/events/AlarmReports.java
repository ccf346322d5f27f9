package io.trailguard.core.logs.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The reports of {@code trailguard logs alarms}: text and JSON of an {@link AlarmReplay.Result}.
 *
 * @since 0.2.0
 */
public final class AlarmReports {
    private AlarmReports() {
    }

    /** The text report. */
    public static String text(AlarmReplay.Result r, CloudTrailEvents.Summary read) {
        StringBuilder b = new StringBuilder();
        b.append(read.events()).append(" event(s) in ").append(read.files()).append(" file(s) replayed through ")
                .append(r.filters().size()).append(" metric filter(s)");
        if (!read.unreadable().isEmpty()) {
            b.append("; ").append(read.unreadable().size()).append(" file(s) could not be read:");
            read.unreadable().forEach(u -> b.append("\n  ").append(u));
        }
        b.append("\n\nMetric filters\n");
        for (AlarmReplay.FilterResult f : r.filters()) {
            b.append("  ").append(f.logGroup()).append(" / ").append(f.filterName()).append(": ")
                    .append(f.problem() != null ? "NOT RUN (" + f.problem() + ")" : f.matched() + " match(es)")
                    .append("\n      ").append(f.pattern()).append('\n');
            f.samples().forEach(s -> b.append("      e.g. ").append(s).append('\n'));
        }
        b.append("\nFilters that matched nothing (").append(r.silent().size()).append(")\n");
        r.silent().forEach(f -> b.append("  ").append(f.logGroup()).append(" / ").append(f.filterName()).append('\n'));
        b.append("\nEvents a CIS control's pattern matches and no filter of the organisation does (")
                .append(r.uncovered().size()).append(" control(s))\n");
        for (AlarmReplay.Uncovered u : r.uncovered()) {
            b.append("  ").append(u.control()).append(" ").append(u.title()).append(": ").append(u.events())
                    .append(" event(s)\n");
            u.samples().forEach(s -> b.append("      e.g. ").append(s).append('\n'));
        }
        return b.toString();
    }

    /** The JSON report. */
    public static String json(AlarmReplay.Result r, CloudTrailEvents.Summary read) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("reportVersion", 1);
        root.put("events", read.events());
        root.put("files", read.files());
        ArrayNode bad = root.putArray("unreadable");
        read.unreadable().forEach(bad::add);
        ArrayNode filters = root.putArray("filters");
        for (AlarmReplay.FilterResult f : r.filters()) {
            ObjectNode n = filters.addObject();
            n.put("logGroup", f.logGroup());
            n.put("filterName", f.filterName());
            n.put("pattern", f.pattern());
            n.put("matched", f.matched());
            n.put("problem", f.problem());
            ArrayNode s = n.putArray("samples");
            f.samples().forEach(s::add);
        }
        ArrayNode uncovered = root.putArray("uncovered");
        for (AlarmReplay.Uncovered u : r.uncovered()) {
            ObjectNode n = uncovered.addObject();
            n.put("control", u.control());
            n.put("title", u.title());
            n.put("pattern", u.pattern());
            n.put("events", u.events());
            ArrayNode s = n.putArray("samples");
            u.samples().forEach(s::add);
        }
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
