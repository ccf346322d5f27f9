package io.trailguard.core.testing;

import java.util.List;

/**
 * The result of one test case of one rule.
 *
 * @param failures what did not match, in plain words; empty when the case passed
 * @param source   the rule file and line of the test case
 * @since 0.1.0
 */
public record RuleTestResult(String ruleId, String name, List<String> failures, String source) {
    public RuleTestResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** {@code CT-03 › no key configured}. */
    public String displayName() {
        return ruleId + " › " + name;
    }
}
