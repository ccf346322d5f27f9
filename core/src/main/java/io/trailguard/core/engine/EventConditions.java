package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Evidence;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.dsl.Condition;
import io.trailguard.core.engine.Evaluator.Frame;
import io.trailguard.core.logs.FilterPattern;
import io.trailguard.core.logs.FilterPatternException;
import java.util.ArrayList;
import java.util.List;

/** The log-event family: {@code matches_events} judges a CloudWatch Logs filter pattern by what it matches. */
final class EventConditions {
    private EventConditions() {
    }

    static Outcome matchesEvents(Evaluator ev, Condition.MatchesEvents m, Frame f) {
        String shown = "$" + (f.prefix() + m.path().text().substring(1)).replaceFirst("^\\$", "");
        String expected = "a filter pattern matching " + names(m.match()) + (m.ignore().isEmpty() ? ""
                : " and not " + names(m.ignore()));
        if (f.atRoot()) {
            UnknownReason gap = ev.fieldGap(f.resource(), m.path().topField());
            if (gap != null) {
                return Outcome.unknown(gap, new Evidence(f.resource().id(), shown, null, "could not be read"));
            }
        }
        JsonNode v = m.path().selectOne(f.doc());
        if (v == null || v.isNull()) {
            return Outcome.unknown(new UnknownReason(UnknownReason.Code.MISSING_FIELD, shown + " is absent from "
                    + f.resource().id()), new Evidence(f.resource().id(), shown, null, expected));
        }
        if (!v.isTextual()) {
            return Comparisons.wrongType(f, shown, v, "a filter pattern (a string)");
        }
        FilterPattern p;
        try {
            p = FilterPattern.parse(v.asText());
        } catch (FilterPatternException e) {
            return Outcome.of(false, new Evidence(f.resource().id(), shown, Evaluator.compact(v),
                    expected + " (" + e.getMessage() + ")"));
        }
        if (!p.supported()) {
            return Outcome.unknown(new UnknownReason(UnknownReason.Code.MISSING_FIELD, "the space-delimited filter pattern "
                    + v.asText() + " of " + f.resource().id() + " cannot be judged against CloudTrail events"),
                    new Evidence(f.resource().id(), shown, Evaluator.compact(v), expected));
        }
        List<String> missed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Condition.SampleEvent e : m.match()) {
            if (!p.matches(e.event())) {
                missed.add(e.name());
            }
        }
        for (Condition.SampleEvent e : m.ignore()) {
            if (p.matches(e.event())) {
                wrong.add(e.name());
            }
        }
        String actual = Evaluator.compact(v) + (missed.isEmpty() && wrong.isEmpty() ? ": matches as expected"
                : (missed.isEmpty() ? "" : ": does not match " + String.join(", ", missed))
                + (wrong.isEmpty() ? "" : ": also matches " + String.join(", ", wrong)));
        return Outcome.of(missed.isEmpty() && wrong.isEmpty(), new Evidence(f.resource().id(), shown, actual, expected));
    }

    private static String names(List<Condition.SampleEvent> events) {
        return events.isEmpty() ? "(none)" : String.join(", ", events.stream().map(Condition.SampleEvent::name).toList());
    }
}
