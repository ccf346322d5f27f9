package io.trailguard.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.Snapshot;
import io.trailguard.core.dsl.RuleParser;
import io.trailguard.core.logs.FilterPattern;
import io.trailguard.core.logs.FilterPatternException;
import io.trailguard.core.policy.PolicyDocument;
import io.trailguard.core.policy.PolicyParseException;
import io.trailguard.core.suppress.Baseline;
import io.trailguard.core.suppress.Suppressions;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz targets for every reader of user input in core. The invariant: a reader returns, or throws its input error
 * carrying a position (file:line:col, or a JSON pointer where the format is read as a tree), within
 * {@link Bounds#SECONDS} seconds; any other exception, an error (stack overflow, out of memory) or a slower answer
 * fails.
 *
 * <p>{@code ./mvnw -B verify} runs each target over its seed corpus
 * ({@code src/test/resources/io/trailguard/core/fuzz/InputFuzzTestInputs/TARGET/}, the malformed-input corpus);
 * {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class InputFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "60s")
    void ruleFile(byte[] input) {
        Bounds.check(() -> RuleParser.parse("fuzz.yaml", text(input), null), InputFuzzTest::positioned);
    }

    @FuzzTest(maxDuration = "60s")
    void snapshot(byte[] input) {
        Bounds.check(() -> Snapshot.parse(text(input), "fuzz.json"), InputFuzzTest::positioned);
    }

    @FuzzTest(maxDuration = "60s")
    void policy(byte[] input) {
        Bounds.check(() -> {
            try {
                PolicyDocument.parse(text(input));
            } catch (PolicyParseException e) {
                // its position is a JSON pointer; "" is the whole document (the CLI prints it as line 1, column 1)
                assertTrue(e.pointer() != null && (e.pointer().isEmpty() || e.pointer().startsWith("/")),
                        "a policy error names a JSON pointer: " + e.getMessage());
            }
        }, e -> false);
    }

    @FuzzTest(maxDuration = "60s")
    void filterPattern(byte[] input) {
        Bounds.check(() -> {
            try {
                FilterPattern p = FilterPattern.parse(text(input));
                p.matches("{\"userIdentity\":{\"type\":\"Root\"},\"eventName\":\"ConsoleLogin\"}");
                p.matches(JSON.readTree("{\"userIdentity\":{\"type\":\"Root\"},\"eventName\":\"ConsoleLogin\"}"));
            } catch (FilterPatternException e) {
                assertTrue(e.position() >= 0, "a filter pattern error names its position: " + e.getMessage());
            }
        }, e -> false);
    }

    @FuzzTest(maxDuration = "60s")
    void suppressions(byte[] input) {
        Bounds.check(() -> Suppressions.parse("fuzz.yaml", text(input)), InputFuzzTest::positioned);
    }

    @FuzzTest(maxDuration = "60s")
    void baseline(byte[] input) {
        Bounds.check(() -> Baseline.parse("fuzz.json", text(input)), InputFuzzTest::positioned);
    }

    /** The bytes as a reader receives them from a file: UTF-8, decoded as the CLI decodes (malformed bytes replaced). */
    static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    /** An input error whose every problem has a line and column, or a JSON pointer. */
    static boolean positioned(Throwable t) {
        if (!(t instanceof InvalidInputException e)) {
            return false;
        }
        for (Problem p : e.problems()) {
            if (p.line() < 1 && !p.message().startsWith("at /")) {
                throw new AssertionError("an input error without a position: " + p.format());
            }
        }
        return true;
    }
}
