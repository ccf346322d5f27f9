package io.trailguard.core.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.RulePack;
import io.trailguard.core.testing.RuleTestResult;
import io.trailguard.core.testing.RuleTestRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named conditions in a user's rule directory: defined once in its {@code conditions.yaml}, used by several rules,
 * expanded at parse time into the ordinary condition tree in the scope of the use, and every mistake reported at
 * file:line:col.
 */
class NamedConditionsTest {
    @TempDir
    Path dir;

    /** Line 5 col 5: the name; the body's `path` on line 11, col 21. */
    private static final String CONDITIONS = """
            apiVersion: trailguard/v1
            conditions:
              # a bucket whose name starts with a prefix, and (when asked) versioned
              namedLike:
                description: The bucket's name starts with the prefix.
                resource: AWS::S3::Bucket
                params:
                  prefix: {type: string, description: the prefix}
                  extra: {type: condition, default: {path: $.Name, exists: true}, description: one more requirement}
                condition:
                  all:
                    - {path: $.Name, starts_with: {arg: prefix}, because: "{{ this.Name }} does not start with the prefix."}
                    - {arg: extra}
              versioned:
                description: Versioning is on.
                condition: {path: $.Versioning.Status, equals: Enabled, default: Suspended}
            """;

    private static String rule(String id, String require, String tests) {
        return String.join("\n", "apiVersion: trailguard/v1", "id: " + id, "title: Test", "severity: low",
                "resource: AWS::S3::Bucket", "description: test", "require:", require, "message: fails", tests, "");
    }

    private static final String SNAPSHOT = """
            {"snapshotVersion": 1, "capturedAt": "2026-01-01T00:00:00Z", "accounts": [{"id": "111111111111"}], "resources": [
              {"type": "AWS::S3::Bucket", "id": "arn:aws:s3:::logs-a", "accountId": "111111111111", "region": "us-east-1",
               "configuration": {"Name": "logs-a", "Versioning": {"Status": "Enabled"}}},
              {"type": "AWS::S3::Bucket", "id": "arn:aws:s3:::logs-b", "accountId": "111111111111", "region": "us-east-1",
               "configuration": {"Name": "logs-b"}},
              {"type": "AWS::S3::Bucket", "id": "arn:aws:s3:::data-c", "accountId": "111111111111", "region": "us-east-1",
               "configuration": {"Name": "data-c", "Versioning": {"Status": "Enabled"}}}]}
            """;

    private List<Problem> problems(String require) throws IOException {
        Files.writeString(dir.resolve("conditions.yaml"), CONDITIONS);
        Files.writeString(dir.resolve("T-01.yaml"), rule("T-01", require, ""));
        try {
            RulePack.load(dir);
        } catch (InvalidInputException e) {
            return e.problems();
        }
        throw new AssertionError("no problem in " + require);
    }

    @Test
    void rulesOfAUserDirectoryDefineAndUseTheirOwn() throws IOException {
        Files.writeString(dir.resolve("conditions.yaml"), CONDITIONS);
        Files.writeString(dir.resolve("snapshot.json"), SNAPSHOT);
        String tests = "tests:\n  - {name: by prefix, given: snapshot.json, expect: {PASS: [logs-a, logs-b], FAIL: [data-c]}}";
        Files.writeString(dir.resolve("T-01.yaml"), rule("T-01", "  use: namedLike\n  with: {prefix: logs-}", tests));
        Files.writeString(dir.resolve("T-02.yaml"), rule("T-02", """
                  all:
                    - use: namedLike
                      with: {prefix: logs-, extra: {use: versioned}}
                """.stripTrailing(), tests.replace("[logs-a, logs-b], FAIL: [data-c]", "[logs-a], FAIL: [logs-b, data-c]")));
        RulePack pack = RulePack.load(dir);
        List<RuleTestResult> results = RuleTestRunner.run(pack);
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());

        // expanded into the ordinary tree: the evaluator meets no name, and `this` is the subject here
        Condition.All t1 = (Condition.All) pack.definitions().get(0).require();
        Condition.Compare startsWith = (Condition.Compare) t1.children().get(0);
        assertThat(startsWith.operator()).isEqualTo(Operator.STARTS_WITH);
        assertThat(startsWith.because().source()).contains("this.Name");
        assertThat(t1.children().get(1)).isInstanceOf(Condition.Presence.class);
        // and the explanation shows the expanded condition, not the name
        assertThat(pack.explain("T-02").orElseThrow()).contains("$.Versioning.Status").contains("$.Name");
    }

    @Test
    void thisIsTheResourceWhereTheConditionIsUsed() throws IOException {
        Files.writeString(dir.resolve("conditions.yaml"), """
                apiVersion: trailguard/v1
                conditions:
                  sameName:
                    description: the related trail's bucket is named as the resource it is used at
                    resource: AWS::CloudTrail::Trail
                    condition: {value: "{{ this.S3BucketName }}", equals: "{{ bucket.Name }}"}
                """);
        Files.writeString(dir.resolve("T-01.yaml"), rule("T-01", "  {related: trails, every: {use: sameName}}", "")
                .replace("AWS::S3::Bucket", "AWS::KMS::Key"));
        Condition.RelatedEach each = (Condition.RelatedEach) RulePack.load(dir).definitions().get(0).require();
        Condition.Compare c = (Condition.Compare) each.each();
        Template left = ((Condition.ValueSelection) c.left()).template();
        assertThat(left.source()).isEqualTo("{{ this.S3BucketName }}");
    }

    @Test
    void anUnknownNameIsReportedWhereItIsUsed() throws IOException {
        List<Problem> p = problems("  use: namedLik");
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.format()).startsWith(dir.resolve("T-01.yaml") + ":8:8: unknown named condition 'namedLik'")
                    .contains("did you mean 'namedLike'").contains("defined: namedLike, versioned");
        });
    }

    @Test
    void aMissingOrExtraParameterIsReportedAtTheUse() throws IOException {
        assertThat(problems("  use: namedLike").get(0).format()).startsWith(dir.resolve("T-01.yaml")
                + ":8:8: named condition 'namedLike' needs parameter prefix (string: the prefix)");
        List<Problem> extra = problems("  use: versioned\n  with: {prefx: x}");
        assertThat(extra.get(0).format()).startsWith(dir.resolve("T-01.yaml")
                + ":9:10: named condition 'versioned' has no parameter 'prefx'; it takes none");
        assertThat(problems("  use: namedLike\n  with: {prefix: [a]}").get(0).format()).startsWith(dir.resolve("T-01.yaml")
                + ":9:18: parameter 'prefix' of 'namedLike' takes a string, found [\"a\"]");
    }

    @Test
    void aMistakeInsideTheBodyNamesTheConditionsFileAndTheUse() throws IOException {
        Files.writeString(dir.resolve("conditions.yaml"), CONDITIONS.replace("{path: $.Versioning.Status, equals: Enabled",
                "{path: $.Versioning.Status, equal: Enabled"));
        Files.writeString(dir.resolve("T-01.yaml"), rule("T-01", "  use: versioned", ""));
        assertThatThrownBy(() -> RulePack.load(dir)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.problems().get(0).format()).startsWith(dir.resolve("conditions.yaml")
                        + ":16:44: unknown operator or key 'equal'").contains("(in named condition 'versioned', used at "
                        + dir.resolve("T-01.yaml") + ":8:8)"));
        // a wrong argument is reported where the use wrote it
        assertThat(problems("  use: namedLike\n  with: {prefix: x, extra: {path: $.Name, exist: true}}").get(0).format())
                .startsWith(dir.resolve("T-01.yaml") + ":9:43: unknown operator or key 'exist'");
    }

    @Test
    void recursionIsAnError() throws IOException {
        Files.writeString(dir.resolve("conditions.yaml"), """
                apiVersion: trailguard/v1
                conditions:
                  a:
                    description: a
                    condition: {any: [{path: $.Name, exists: true}, {use: b}]}
                  b:
                    description: b
                    condition: {not: {use: a}}
                """);
        Files.writeString(dir.resolve("T-01.yaml"), rule("T-01", "  use: a", ""));
        assertThatThrownBy(() -> RulePack.load(dir)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(x -> assertThat(x.format()).startsWith(
                        dir.resolve("conditions.yaml") + ":8:28: named condition 'a' uses itself: a → b → a (in named condition 'b', used at "
                        + dir.resolve("conditions.yaml") + ":5:59 (in named condition 'a', used at " + dir.resolve("T-01.yaml") + ":8:8))")));
    }

    @Test
    void theDefinitionsThemselvesAreChecked() throws IOException {
        Files.writeString(dir.resolve("conditions.yaml"), """
                apiVersion: trailguard/v1
                conditions:
                  a:
                    description: a
                    params: {p: {type: list}, q: {type: text}}
                    condition: {path: $.Name, in: {arg: r}}
                  a2: {description: twice, condition: {path: $.Name, exists: true}}
                """);
        Files.writeString(Files.createDirectories(dir.resolve("more")).resolve("conditions.yaml"), """
                apiVersion: trailguard/v1
                conditions:
                  a2: {description: twice, condition: {path: $.Name, exists: true}}
                """);
        Files.writeString(dir.resolve("T-01.yaml"), rule("T-01", "  use: a2", ""));
        assertThatThrownBy(() -> RulePack.load(dir)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.problems().stream().map(Problem::format).toList())
                        .anySatisfy(m -> assertThat(m).contains("conditions.yaml:5:41: expected a type: one of string, "
                                + "number, boolean, list, condition, found 'text'"))
                        .anySatisfy(m -> assertThat(m).contains("conditions.yaml:6:41: unknown parameter 'r'"))
                        .anySatisfy(m -> assertThat(m).contains("conditions.yaml:5:14: parameter 'p' is never used"))
                        .anySatisfy(m -> assertThat(m).contains("named condition 'a2' is defined twice"))
                        .noneSatisfy(m -> assertThat(m).contains("unknown named condition")));
    }

    @Test
    void anUnknownKeyIsReportedAtItsPlaceWithDidYouMean() throws IOException {
        Files.writeString(dir.resolve("conditions.yaml"), """
                apiVersion: trailguard/v1
                condition: {}
                conditions:
                  versioned:
                    description: Versioning is on.
                    resources: AWS::S3::Bucket
                    params: {status: {type: string, defualt: Enabled}}
                    condition: {path: $.Versioning.Status, equals: {arg: status}}
                  named:
                    description: Named.
                    resource: [AWS::S3::Bucket, AWS::S3:Bucket]
                    condition: {path: $.Name, exists: true}
                """);
        Files.writeString(dir.resolve("T-01.yaml"), rule("T-01", "  use: named", ""));
        Path f = dir.resolve("conditions.yaml");
        assertThatThrownBy(() -> RulePack.load(dir)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.problems().stream().map(Problem::format).toList())
                        .anySatisfy(m -> assertThat(m).startsWith(f + ":2:1: unknown key 'condition' in a conditions file "
                                + "(did you mean 'conditions'?); expected apiVersion, conditions, fixes"))
                        .anySatisfy(m -> assertThat(m).startsWith(f + ":6:5: unknown key 'resources' in a named condition "
                                + "(did you mean 'resource'?); expected description, resource, params, condition"))
                        .anySatisfy(m -> assertThat(m).startsWith(f + ":7:37: unknown key 'defualt' in a parameter "
                                + "(did you mean 'default'?); expected type, default, description"))
                        .anySatisfy(m -> assertThat(m).startsWith(f + ":11:33: expected a resource type such as "
                                + "AWS::S3::Bucket (or 'account' / 'region' alone), found 'AWS::S3:Bucket'")));
    }

    @Test
    void aRuleFileValidatedAloneSeesTheConditionsOfItsDirectoryAndParents() throws IOException {
        Files.writeString(dir.resolve("conditions.yaml"), CONDITIONS);
        Path sub = Files.createDirectories(dir.resolve("s3"));
        Files.writeString(sub.resolve("T-01.yaml"), rule("T-01", "  use: versioned", ""));
        assertThat(RulePack.load(sub.resolve("T-01.yaml")).size()).isEqualTo(1);
        assertThat(RulePack.load(sub).size()).isEqualTo(1);
    }
}
