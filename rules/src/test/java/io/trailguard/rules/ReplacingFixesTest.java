package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.FixProof;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.snapshot.SnapshotIndex;
import io.trailguard.core.testing.Fixtures;
import io.trailguard.core.Status;
import io.trailguard.core.fix.FixCommand;
import io.trailguard.core.snapshot.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fixes that delete, remove or edit some elements of a list: what they render keeps what works and touches what
 * fails, and the whole pack proves them.
 */
class ReplacingFixesTest {
    private static final Path PACK = Path.of("src/main/resources/io/trailguard/rules/pack");
    private static final RulePack RULES = BuiltinRules.pack();

    private static Finding failing(ScanResult r, String rule, String resourceEnd) {
        return r.findings().stream().filter(f -> f.ruleId().equals(rule) && f.status() == Status.FAIL
                && f.resource().id().endsWith(resourceEnd)).findFirst().orElseThrow();
    }

    private static JsonNode jsonAfter(FixCommand c, String option) {
        return Json.parse(c.argv().get(c.argv().indexOf(option) + 1));
    }

    @Test
    void vpc03DeletesTheFlowLogThenCreatesItsReplacementWithTheSameDestinationAndTheWholePackProvesIt() {
        Snapshot snap = Snapshot.read(Path.of("../examples/acme-org.json"));
        ScanResult r = Engine.create().scan(RULES, snap);
        Finding f = failing(r, "VPC-03", "fl-0aa0aa0aa0aa0aa11");
        assertThat(f.fix().commands()).extracting(FixCommand::line).containsExactly(
                "aws ec2 delete-flow-logs --flow-log-ids fl-0aa0aa0aa0aa0aa11 --region us-east-1",
                "aws ec2 create-flow-logs --resource-type VPC --resource-ids vpc-0aa0aa0aa0aa0aa01 --traffic-type ALL "
                        + "--log-destination-type s3 --log-destination arn:aws:s3:::acme-central-flow-logs "
                        + "--max-aggregation-interval 600 --region us-east-1");
        FixProof proof = Engine.create().proveFix(RULES, snap, f, r);
        assertThat(proof.proven()).as(proof.explanation()).isTrue();
        assertThat(proof.explanation()).contains("replaces");
    }

    @Test
    void crr02OptsInTheRuleThatSkipsSseKmsObjectsAndKeepsTheRuleThatAlreadyReplicatesThem() {
        Path fixture = PACK.resolve("replication/fixtures/crr-02/second-rule-skips.yaml");
        Snapshot snap = Fixtures.read(fixture);
        JsonNode before = snap.index().get(SnapshotIndex.BUCKET, "arn:aws:s3:::acme-central-cloudtrail-logs").orElseThrow().configuration()
                .at("/Replication/Rules");
        String replicaKey = before.at("/0/Destination/EncryptionConfiguration/ReplicaKmsKeyID").asText();
        ScanResult r = Engine.withParams(Map.of("replicaKmsKey", replicaKey)).scan(RULES, snap);
        Finding f = failing(r, "CRR-02", "acme-central-cloudtrail-logs");
        List<FixCommand> put = f.fix().commands().stream().filter(c -> c.argv().contains("put-bucket-replication")).toList();
        assertThat(put).hasSize(1);
        JsonNode rules = jsonAfter(put.get(0), "--replication-configuration").get("Rules");
        assertThat(rules.get(0)).isEqualTo(before.get(0));
        assertThat(rules.get(1).at("/SourceSelectionCriteria/SseKmsEncryptedObjects/Status").asText()).isEqualTo("Enabled");
        assertThat(rules.get(1).at("/Destination/EncryptionConfiguration/ReplicaKmsKeyID").asText()).isEqualTo(replicaKey);
        assertThat(rules.get(1).get("ID")).isEqualTo(before.get(1).get("ID"));
    }

    @Test
    void cfg02KeepsEveryRecordersRecordingStrategy() {
        Snapshot snap = Fixtures.read(PACK.resolve("config/fixtures/cfg-02/strategy-fixes.yaml"));
        ScanResult r = Engine.create().scan(RULES, snap);
        Map<String, List<String>> expected = Map.of(
                // exclusion in both regions: eu-west-1 excludes the IAM types too
                "121212121212", List.of("EXCLUSION_BY_RESOURCE_TYPES", "AWS::IAM::User"),
                // exclusion of the IAM types everywhere: us-east-1 no longer excludes them
                "131313131313", List.of("EXCLUSION_BY_RESOURCE_TYPES", "AWS::Redshift::ClusterSnapshot"),
                // inclusion lists in both regions: eu-west-1 lists no IAM type
                "141414141414", List.of("INCLUSION_BY_RESOURCE_TYPES", "AWS::S3::Bucket"));
        expected.forEach((account, want) -> {
            Finding f = failing(r, "CFG-02", account);
            assertThat(f.fix().commands()).singleElement().satisfies(c -> {
                JsonNode group = jsonAfter(c, "--configuration-recorder").get("recordingGroup");
                assertThat(group.at("/recordingStrategy/useOnly").asText()).isEqualTo(want.get(0));
                assertThat(group.path("includeGlobalResourceTypes").asBoolean()).isFalse();
                String list = group.at("/recordingStrategy/useOnly").asText().startsWith("EXCLUSION")
                        ? group.at("/exclusionByResourceTypes/resourceTypes").toString() : group.path("resourceTypes").toString();
                assertThat(list).contains(want.get(1));
                if (!account.equals("121212121212")) {
                    assertThat(list).doesNotContain("AWS::IAM::");
                }
            });
            assertThat(Engine.create().proveFix(RULES, snap, f, r).proven()).isTrue();
        });
    }

    @Test
    void r53AssociatesEveryVpcOfTheZoneThatDoesNotLogAndNoneTwice() {
        Snapshot snap = Fixtures.read(PACK.resolve("route53/fixtures/r53-03/many-vpcs.yaml"));
        Engine engine = Engine.withParams(Map.of("R53-03.queryLogConfigId", "rqlc-1111111111111111"));
        ScanResult r = engine.scan(RULES, snap);
        Finding f = failing(r, "R53-03", "Z0MANYVPCSEXAMPLE");
        String associate = "aws route53resolver associate-resolver-query-log-config --resolver-query-log-config-id "
                + "rqlc-1111111111111111 --resource-id ";
        assertThat(f.fix().commands()).extracting(FixCommand::line).containsExactly(
                associate + "vpc-0a1a1a1a1a1a1a1a1 --region us-east-1",
                associate + "vpc-0c3c3c3c3c3c3c3c3 --region eu-west-1",
                associate + "vpc-0d4d4d4d4d4d4d4d4 --region eu-west-1");
        FixProof proof = engine.proveFix(RULES, snap, f, r);
        assertThat(proof.proven()).as(proof.explanation()).isTrue();
    }
}
