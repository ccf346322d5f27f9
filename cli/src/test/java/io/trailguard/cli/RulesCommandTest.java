package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** rules list / explain / test. */
class RulesCommandTest {
    @Test
    void listShowsEveryBuiltInRule() {
        CliRunner.Result r = CliRunner.run("rules", "list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("CT-01", "CT-06", "S3-01", "KMS-01", "VPC-02");
    }

    @Test
    void explainShowsConditionsRelationsAndPolicyQuestions() {
        CliRunner.Result r = CliRunner.run("rules", "explain", "S3-01");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Applies when:").contains("Passes when:").contains("every related deliveries")
                .contains("access: cloudtrail.amazonaws.com may s3:PutObject").contains("Relations followed:");
        CliRunner.Result typo = CliRunner.run("rules", "explain", "S3-1");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("no rule with id 'S3-1'").contains("did you mean");
    }

    @Test
    void testRunsTheBuiltInCasesAndUserRules() {
        CliRunner.Result builtin = CliRunner.run("rules", "test");
        assertThat(builtin.exitCode()).isZero();
        assertThat(builtin.out()).containsPattern("(?m)^\\d+ passed, 0 failed$");
        CliRunner.Result user = CliRunner.run("rules", "test", "examples/rules");
        assertThat(user.out()).contains("1 passed, 0 failed");
    }

    @Test
    void aFailingCaseIsReportedWithWhatDiffered() {
        CliRunner.Result r = CliRunner.run("rules", "test", "cli/src/test/resources/rules-failing");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL ORG-01 › wrong expectation").contains("expected PASS for 'local-trail', got FAIL")
                .contains("1 passed, 1 failed");
    }
}
