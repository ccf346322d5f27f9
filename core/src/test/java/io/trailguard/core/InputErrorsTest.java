package io.trailguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every user error names the file, line and column and says what was expected. */
class InputErrorsTest {
    private static final Path RULES = Path.of("src/test/resources/rules");
    private static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots");

    private static List<Problem> ruleProblems(String file) {
        return assertThrows(InvalidInputException.class, () -> RulePack.load(RULES.resolve(file))).problems();
    }

    private static List<Problem> snapshotProblems(String file) {
        return assertThrows(InvalidInputException.class, () -> Snapshot.read(SNAPSHOTS.resolve(file))).problems();
    }

    @Test
    void unknownOperatorIsPointedAtWithASuggestion() {
        Problem p = ruleProblems("unknown-operator.yaml").get(0);
        assertThat(p.source()).endsWith("unknown-operator.yaml");
        assertThat(p.line()).isEqualTo(9);
        assertThat(p.column()).isEqualTo(3);
        assertThat(p.message()).contains("unknown operator or key 'equal'").contains("did you mean 'equals'?");
        assertThat(p.format()).contains("unknown-operator.yaml:9:3:").contains("    equal: true").contains("^");
    }

    @Test
    void badJsonPathIsReportedWithJaywaysReason() {
        Problem p = ruleProblems("bad-jsonpath.yaml").get(0);
        assertThat(p.line()).isEqualTo(8);
        assertThat(p.message()).startsWith("not a valid JSONPath \"$.EventSelectors[?(@.ReadWriteType ==\"");
    }

    @Test
    void malformedYamlNamesTheLine() {
        Problem p = ruleProblems("malformed.yaml").get(0);
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.message()).startsWith("not valid YAML:");
    }

    @Test
    void aliasBombIsRefused() {
        Problem p = ruleProblems("alias-bomb.yaml").get(0);
        assertThat(p.message()).contains("alias");
        assertTrue(p.line() > 0, "the problem has a line: " + p.format());
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        List<Problem> ps = ruleProblems("many-problems.yaml");
        List<String> messages = ps.stream().map(Problem::format).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(":3:").contains("does not end with a period"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(":4:").contains("unknown severity 'hihg'")
                .contains("did you mean 'high'?"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(":8:").contains("expected a duration"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(":11:")
                .contains("can select several values: say which must hold with every, some or none"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(":12:").contains("unknown relation 'bukket'")
                .contains("did you mean 'bucket'?"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(":13:").contains("unknown parameter 'maxLg'")
                .contains("did you mean 'maxLag'?"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(":14:").contains("unknown name 'selff'")
                .contains("did you mean 'self'?"));
    }

    @Test
    void snapshotThatIsNotJsonNamesLineAndColumn() {
        Problem p = snapshotProblems("not-json.json").get(0);
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.message()).startsWith("not valid JSON:");
        assertThat(p.format()).contains("not-json.json:6:");
    }

    @Test
    void snapshotOfTheWrongShapeNamesEachPointer() {
        List<String> messages = snapshotProblems("wrong-shape.json").stream().map(Problem::format).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("/acounts: unknown field 'acounts' (did you mean 'accounts'?)"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("/capturedAt: expected an ISO-8601 instant"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(":6:").contains("/resources/0/accountId: expected a 12-digit account id as a string"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(":8:").contains("/resources/1/type: expected an AWS resource type"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("/resources/1/configuration: expected an object, found an array"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("missing required field 'accounts'"));
    }

    @Test
    void yaml12TypingKeepsNoOnAndLeadingZerosAsStrings() {
        RulePack pack = RulePack.load(RULES.resolve("yaml11.yaml"));
        var results = io.trailguard.core.testing.RuleTestRunner.run(pack);
        assertThat(results).singleElement().satisfies(r -> assertThat(r.failures()).isEmpty());
    }
}
