package io.trailguard.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trailguard.core.testing.RuleTestRunner;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every test case of every built-in rule, one dynamic test each, named "CT-03 › case". */
class BuiltinRuleTests {

    @TestFactory
    Stream<DynamicTest> everyRuleCase() {
        var pack = BuiltinRules.fromFiles();
        assertTrue(pack.size() > 0, "the built-in pack is empty");
        return RuleTestRunner.run(pack).stream().map(r -> DynamicTest.dynamicTest(r.displayName(), () -> {
            if (!r.passed()) {
                fail(r.source() + ":\n  " + String.join("\n  ", r.failures()));
            }
        }));
    }

}
