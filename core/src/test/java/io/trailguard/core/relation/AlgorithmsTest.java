package io.trailguard.core.relation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.Snapshot;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relations that are AWS rules rather than joins, on the examples of the documents each encodes (named in each
 * algorithm's javadoc). An organisation o-exampleorgid of 111111111111 (management) and 222222222222, and 333333333333
 * outside it.
 */
class AlgorithmsTest {
    private static final SnapshotIndex IX = Snapshot.read(Path.of("src/test/resources/snapshots/relation-algorithms.json")).index();
    private static final String ORG_TRAIL = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org";
    private static final String LOCAL_TRAIL = "arn:aws:cloudtrail:eu-west-1:222222222222:trail/local";

    private static List<ResourceNode> follow(String name, ResourceNode from) {
        return Relations.find(name, from.type()).orElseThrow().resolve(IX, from).found();
    }

    private static List<String> ids(List<ResourceNode> r) {
        return r.stream().map(ResourceNode::id).toList();
    }

    private static ResourceNode node(String type, String id) {
        return IX.get(type, id).orElseThrow();
    }

    private static ResourceNode account(String id) {
        return new ResourceNode(new ResourceRef(ResourceRef.ACCOUNT_TYPE, id, id, "global"), JsonNodeFactory.instance.objectNode());
    }

    private static ResourceNode region(String account, String region) {
        return new ResourceNode(new ResourceRef(ResourceRef.REGION_TYPE, account + "/" + region, account, region),
                JsonNodeFactory.instance.objectNode());
    }

    @Test
    void deliveriesFollowCloudTrailsKeyLayoutWithOneDeliveryPerMemberOfAnOrganisationTrail() {
        List<ResourceNode> d = follow("deliveries", node(SnapshotIndex.BUCKET, "arn:aws:s3:::central"));
        // bucket/[prefix/]AWSLogs/O-ID/ACCOUNT/ for an organisation trail, bucket/[prefix/]AWSLogs/ACCOUNT/ otherwise
        assertThat(d).extracting(x -> x.text("TrailARN") + " " + x.text("Prefix")).containsExactly(
                ORG_TRAIL + " pfx/AWSLogs/o-exampleorgid/111111111111/",
                ORG_TRAIL + " pfx/AWSLogs/o-exampleorgid/222222222222/",
                LOCAL_TRAIL + " AWSLogs/222222222222/");
        assertThat(d.get(2).text("EncryptionHeader")).isEqualTo("aws:kms");
        assertThat(d.get(2).text("orgId")).isEqualTo("o-exampleorgid");
        assertThat(d.get(0).text("EncryptionHeader")).isNull();
    }

    @Test
    void anOrganisationTrailLogsEveryMemberAccountButNoOther() {
        assertThat(ids(follow("trails", account("222222222222")))).containsExactly(ORG_TRAIL, LOCAL_TRAIL);
        assertThat(ids(follow("trails", account("111111111111")))).containsExactly(ORG_TRAIL);
        assertThat(follow("trails", account("333333333333"))).isEmpty();
    }

    @Test
    void aMultiRegionTrailExistsInEveryRegionASingleRegionTrailInItsHomeRegionOnly() {
        assertThat(ids(follow("trails", region("111111111111", "eu-west-1")))).containsExactly(ORG_TRAIL);
        assertThat(ids(follow("trails", region("222222222222", "eu-west-1")))).containsExactly(LOCAL_TRAIL);
        assertThat(follow("trails", region("222222222222", "us-east-1"))).isEmpty();
    }

    @Test
    void aFlowLogCapturesWhatIsBelowWhereItIsAndNothingAbove() {
        assertThat(ids(follow("flowLogs", node(SnapshotIndex.ENI, "eni-1")))).containsExactly("fl-sub");
        assertThat(ids(follow("flowLogs", node(SnapshotIndex.ENI, "eni-2")))).containsExactly("fl-eni2");
        assertThat(ids(follow("flowLogs", node(SnapshotIndex.SUBNET, "sub-1")))).containsExactly("fl-sub");
        assertThat(follow("flowLogs", node(SnapshotIndex.SUBNET, "sub-2"))).isEmpty();
        assertThat(follow("flowLogs", node(SnapshotIndex.VPC, "vpc-1"))).isEmpty();
        assertThat(ids(follow("vpcFlowLogs", node(SnapshotIndex.VPC, "vpc-1")))).containsExactly("fl-sub", "fl-eni2");
    }

    @Test
    void aReplicationRuleAppliesToTheKeysUnderItsPrefixFilterAndNoPrefixMeansEveryKey() {
        List<ResourceNode> d = follow("deliveries", node(SnapshotIndex.BUCKET, "arn:aws:s3:::central"));
        assertThat(follow("replicationRules", d.get(1))).extracting(r -> r.text("ID") + " " + r.text("FilterPrefix"))
                .containsExactly("member pfx/AWSLogs/o-exampleorgid/222222222222/", "legacy ", "everything ");
        assertThat(follow("replicationRules", d.get(0))).extracting(r -> r.text("ID")).containsExactly("legacy", "everything");
    }
}
