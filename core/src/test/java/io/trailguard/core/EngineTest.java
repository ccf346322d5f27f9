package io.trailguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trailguard.core.fix.Change;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's semantics: three-valued logic, honest UNKNOWN, relations, parameters, fixes. */
class EngineTest {
    private static final Snapshot SNAPSHOT = Snapshot.read(Path.of("src/test/resources/snapshots/minimal.json"));

    private static RulePack rule(String resource, String require, String... extra) {
        return RulePack.parse("test.yaml", String.join("\n",
                "apiVersion: trailguard/v1", "id: T-01", "title: Test rule", "severity: high",
                "resource: " + resource, "description: test", String.join("\n", extra),
                "require: " + require, "message: \"{{ self.id }} fails\""));
    }

    private static Finding finding(ScanResult r, String idSuffix) {
        return r.findings().stream().filter(f -> f.resource().id().endsWith(idSuffix)).findFirst().orElseThrow();
    }

    @Test
    void aFieldThatCouldNotBeReadIsUnknownNeverPass() {
        // GetBucketPolicy was denied: "no policy" must not read as "no bad statement".
        ScanResult r = Engine.create().scan(rule("AWS::S3::Bucket", "{path: $.Policy, absent: true}"), SNAPSHOT);
        Finding f = finding(r, ":logs");
        assertThat(f.status()).isEqualTo(Status.UNKNOWN);
        assertThat(f.unknown().code()).isEqualTo(UnknownReason.Code.ACCESS_DENIED);
        assertThat(f.unknown().detail()).contains("s3:GetBucketPolicy in 222222222222/us-east-1").contains("AccessDenied");
    }

    @Test
    void aMissingFieldIsNeverReadAsFalse() {
        ScanResult r = Engine.create().scan(rule("AWS::CloudTrail::Trail", "{path: $.LogFileValidationEnabled, not_equals: true}"), SNAPSHOT);
        Finding other = finding(r, "trail/other");
        assertThat(other.status()).isEqualTo(Status.UNKNOWN);
        assertThat(other.unknown().code()).isEqualTo(UnknownReason.Code.MISSING_FIELD);
        ScanResult withDefault = Engine.create().scan(rule("AWS::CloudTrail::Trail",
                "{path: $.LogFileValidationEnabled, equals: true, default: false}"), SNAPSHOT);
        assertThat(finding(withDefault, "trail/other").status()).isEqualTo(Status.FAIL);
        assertThat(finding(withDefault, "trail/main").status()).isEqualTo(Status.PASS);
    }

    @Test
    void kleeneLogicLetsAKnownFalseDecideDespiteAnUnknown() {
        String req = "{all: [{path: $.Policy, exists: true}, {path: $.Versioning.Status, equals: Suspended}]}";
        assertThat(finding(Engine.create().scan(rule("AWS::S3::Bucket", req), SNAPSHOT), ":logs").status())
                .isEqualTo(Status.FAIL);
        String any = "{any: [{path: $.Policy, exists: true}, {path: $.Versioning.Status, equals: Enabled}]}";
        assertThat(finding(Engine.create().scan(rule("AWS::S3::Bucket", any), SNAPSHOT), ":logs").status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void relationsSayWhyTheyFoundNothing() {
        ScanResult keys = Engine.create().scan(rule("AWS::CloudTrail::Trail", "{related: kmsKey, exists: true}",
                "when: {path: $.KmsKeyId, exists: true}"), SNAPSHOT);
        Finding main = finding(keys, "trail/main");
        assertThat(main.status()).isEqualTo(Status.UNKNOWN);
        assertThat(main.unknown().code()).isEqualTo(UnknownReason.Code.OUT_OF_SCOPE_ACCOUNT);
        assertThat(main.unknown().detail()).contains("999999999999");
        assertThat(keys.rules().get(0).omittedNotApplicable()).extracting(ResourceRef::id)
                .containsExactly("arn:aws:cloudtrail:us-east-1:222222222222:trail/other");

        ScanResult buckets = Engine.create().scan(rule("AWS::CloudTrail::Trail",
                "{related: bucket, that: {path: $.Versioning.Status, equals: Enabled}}"), SNAPSHOT);
        assertThat(finding(buckets, "trail/main").status()).isEqualTo(Status.PASS);
        Finding other = finding(buckets, "trail/other");
        assertThat(other.status()).isEqualTo(Status.UNKNOWN);
        assertThat(other.unknown().code()).isEqualTo(UnknownReason.Code.NOT_IN_SNAPSHOT);
        assertThat(other.unknown().detail()).contains("bucket missing-bucket is not in the snapshot");
    }

    @Test
    void olderThanComparesWithCaptureTimeAndParametersOverride() {
        String req = "{path: $.Status.LatestCloudWatchLogsDeliveryTime, newer_than: {param: lag}}";
        String params = "params: {lag: {type: duration, default: 1h, description: lag}}";
        RulePack pack = rule("AWS::CloudTrail::Trail", req, params, "when: {path: $.Status, exists: true}");
        assertThat(finding(Engine.create().scan(pack, SNAPSHOT), "trail/main").status()).isEqualTo(Status.PASS);
        Engine strict = Engine.withParams(Map.of("lag", "10m"));
        assertThat(finding(strict.scan(pack, SNAPSHOT), "trail/main").status()).isEqualTo(Status.FAIL);
        Engine byRule = Engine.withParams(Map.of("T-01.lag", "PT10M"));
        assertThat(finding(byRule.scan(pack, SNAPSHOT), "trail/main").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void unknownOrIllTypedParametersAreErrors() {
        RulePack pack = rule("AWS::CloudTrail::Trail", "{path: $.Name, exists: true}",
                "params: {lag: {type: duration, default: 1h, description: lag}}");
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> Engine.withParams(Map.of("lga", "1h")).scan(pack, SNAPSHOT));
        assertThat(unknown.getMessage()).contains("no rule has a parameter 'lga'").contains("did you mean 'lag'?");
        InvalidInputException badType = assertThrows(InvalidInputException.class,
                () -> Engine.withParams(Map.of("lag", "soon")).scan(pack, SNAPSHOT));
        assertThat(badType.getMessage()).contains("value 'soon' is not a duration");
    }

    @Test
    void aFixPatchIsProvenByEvaluatingAgain() {
        RulePack pack = RulePack.parse("fix.yaml", String.join("\n",
                "apiVersion: trailguard/v1", "id: T-02", "title: Validation on", "severity: low",
                "resource: AWS::CloudTrail::Trail", "description: test",
                "require: {path: $.LogFileValidationEnabled, equals: true, default: false}",
                "message: \"{{ self.Name }} does not validate\"",
                "fix:", "  summary: turn it on for {{ self.Name }}",
                "  changes: [{api: \"cloudtrail:UpdateTrail\", target: self, set: {/LogFileValidationEnabled: true}}]"));
        ScanResult before = Engine.create().scan(pack, SNAPSHOT);
        Finding fail = finding(before, "trail/other");
        assertThat(fail.status()).isEqualTo(Status.FAIL);
        assertThat(fail.message()).isEqualTo("other does not validate");
        assertThat(fail.fix().cli()).containsExactly("aws cloudtrail update-trail --name "
                + "arn:aws:cloudtrail:us-east-1:222222222222:trail/other --enable-log-file-validation --region us-east-1");
        assertThat(fail.fix().changes()).containsExactly(new Change.Modify("cloudtrail:UpdateTrail", fail.resource(),
                List.of(new Change.Edit(Change.Edit.Kind.SET, "/LogFileValidationEnabled", "true"))));
        FixProof proof = Engine.create().proveFix(pack, SNAPSHOT, fail, before);
        assertThat(proof.proven()).isTrue();
        assertThat(proof.after()).isEqualTo(Status.PASS);
    }

    @Test
    void countsWithUnknownMembersStayUnknownOnlyWhenTheyCouldChangeTheAnswer() {
        // Two trails; only one has a Status. At most 1 logging trail: the unknown one could make it 2.
        String let = "let: {logging: {related: ownTrails, where: {path: $.Status.IsLogging, equals: true}}}";
        ScanResult r = Engine.create().scan(rule("account", "{related: logging, count: {at_most: 0}}", let), SNAPSHOT);
        assertThat(finding(r, "111111111111").status()).isEqualTo(Status.FAIL);
        assertThat(finding(r, "222222222222").status()).isEqualTo(Status.UNKNOWN);
        ScanResult atMost2 = Engine.create().scan(rule("account", "{related: logging, count: {at_most: 2}}", let), SNAPSHOT);
        assertThat(atMost2.findings()).extracting(Finding::status).containsOnly(Status.PASS);
    }

    @Test
    void accountSubjectsCarryTheirConfiguration() {
        ScanResult r = Engine.create().scan(rule("account", "{path: $.AccountId, in: [\"111111111111\"]}"), SNAPSHOT);
        assertThat(r.findings()).extracting(f -> f.resource().type()).containsOnly(ResourceRef.ACCOUNT_TYPE);
        assertThat(r.findings()).extracting(Finding::status).containsExactly(Status.PASS, Status.FAIL);
        assertThat(List.of(r.rulesEvaluated(), r.resourceCount())).containsExactly(1, 3);
    }

    @Test
    void subjectsARuleDoesNotApplyToAreCountedNotFoundUnlessKept() {
        RulePack pack = rule("AWS::CloudTrail::Trail", "{path: $.LogFileValidationEnabled, equals: true, default: false}",
                "when: {path: $.KmsKeyId, exists: true}");
        ScanResult lean = Engine.create().scan(pack, SNAPSHOT);
        ScanResult full = Engine.create().keepingNotApplicable().scan(pack, SNAPSHOT);
        assertThat(lean.findings()).extracting(Finding::status).doesNotContain(Status.NOT_APPLICABLE).hasSize(1);
        assertThat(lean.findings()).isEqualTo(full.findings().stream()
                .filter(f -> f.status() != Status.NOT_APPLICABLE).toList());
        Finding na = finding(full, "trail/other");
        assertThat(na.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(na.message()).startsWith("Does not apply: ");
        assertThat(lean.rules().get(0).omittedNotApplicable()).containsExactly(na.resource());
        assertThat(full.rules().get(0).omittedNotApplicable()).isEmpty();
        assertThat(lean.countByStatus()).isEqualTo(full.countByStatus()).containsEntry(Status.NOT_APPLICABLE, 1);
        assertThat(lean.notApplicableByRule()).isEqualTo(full.notApplicableByRule()).containsEntry("T-01", 1);
        assertThat(lean.omittedNotApplicableCount()).isEqualTo(1);
        assertThat(full.omittedNotApplicableCount()).isZero();

        for (ScanResult r : List.of(lean, full)) { // narrowing keeps the counts exact, with or without N/A findings
            assertThat(r.restrictedTo(x -> x.accountId().equals("222222222222")).countByStatus())
                    .containsEntry(Status.NOT_APPLICABLE, 1).containsEntry(Status.FAIL, 0).containsEntry(Status.PASS, 0);
            assertThat(r.restrictedTo(x -> x.accountId().equals("111111111111")).countByStatus())
                    .containsEntry(Status.NOT_APPLICABLE, 0);
        }
    }

    @Test
    void aFindingMustNameARuleOfTheResult() {
        ScanResult r = Engine.create().scan(rule("account", "{path: $.AccountId, exists: true}"), SNAPSHOT);
        Finding alien = new Finding("X-99", Status.PASS, Severity.LOW, "t", r.findings().get(0).resource(), "m", "r",
                List.of(), List.of(), null, null);
        assertThrows(IllegalArgumentException.class, () -> r.withFindings(List.of(alien)));
    }
}
