package io.trailguard.core.relation;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.Snapshot;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import org.junit.jupiter.api.Test;

/**
 * A field a relation joins on that has a JSON type AWS never returns (DescribeTrails returns KmsKeyId as a string:
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Trail.html) is not read as absent: the relation
 * is incomplete with WRONG_TYPE naming the field and its JSON pointer, from both ends.
 */
class ReferenceFieldsTest {
    private static final String KEY = "arn:aws:kms:us-east-1:111111111111:key/6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f";
    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:111111111111:trail/t";

    private static SnapshotIndex index(String kmsKeyId, String replication) {
        return Snapshot.parse("""
                {"snapshotVersion": 1, "capturedAt": "2026-11-20T09:00:00Z", "accounts": ["111111111111"],
                 "resources": [
                  {"type": "AWS::CloudTrail::Trail", "id": "@TRAIL", "accountId": "111111111111", "region": "us-east-1",
                   "configuration": {"Name": "t", "S3BucketName": "logs", "KmsKeyId": @KMSKEYID}},
                  {"type": "AWS::KMS::Key", "id": "@KEY", "accountId": "111111111111", "region": "us-east-1",
                   "configuration": {"KeyId": "6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f", "Arn": "@KEY"}},
                  {"type": "AWS::S3::Bucket", "id": "arn:aws:s3:::logs", "accountId": "111111111111", "region": "us-east-1",
                   "configuration": {"Name": "logs", "Replication": @REPLICATION}}
                 ]}""".replace("@TRAIL", TRAIL).replace("@KMSKEYID", kmsKeyId).replace("@KEY", KEY)
                .replace("@REPLICATION", replication), "test").index();
    }

    private static RelationResult follow(SnapshotIndex ix, String name, String type, String id) {
        ResourceNode from = ix.get(type, id).orElseThrow();
        return Relations.find(name, type).orElseThrow().resolve(ix, from);
    }

    @Test
    void aKeyIdOfTheRightTypeIsFollowedBothWays() {
        SnapshotIndex ix = index("\"" + KEY + "\"", "{\"Rules\": []}");
        assertThat(follow(ix, "kmsKey", SnapshotIndex.TRAIL, TRAIL).found()).hasSize(1);
        RelationResult trails = follow(ix, "trails", SnapshotIndex.KMS_KEY, KEY);
        assertThat(trails.found()).hasSize(1);
        assertThat(trails.gap()).isNull();
    }

    @Test
    void aKeyIdThatIsAnObjectOrANumberIsWrongTypeNotAbsent() {
        for (String wrong : new String[] {"{\"Arn\": \"" + KEY + "\"}", "42"}) {
            SnapshotIndex ix = index(wrong, "{\"Rules\": []}");
            RelationResult forward = follow(ix, "kmsKey", SnapshotIndex.TRAIL, TRAIL);
            assertThat(forward.gap()).isNotNull();
            assertThat(forward.gap().code()).isEqualTo(UnknownReason.Code.WRONG_TYPE);
            assertThat(forward.gap().detail()).contains("$.KmsKeyId (JSON pointer /KmsKeyId) of " + TRAIL)
                    .contains("where AWS returns a string");
            RelationResult reverse = follow(ix, "trails", SnapshotIndex.KMS_KEY, KEY);
            assertThat(reverse.isSurelyEmpty()).as("a key whose trail cannot be told is not a key without trails").isFalse();
            assertThat(reverse.gap().code()).isEqualTo(UnknownReason.Code.WRONG_TYPE);
            assertThat(reverse.gap().detail()).contains("/KmsKeyId").contains("whether it names " + KEY);
        }
    }

    @Test
    void nestedListsAndTheirElementsAreChecked() {
        SnapshotIndex notAList = index("\"" + KEY + "\"", "{\"Rules\": {\"Destination\": {\"Bucket\": \"arn:aws:s3:::vault\"}}}");
        RelationResult r = follow(notAList, "replicationDestinations", SnapshotIndex.BUCKET, "arn:aws:s3:::logs");
        assertThat(r.gap().code()).isEqualTo(UnknownReason.Code.WRONG_TYPE);
        assertThat(r.gap().detail()).contains("$.Replication.Rules (JSON pointer /Replication/Rules)").contains("a list");
        SnapshotIndex badElement = index("\"" + KEY + "\"", "{\"Rules\": [{\"Destination\": {\"Bucket\": 7}}]}");
        assertThat(follow(badElement, "replicationDestinations", SnapshotIndex.BUCKET, "arn:aws:s3:::logs").gap().detail())
                .contains("JSON pointer /Replication/Rules/0/Destination/Bucket").contains("a number (7)");
    }
}
