package io.trailguard.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.ResourceRef;
import io.trailguard.core.Snapshot;
import io.trailguard.core.fix.Change.Edit;
import io.trailguard.core.fix.Change.Edit.Kind;
import io.trailguard.core.fix.render.ChangeSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Changes merge per resource and render once from the merged state; the proof and the commands see the same state. */
class ChangeSetTest {
    private static final String TRAIL = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/t";
    private static final Snapshot SNAP = Snapshot.parse("""
            {"snapshotVersion": 1, "capturedAt": "2026-11-20T09:00:00Z", "accounts": ["111122223333"], "resources": [
             {"type": "AWS::CloudTrail::Trail", "id": "%s", "accountId": "111122223333", "region": "eu-west-1",
              "configuration": {"Name": "t", "TrailARN": "%s", "HomeRegion": "eu-west-1", "S3BucketName": "logs",
               "EventSelectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true, "DataResources": []}]}},
             {"type": "AWS::S3::Bucket", "id": "arn:aws:s3:::logs", "accountId": "111122223333", "region": "eu-west-1",
              "configuration": {"Name": "logs", "Region": "eu-west-1", "Replication": {"Role": "arn:aws:iam::111122223333:role/r",
               "Rules": [{"ID": "all", "Status": "Disabled", "Destination": {"Bucket": "arn:aws:s3:::copy"}}]}}},
             {"type": "AWS::EC2::FlowLog", "id": "fl-1", "accountId": "111122223333", "region": "eu-west-1",
              "configuration": {"FlowLogId": "fl-1", "ResourceId": "vpc-1", "TrafficType": "REJECT"}},
             {"type": "AWS::KMS::Key", "id": "arn:aws:kms:eu-west-1:111122223333:key/k", "accountId": "111122223333",
              "region": "eu-west-1", "configuration": {"Arn": "arn:aws:kms:eu-west-1:111122223333:key/k", "KeyId": "k",
               "KeyState": "PendingDeletion", "Enabled": false, "DeletionDate": "2026-12-01T00:00:00Z"}},
             {"type": "AWS::Config::ConfigurationRecorder", "id": "rec", "accountId": "111122223333", "region": "eu-west-1",
              "configuration": {"name": "default", "recordingGroup": {"allSupported": false,
               "exclusionByResourceTypes": {"resourceTypes": ["AWS::IAM::User", "AWS::S3::Bucket"]},
               "recordingStrategy": {"useOnly": "EXCLUSION_BY_RESOURCE_TYPES"}}}}
            ]}""".formatted(TRAIL, TRAIL), "test");
    private static final ResourceRef T = new ResourceRef("AWS::CloudTrail::Trail", TRAIL, "111122223333", "eu-west-1");

    @Test
    void twoFindingsSelectorsOnOneTrailBecomeOnePutEventSelectorsKeepingTheExistingSelector() {
        List<Change> changes = List.of(
                new Change.Modify("cloudtrail:PutEventSelectors", T, List.of(new Edit(Kind.DATA_EVENTS, "/EventSelectors", "\"AWS::S3::Object\""))),
                new Change.Modify("cloudtrail:PutEventSelectors", T, List.of(new Edit(Kind.DATA_EVENTS, "/EventSelectors", "\"AWS::Lambda::Function\""))),
                new Change.Modify("cloudtrail:UpdateTrail", T, List.of(new Edit(Kind.SET, "/LogFileValidationEnabled", "true"))));
        List<FixCommand> cmds = ChangeSet.commands(SNAP.index(), changes, Set.of());
        assertThat(cmds).extracting(FixCommand::line).containsExactly(
                "aws cloudtrail put-event-selectors --trail-name " + TRAIL + " --event-selectors '"
                        + "[{\"ReadWriteType\":\"WriteOnly\",\"IncludeManagementEvents\":true,\"DataResources\":[]},"
                        + "{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":false,\"DataResources\":["
                        + "{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:aws:s3\"]},"
                        + "{\"Type\":\"AWS::Lambda::Function\",\"Values\":[\"arn:aws:lambda\"]}]}]' --region eu-west-1",
                "aws cloudtrail update-trail --name " + TRAIL + " --enable-log-file-validation --region eu-west-1");
        // applying the same changes again changes nothing: the edits are idempotent
        List<Change> twice = new java.util.ArrayList<>(changes);
        twice.addAll(changes);
        assertThat(ChangeSet.commands(SNAP.index(), twice, Set.of())).isEqualTo(cmds);
        assertThat(SNAP.withChanges(changes).index().get(T.type(), T.id()).orElseThrow().configuration()
                .path("LogFileValidationEnabled").asBoolean()).isTrue();
    }

    @Test
    void replicationIsRenderedAsAwsWantsItWithoutTheWrapperKey() {
        ResourceRef b = new ResourceRef("AWS::S3::Bucket", "arn:aws:s3:::logs", "111122223333", "eu-west-1");
        List<FixCommand> cmds = ChangeSet.commands(SNAP.index(), List.of(new Change.Modify("s3:PutBucketReplication", b,
                List.of(new Edit(Kind.SET, "/Replication/Rules/0/Status", "\"Enabled\"")))), Set.of());
        assertThat(cmds).singleElement().satisfies(c -> {
            assertThat(c.argv()).containsSequence("--replication-configuration",
                    "{\"Role\":\"arn:aws:iam::111122223333:role/r\",\"Rules\":[{\"ID\":\"all\",\"Status\":\"Enabled\","
                            + "\"Destination\":{\"Bucket\":\"arn:aws:s3:::copy\"}}]}");
            assertThat(c.line()).doesNotContain("ReplicationConfiguration").endsWith("--region eu-west-1");
        });
    }

    @Test
    void anUnsetParameterIsAVariableOfTheCommand() {
        String marker = ShellQuote.variable("LOG_BUCKET");
        List<FixCommand> cmds = ChangeSet.commands(SNAP.index(), List.of(new Change.Modify("cloudtrail:UpdateTrail", T,
                List.of(new Edit(Kind.SET, "/S3BucketName", "\"" + marker + "\"")))), Set.of("LOG_BUCKET"));
        assertThat(cmds).singleElement().satisfies(c -> {
            assertThat(c.line()).contains("--s3-bucket-name \"${LOG_BUCKET}\"");
            assertThat(c.isReady()).isFalse();
            assertThat(c.words()).contains("${LOG_BUCKET}");
        });
    }

    @Test
    void aDeletedResourceLeavesTheProofAndIsRenderedByItsDeleteApiOnly() {
        ResourceRef fl = new ResourceRef("AWS::EC2::FlowLog", "fl-1", "111122223333", "eu-west-1");
        List<Change> changes = List.of(new Change.Delete("ec2:DeleteFlowLogs", fl));
        assertThat(ChangeSet.commands(SNAP.index(), changes, Set.of())).extracting(FixCommand::line)
                .containsExactly("aws ec2 delete-flow-logs --flow-log-ids fl-1 --region eu-west-1");
        assertThat(SNAP.withChanges(changes).index().get(fl.type(), fl.id())).isEmpty();
        // a deleted resource cannot be edited afterwards: the change set says so rather than rendering a command
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChangeSet.apply(SNAP.index(), List.of(changes.get(0),
                new Change.Modify("ec2:CreateFlowLogs", fl, List.of(new Edit(Kind.SET, "/TrafficType", "\"ALL\""))))))
                .hasMessageContaining("deleted");
    }

    @Test
    void removalsAndUnsetFieldsReachTheProofAndTheRenderedState() {
        ResourceRef key = new ResourceRef("AWS::KMS::Key", "arn:aws:kms:eu-west-1:111122223333:key/k", "111122223333", "eu-west-1");
        List<Change> rescue = List.of(
                new Change.Modify("kms:CancelKeyDeletion", key, List.of(new Edit(Kind.SET, "/KeyState", "\"Disabled\""),
                        new Edit(Kind.UNSET, "/DeletionDate", "null"))),
                new Change.Modify("kms:EnableKey", key, List.of(new Edit(Kind.SET, "/KeyState", "\"Enabled\""),
                        new Edit(Kind.SET, "/Enabled", "true"))));
        assertThat(ChangeSet.commands(SNAP.index(), rescue, Set.of())).extracting(FixCommand::line).containsExactly(
                "aws kms cancel-key-deletion --key-id k --region eu-west-1",
                "aws kms enable-key --key-id k --region eu-west-1");
        assertThat(SNAP.withChanges(rescue).index().get(key.type(), key.id()).orElseThrow().configuration().has("DeletionDate"))
                .isFalse();

        ResourceRef rec = new ResourceRef("AWS::Config::ConfigurationRecorder", "rec", "111122223333", "eu-west-1");
        List<FixCommand> cmds = ChangeSet.commands(SNAP.index(), List.of(new Change.Modify(
                "configservice:PutConfigurationRecorder", rec, List.of(
                        new Edit(Kind.REMOVE, "/recordingGroup/exclusionByResourceTypes/resourceTypes", "\"AWS::IAM::User\""),
                        new Edit(Kind.REMOVE, "/recordingGroup/exclusionByResourceTypes/resourceTypes", "\"AWS::IAM::Role\"")))),
                Set.of());
        // the exclusion strategy is kept: only the IAM type leaves the exclusion list (one absent is no change)
        assertThat(cmds).singleElement().satisfies(c -> assertThat(c.argv()).contains("{\"name\":\"default\","
                + "\"recordingGroup\":{\"allSupported\":false,\"exclusionByResourceTypes\":{\"resourceTypes\":"
                + "[\"AWS::S3::Bucket\"]},\"recordingStrategy\":{\"useOnly\":\"EXCLUSION_BY_RESOURCE_TYPES\"}}}"));
    }

    @Test
    void aCommandWhoseNameTheSnapshotLacksIsRefusedNotPrintedWithAnEmptyWord() {
        Snapshot unnamed = Snapshot.parse("""
                {"snapshotVersion": 1, "capturedAt": "2026-11-20T09:00:00Z", "accounts": ["111122223333"], "resources": [
                 {"type": "AWS::Config::ConfigurationRecorder", "id": "rec", "accountId": "111122223333", "region": "eu-west-1",
                  "configuration": {"Status": {"recording": false}}}]}""", "test");
        ResourceRef rec = new ResourceRef("AWS::Config::ConfigurationRecorder", "rec", "111122223333", "eu-west-1");
        List<Change> start = List.of(new Change.Modify("configservice:StartConfigurationRecorder", rec,
                List.of(new Edit(Kind.SET, "/Status/recording", "true"))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChangeSet.commands(unnamed.index(), start, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the snapshot has no value for --configuration-recorder-name of 'aws configservice "
                        + "start-configuration-recorder' for rec, which the command needs");
    }
}
