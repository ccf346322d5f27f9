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
               "Rules": [{"ID": "all", "Status": "Disabled", "Destination": {"Bucket": "arn:aws:s3:::copy"}}]}}}
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
}
