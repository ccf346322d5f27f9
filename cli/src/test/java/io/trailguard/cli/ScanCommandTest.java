package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan of the example organisation, as a user meets it. */
class ScanCommandTest {
    private static final String EXAMPLE = "examples/acme-org.json";

    @Test
    void theExampleScanShowsThePlantedProblemsWithTheirFixes() {
        CliRunner.Result r = CliRunner.run("scan", EXAMPLE, "--details");
        assertThat(r.exitCode()).isEqualTo(1);
        String out = r.out().replaceAll("\\s+", " ");   // the text report wraps long lines
        assertThat(out)
                // the member account's prefix missing from the central bucket policy, with the generated grant
                .contains("CloudTrail may not write the logs of account 444444444444 under AWSLogs/444444444444/")
                .contains("aws s3api put-bucket-policy --bucket acme-central-cloudtrail-logs --policy")
                // the member trail the central key does not cover
                .contains("CloudTrail cannot encrypt the logs of trail arn:aws:cloudtrail:us-east-1:444444444444:trail/dev-trail")
                // a member trail without a KMS key
                .contains("Trail prod-audit (account 333333333333) has no KMS key")
                // global service events twice
                .contains("Account 333333333333 receives every global service event (IAM, STS, CloudFront) 2 times")
                // a flow log on one ENI only
                .contains("Flow logs in this VPC sit only on: eni-0c0ffee000000001a")
                // stale or failing CloudWatch Logs delivery
                .contains("The last delivery failed with: AccessDeniedException")
                // honest unknown
                .contains("ACCESS_DENIED: the list of AWS::EC2::FlowLog resources is incomplete")
                .containsPattern("Summary: \\d+ failed \\(");
    }

    @Test
    void failOnRaisesTheThreshold() {
        assertThat(CliRunner.run("scan", EXAMPLE, "--fail-on", "critical").exitCode()).isZero();
        assertThat(CliRunner.run("scan", EXAMPLE, "--fail-on", "high").exitCode()).isEqualTo(1);
    }

    @Test
    void jsonReportIsWrittenWholeToTheOutputFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report.json");
        CliRunner.Result r = CliRunner.run("scan", EXAMPLE, "--format", "json", "-o", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Wrote json report to");
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        assertThat(report.at("/summary/byStatus/FAIL").asInt()).isPositive();
        assertThat(report.at("/findings/0/resource/accountId").asText()).hasSize(12);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void everyTypedChangeOfTheExampleIsProvenOnceTheUserParametersAreSet() {
        // three parameters name things only the user knows (a replica key, a Resolver config, break-glass principals)
        String[] params = {"--param", "replicaKmsKey=arn:aws:kms:eu-west-1:222222222222:key/0b7e3c1d-2f4a-4b6c-8d9e-1f2a3b4c5d6e",
                "--param", "queryLogConfigId=rqlc-0123456789abcdef", "--param", "breakGlassPrincipals=arn:aws:iam::222222222222:role/BreakGlass"};
        List<String> args = new ArrayList<>(List.of("scan", EXAMPLE, "--verify-fixes", "--format", "json"));
        args.addAll(List.of(params));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.err()).containsPattern("Fix proofs: \\d+ of \\d+ failing finding\\(s\\) have a proven typed change; 0 typed "
                + "change\\(s\\) not proven; 6 fix\\(es\\) without a typed change").doesNotContain("NOT PROVEN");
        CliRunner.Result unset = CliRunner.run("scan", EXAMPLE, "--verify-fixes", "--format", "json");
        assertThat(unset.err()).contains("NOT PROVEN CRR-02 on arn:aws:s3:::acme-central-cloudtrail-logs: not provable until "
                + "replicaKmsKey is set (--param replicaKmsKey=…)");
    }

    @Test
    void aFixScriptForTheWholeScanIsWrittenAsBashOrJsonWithItsProof(@TempDir Path dir) throws Exception {
        Path sh = dir.resolve("fix.sh");
        Path json = dir.resolve("plan.json");
        CliRunner.Result r = CliRunner.run("scan", EXAMPLE, "--fix-script", sh.toString(), "--format", "json", "-o",
                dir.resolve("r.json").toString());
        assertThat(r.err()).contains("Wrote fix plan to " + sh + ": ")
                .contains("Fix plan proof: NOT-PROVABLE - not provable until replicaKmsKey, queryLogConfigId, breakGlassPrincipals is set");
        String script = Files.readString(sh);
        assertThat(script).startsWith("#!/usr/bin/env bash\n# trailguard fix plan for ").contains("\nset -euo pipefail\n")
                .contains("tg_account() {").contains("\ntg_account 222222222222\n").contains("# ---- not fixed by this script ----");
        assertThat(sh.toFile().canExecute()).isTrue();
        CliRunner.Result j = CliRunner.run("scan", EXAMPLE, "--fix-script", json.toString(), "--format", "json", "-o",
                dir.resolve("r2.json").toString(), "--param", "replicaKmsKey=arn:aws:kms:eu-west-1:222222222222:key/k",
                "--param", "queryLogConfigId=rqlc-1", "--param", "breakGlassPrincipals=arn:aws:iam::222222222222:role/B");
        assertThat(j.err()).contains("Fix plan proof: PROVEN");
        JsonNode plan = new ObjectMapper().readTree(json.toFile());
        assertThat(plan.path("proof").path("result").asText()).isEqualTo("proven");
        assertThat(plan.path("commands").get(0).path("command").path("argv").get(0).asText()).isEqualTo("aws");
        assertThat(plan.path("unfixable")).extracting(u -> u.path("ruleId").asText())
                .containsExactly("CFG-03", "CT-05", "CT-05", "CT-11", "KMS-03", "S3-04");
    }

    @Test
    void parametersOverrideRuleDefaults() {
        CliRunner.Result r = CliRunner.run("scan", EXAMPLE, "--param", "CT-04.kmsKeyId=alias/org-logs");
        assertThat(r.out()).contains("--kms-key-id alias/org-logs");
    }

    @Test
    void userRulesJoinTheBuiltInPack() {
        CliRunner.Result r = CliRunner.run("scan", EXAMPLE, "--rules", "examples/rules", "--show-passed");
        assertThat(r.out()).contains("ORG-01");
        CliRunner.Result only = CliRunner.run("rules", "list", "--rules", "examples/rules", "--no-builtin");
        assertThat(only.out()).contains("ORG-01").contains("1 rules");
    }

    @Test
    void notApplicableOutcomesAreCountedAndListedOnlyWhenAsked(@TempDir Path dir) throws Exception {
        Path lean = dir.resolve("lean.json");
        Path full = dir.resolve("full.json");
        CliRunner.Result r = CliRunner.run("scan", EXAMPLE, "--format", "json", "-o", lean.toString());
        CliRunner.run("scan", EXAMPLE, "--format", "json", "-o", full.toString(), "--include-not-applicable");
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(lean.toFile());
        JsonNode b = json.readTree(full.toFile());
        int notApplicable = a.at("/summary/byStatus/NOT_APPLICABLE").asInt();
        assertThat(notApplicable).isPositive().isEqualTo(b.at("/summary/byStatus/NOT_APPLICABLE").asInt())
                .isEqualTo(a.at("/summary/notApplicableOmitted").asInt());
        assertThat(r.err()).contains(notApplicable + " not applicable");
        assertThat(b.at("/summary/notApplicableOmitted").asInt()).isZero();
        assertThat(b.at("/summary/findings").asInt()).isEqualTo(a.at("/summary/findings").asInt() + notApplicable);
        assertThat(a.findValuesAsText("status")).doesNotContain("NOT_APPLICABLE");
        assertThat(b.findValuesAsText("status")).contains("NOT_APPLICABLE");

        // narrowing to one account keeps the not-applicable count exact
        CliRunner.Result one = CliRunner.run("scan", EXAMPLE, "--account", "444444444444");
        CliRunner.Result oneFull = CliRunner.run("scan", EXAMPLE, "--account", "444444444444", "--include-not-applicable");
        assertThat(one.out()).containsPattern(", [1-9]\\d* not applicable;");
        assertThat(summary(one.out())).isEqualTo(summary(oneFull.out()));

        // a version 2 report is a baseline: nothing is new against the same scan
        CliRunner.Result again = CliRunner.run("scan", EXAMPLE, "--baseline", lean.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("Summary: 0 failed, 0 passed, 0 unknown, 0 not applicable;");
    }

    private static String summary(String text) {
        return text.lines().filter(l -> l.startsWith("Summary:")).findFirst().orElseThrow();
    }
}
