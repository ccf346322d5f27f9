package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Without kept not-applicable findings the engine skips the subjects of a rule whose {@code when} is a bare relation
 * that reaches nothing from them; the outcome must be exactly that of evaluating every subject.
 */
class NotApplicableShortcutTest {
    private static final RulePack PACK = BuiltinRules.pack();

    private static Map<String, List<String>> notApplicableByRule(ScanResult r, boolean fromFindings) {
        Map<String, List<String>> out = new TreeMap<>();
        if (fromFindings) {
            for (Finding f : r.findings()) {
                if (f.status() == Status.NOT_APPLICABLE) {
                    out.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f.resource().id());
                }
            }
        } else {
            r.rules().forEach(rule -> {
                if (!rule.omittedNotApplicable().isEmpty()) {
                    out.put(rule.id(), rule.omittedNotApplicable().stream().map(ResourceRef::id).toList());
                }
            });
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme-org.json", "well-configured-org.json"})
    void skippingGivesTheOutcomesOfEvaluatingEverySubject(String example) throws Exception {
        Snapshot snapshot = Snapshot.read(Path.of("../examples", example));
        ScanResult skipping = Engine.create().scan(PACK, snapshot);
        ScanResult all = Engine.create().keepingNotApplicable().scan(PACK, snapshot);
        assertThat(skipping.findings()).isEqualTo(all.findings().stream()
                .filter(f -> f.status() != Status.NOT_APPLICABLE).toList());
        assertThat(notApplicableByRule(skipping, false)).isEqualTo(notApplicableByRule(all, true));
        assertThat(skipping.countByStatus()).isEqualTo(all.countByStatus());
    }

    @Test
    void theBucketRulesApplyOnlyToLogBuckets() throws Exception {
        ScanResult r = Engine.create().scan(PACK, Snapshot.read(Path.of("../examples/acme-org.json")));
        assertThat(r.rules()).filteredOn(rule -> rule.id().equals("S3-01")).singleElement()
                .satisfies(rule -> assertThat(rule.omittedNotApplicable()).isNotEmpty());
    }
}
