package io.trailguard.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made scan results for tests: each finding's rule described by the first finding of that rule. */
public final class Results {
    private Results() {
    }

    public static ScanResult of(Instant capturedAt, List<String> accounts, int resourceCount, List<Finding> findings) {
        Map<String, Finding> first = new LinkedHashMap<>();
        findings.forEach(f -> first.putIfAbsent(f.ruleId(), f));
        List<EvaluatedRule> rules = new ArrayList<>();
        first.values().forEach(f -> rules.add(new EvaluatedRule(f.ruleId(), f.title(), f.severity(), f.rationale(),
                f.references(), List.of())));
        return new ScanResult(capturedAt, accounts, resourceCount, List.of(), rules, findings);
    }
}
