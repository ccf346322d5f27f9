package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Evidence;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.dsl.Condition;
import io.trailguard.core.engine.Evaluator.Frame;
import io.trailguard.core.logs.FilterPattern;
import io.trailguard.core.logs.FilterPatternException;
import io.trailguard.core.logs.PatternVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        String filter = f.doc().path("filterName").asText(f.resource().id());
        FilterPattern p;
        try {
            p = FilterPattern.parse(v.asText());
        } catch (FilterPatternException e) {
            // CloudWatch Logs stores only patterns it accepted: one this parser cannot read is not judged, not failed
            return Outcome.unknown(new UnknownReason(UnknownReason.Code.MISSING_FIELD, "the filter pattern of " + filter
                    + " could not be parsed, so what it matches is not known (" + e.getMessage() + ")"),
                    new Evidence(f.resource().id(), shown, Evaluator.compact(v), expected + " (" + e.getMessage() + ")"));
        }
        if (!p.supported()) {
            return Outcome.unknown(new UnknownReason(UnknownReason.Code.MISSING_FIELD, "the space-delimited filter pattern "
                    + v.asText() + " of " + filter + " cannot be judged against CloudTrail events"),
                    new Evidence(f.resource().id(), shown, Evaluator.compact(v), expected));
        }
        Map<String, JsonNode> match = new LinkedHashMap<>();
        Map<String, JsonNode> ignore = new LinkedHashMap<>();
        m.match().forEach(e -> match.put(e.name(), e.event()));
        m.ignore().forEach(e -> ignore.put(e.name(), e.event()));
        PatternVerdict verdict = PatternVerdict.judge(p, match, ignore);
        String actual = Evaluator.compact(v) + (verdict.holds() ? ": matches as expected"
                : (verdict.missed().isEmpty() ? "" : ": does not match " + String.join(", ", verdict.missed()))
                + (verdict.matched().isEmpty() ? "" : ": also matches " + String.join(", ", verdict.matched())));
        Outcome o = Outcome.of(verdict.holds(), new Evidence(f.resource().id(), shown, actual, expected));
        // a filter for this purpose that falls short says which events; one for another purpose adds nothing
        return verdict.nearMiss() ? o.because(verdict.sentence(filter)) : o;
    }

    private static String names(List<Condition.SampleEvent> events) {
        return events.isEmpty() ? "(none)" : String.join(", ", events.stream().map(Condition.SampleEvent::name).toList());
    }
}
