package io.trailguard.core.logs.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trailguard.core.Snapshot;
import io.trailguard.core.integrity.LocalLogStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code logs alarms}: the example organisations' metric filters replayed over the real events of events/NOTICE.md. */
class AlarmReplayTest {
    static AlarmReplay.Result replay(String snapshot) throws Exception {
        AlarmReplay a = new AlarmReplay(Snapshot.read(Path.of(snapshot)));
        CloudTrailEvents.read(new LocalLogStore(DeniedAnalysisTest.EVENTS, null), "", 2, a::accept);
        return a.result();
    }

    static AlarmReplay.FilterResult filter(AlarmReplay.Result r, String name) {
        return r.filters().stream().filter(f -> f.filterName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aRootFilterOnTheWrongCaseMatchesNothingAndTheCisPatternFindsTheRootEventsItMissed() throws Exception {
        AlarmReplay.Result r = replay("../examples/acme-org.json");
        assertEquals(188, r.events());
        assertEquals(0, filter(r, "RootAccountUsage").matched());
        assertEquals(List.of("RootAccountUsage"), r.silent().stream().map(AlarmReplay.FilterResult::filterName).toList());
        AlarmReplay.Uncovered root = r.uncovered().stream().filter(u -> u.control().equals("CloudWatch.1")).findFirst().orElseThrow();
        assertEquals(14, root.events());
        assertTrue(root.samples().get(0).contains(":root"), root.samples().get(0));
        // the unauthorized-calls filter sees exactly the refused calls logs denied counts
        assertEquals(65, filter(r, "UnauthorizedAPICalls").matched());
        assertNull(filter(r, "UnauthorizedAPICalls").problem());
        assertEquals(3, filter(r, "UnauthorizedAPICalls").samples().size());
    }

    @Test
    void theWellConfiguredOrganisationsFiltersAllFireAndLeaveOnlyUnwatchedControls() throws Exception {
        AlarmReplay.Result r = replay("../examples/well-configured-org.json");
        assertEquals(List.of(), r.silent());
        assertEquals(14, filter(r, "RootAccountUsage").matched());
        Set<String> uncovered = r.uncovered().stream().map(AlarmReplay.Uncovered::control).collect(Collectors.toSet());
        assertEquals(Set.of("CloudWatch.3", "CloudWatch.4", "CloudWatch.6", "CloudWatch.10", "CloudWatch.11",
                "CloudWatch.12", "CloudWatch.13", "CloudWatch.14"), uncovered);
    }
}
