package io.trailguard.core.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.RulePack;
import io.trailguard.core.fix.Change.Edit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named fixes in a user's rule directory: defined once in the {@code fixes:} of its {@code conditions.yaml}, used as a
 * rule's whole {@code fix: {use: NAME, with: {...}}}, expanded at parse time (arguments in place, the rule parameters
 * it reads added to the rule's), and every mistake reported at file:line:col.
 */
class NamedFixesTest {
    @TempDir
    Path dir;

    /** The summary is on line 14; {@code ${status}} alone is the value on line 19. */
    private static final String FIXES = """
            apiVersion: trailguard/v1
            fixes:
              setVersioning:
                description: Sets the bucket's versioning status.
                resource: AWS::S3::Bucket
                params:
                  status: {type: string, description: the versioning status}
                ruleParams:
                  reason:
                    type: string
                    default: audit
                    description: why, in the summary
                fix:
                  summary: Set versioning of {{ self.Name }} to ${status} ({{ params.reason }}).
                  changes:
                    - api: s3:PutBucketVersioning
                      target: self
                      set:
                        /Versioning/Status: "${status}"
            """;

    private static String rule(String id, String fix, String params) {
        return String.join("\n", "apiVersion: trailguard/v1", "id: " + id, "title: Test", "severity: low",
                "resource: AWS::S3::Bucket", "description: test", params,
                "require: {path: $.Versioning.Status, equals: Enabled, default: Suspended}", "message: fails", "fix:", fix, "");
    }

    private List<Problem> problems(String definitions, String fix, String params) throws IOException {
        Files.writeString(dir.resolve("conditions.yaml"), definitions);
        Files.writeString(dir.resolve("T-01.yaml"), rule("T-01", fix, params));
        try {
            RulePack.load(dir);
        } catch (InvalidInputException e) {
            return e.problems();
        }
        throw new AssertionError("no problem in " + fix);
    }

    @Test
    void aRuleOfAUserDirectoryUsesItsFixWithArgumentsAndGetsItsRuleParameters() throws IOException {
        Files.writeString(dir.resolve("conditions.yaml"), FIXES);
        Files.writeString(dir.resolve("T-01.yaml"), rule("T-01", "  use: setVersioning\n  with: {status: Enabled}", ""));
        Files.writeString(dir.resolve("T-02.yaml"), rule("T-02", "  use: setVersioning\n  with: {status: Suspended}", ""));
        RulePack pack = RulePack.load(dir);
        RuleDefinition t1 = pack.definitions().get(0);
        assertThat(t1.fix().summary().source()).isEqualTo("Set versioning of {{ self.Name }} to Enabled ({{ params.reason }}).");
        assertThat(t1.fix().changes()).singleElement().satisfies(c -> {
            assertThat(c.api()).isEqualTo("s3:PutBucketVersioning");
            assertThat(c.target()).isEqualTo(Name.Root.SELF);
            assertThat(c.edits()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(Edit.Kind.SET);
                assertThat(e.value().asText()).isEqualTo("Enabled");
            });
            assertThat(c.line()).isEqualTo(11); // the line of the use in the rule file
        });
        assertThat(t1.params()).containsOnlyKeys("reason");
        assertThat(t1.params().get("reason").defaultValue().asText()).isEqualTo("audit");
        assertThat(pack.definitions().get(1).fix().changes().get(0).edits().get(0).value().asText()).isEqualTo("Suspended");
        assertThat(pack.explain("T-01").orElseThrow()).contains("change through s3:PutBucketVersioning on self: set /Versioning/Status");
    }

    @Test
    void anUnknownNameIsReportedAtTheUseWithDidYouMean() throws IOException {
        assertThat(problems(FIXES, "  use: setVersionin\n  with: {status: Enabled}", "")).singleElement()
                .satisfies(p -> assertThat(p.format()).startsWith(dir.resolve("T-01.yaml")
                        + ":11:8: unknown named fix 'setVersionin'").contains("did you mean 'setVersioning'")
                        .contains("defined: setVersioning"));
    }

    @Test
    void aMissingOrExtraArgumentIsReportedAtTheUse() throws IOException {
        assertThat(problems(FIXES, "  use: setVersioning", "").get(0).format()).startsWith(dir.resolve("T-01.yaml")
                + ":11:8: named fix 'setVersioning' needs parameter status (string: the versioning status)");
        assertThat(problems(FIXES, "  use: setVersioning\n  with: {status: Enabled, stat: x}", "").get(0).format())
                .startsWith(dir.resolve("T-01.yaml") + ":12:27: named fix 'setVersioning' has no parameter 'stat'; its parameters: status");
        assertThat(problems(FIXES, "  use: setVersioning\n  with: {status: [Enabled]}", "").get(0).format())
                .startsWith(dir.resolve("T-01.yaml") + ":12:18: parameter 'status' of 'setVersioning' takes a string");
    }

    @Test
    void aMistakeInsideTheBodyNamesTheDefinitionsFileAndTheUse() throws IOException {
        List<Problem> p = problems(FIXES.replace("{{ self.Name }}", "{{ sef.Name }}"),
                "  use: setVersioning\n  with: {status: Enabled}", "");
        assertThat(p).singleElement().satisfies(x -> assertThat(x.format())
                .startsWith(dir.resolve("conditions.yaml") + ":14:16: unknown name 'sef'")
                .contains("(in named fix 'setVersioning', used at " + dir.resolve("T-01.yaml") + ":11:8)"));
        // a text that is only an argument is the argument's: its mistake is reported where the rule wrote it
        List<Problem> arg = problems(FIXES.replace("to ${status} ", ""), "  use: setVersioning\n  with: {status: \"{{ sef }}\"}", "");
        assertThat(arg).singleElement().satisfies(x -> assertThat(x.format())
                .startsWith(dir.resolve("T-01.yaml") + ":12:18: unknown name 'sef'"));
    }

    @Test
    void theDefinitionsAreCheckedThemselves() throws IOException {
        List<Problem> p = problems(FIXES.replace("to ${status}", "to ${statu}").replace("\"${status}\"", "Enabled"),
                "  use: setVersioning\n  with: {status: Enabled}", "");
        assertThat(p).extracting(Problem::format).anySatisfy(m -> assertThat(m).startsWith(dir.resolve("conditions.yaml")
                + ":14:16: unknown parameter 'statu'").contains("did you mean 'status'"))
                .anySatisfy(m -> assertThat(m).startsWith(dir.resolve("conditions.yaml")
                        + ":7:7: parameter 'status' is never used"));
    }

    @Test
    void aRuleMayNotDeclareAParameterItsFixDeclares() throws IOException {
        List<Problem> p = problems(FIXES, "  use: setVersioning\n  with: {status: Enabled}",
                "params:\n  reason: {type: string, default: x, description: y}");
        assertThat(p).singleElement().satisfies(x -> assertThat(x.format()).startsWith(dir.resolve("T-01.yaml")
                + ":8:3: parameter 'reason' is already declared by the fix 'setVersioning'"));
    }
}
