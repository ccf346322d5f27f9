package io.trailguard.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailguard.core.InvalidInputException;
import io.trailguard.core.RulePack;
import io.trailguard.core.snapshot.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Lean fixtures (a base and a patch) as files, chained and inline, read by the rule test runner. */
class FixturesTest {
    private static final Path DIR = Path.of("src/test/resources/testing/lean");

    @Test
    void theRunnerReadsWholeLeanChainedAndInlineFixtures() {
        var results = RuleTestRunner.run(RulePack.load(DIR.resolve("KEY-01.yaml")));
        assertThat(results).hasSize(6).allSatisfy(r -> assertThat(r.failures()).as(r.displayName()).isEmpty());
    }

    @Test
    void aChainMaterialisesEveryPatchInOrder() {
        var doc = Fixtures.materialise(DIR.resolve("fixtures/chained.json"), DIR);
        assertThat(doc.get("resources").findValuesAsText("id")).containsExactly("arn:aws:cloudtrail:us-east-1:111111111111:trail/b");
        assertThat(doc.at("/resources/0/configuration").has("KmsKeyId")).isFalse();
        assertThat(doc.at("/source/note").asText()).isEqualTo("only trail b, without its key");
        assertThat(Fixtures.read(DIR.resolve("fixtures/chained.json")).resources()).hasSize(1);
    }

    @Test
    void aPatchThatAddressesNothingNamesFileLineAndColumnOfTheStep() {
        assertThatThrownBy(() -> Fixtures.read(DIR.resolve("fixtures/bad/missing.json"), DIR))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    var p = e.problems().get(0);
                    assertThat(p.source()).endsWith("fixtures/bad/missing.json");
                    assertThat(p.line()).isEqualTo(5);
                    assertThat(p.column()).isEqualTo(39);
                    assertThat(p.message()).startsWith("/patch/1/at/1: the patch addresses nothing: no element of "
                            + "/resources has id \"arn:aws:cloudtrail:us-east-1:111111111111:trail/c\"")
                            .endsWith("(base ../base.json)");
                });
    }

    @Test
    void basesOutsideTheRuleDirectoryAndLoopsAreRejected() {
        assertThatThrownBy(() -> Fixtures.read(DIR.resolve("fixtures/bad/outside.json"), DIR))
                .hasMessageContaining("is outside the rule's directory");
        assertThatThrownBy(() -> Fixtures.read(DIR.resolve("fixtures/bad/loop-a.json"), DIR))
                .hasMessageContaining("loops back");
    }

    @Test
    void aWholeSnapshotIsReadAsItIs() throws Exception {
        Path base = DIR.resolve("fixtures/base.json");
        assertThat(Fixtures.isLean(base)).isFalse();
        assertThat(Json.parse(Fixtures.json(base, DIR))).isEqualTo(Json.MAPPER.readTree(base.toFile()));
        assertThat(Fixtures.defaultRoot(base)).isEqualTo(DIR.toAbsolutePath().normalize());
    }

    @Test
    void aShortResourceStandsForTheWholeOne() {
        var doc = Fixtures.materialise(DIR.resolve("fixtures/short.yaml"), DIR);
        assertThat(doc.at("/resources/0").toString()).isEqualTo("{\"type\":\"AWS::CloudTrail::Trail\","
                + "\"id\":\"arn:aws:cloudtrail:us-east-1:111111111111:trail/a\",\"accountId\":\"111111111111\","
                + "\"region\":\"us-east-1\",\"configuration\":{\"Name\":\"a\","
                + "\"KmsKeyId\":\"arn:aws:kms:us-east-1:111111111111:key/k1\"}}");
        assertThat(doc.at("/resources/2/configuration/id").asText()).startsWith("a member named like the envelope");
        assertThat(doc.at("/resources/2/accountId").asText()).isEqualTo("111111111111");
        assertThat(Fixtures.read(DIR.resolve("fixtures/short.yaml"), DIR).resources()).hasSize(3);
    }

    @Test
    void anArnWithoutAccountLeavesTheAccountToBeStated() {
        assertThatThrownBy(() -> Fixtures.read(DIR.resolve("fixtures/bad/bucket-without-account.yaml"), DIR))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("accountId");
    }

    @Test
    void aYamlPatchThatAddressesNothingNamesFileLineAndColumn() {
        assertThatThrownBy(() -> Fixtures.read(DIR.resolve("fixtures/bad/short-missing.yaml"), DIR))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    var p = e.problems().get(0);
                    assertThat(p.source()).endsWith("fixtures/bad/short-missing.yaml");
                    assertThat(p.line()).isEqualTo(4);
                    assertThat(p.column()).isEqualTo(19);
                    assertThat(p.message()).startsWith("/patch/0/at/1: the patch addresses nothing");
                });
    }
}
