package io.trailguard.core.fix.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trailguard.core.Snapshot;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The values a fix takes from the snapshot when the user set none: which bucket flow logs deliver to (the VPC's own
 * flow logs first, then the account's, then the organisation's) and which topic alarms notify (a confirmed
 * subscription, the resource's region, its account first). Counted once per snapshot, decided per resource.
 */
class SnapshotDefaultsTest {
    private static final SnapshotIndex INDEX =
            Snapshot.read(Path.of("src/test/resources/fix-defaults/votes.json")).index();

    private static ResourceNode node(String type, String id) {
        return INDEX.get(type, id).orElseThrow();
    }

    private static SnapshotDefaults.Derived derive(String kind, ResourceNode near) {
        return SnapshotDefaults.derive(kind, INDEX, near).orElseThrow();
    }

    @Test
    void aVpcTakesTheBucketItsOwnFlowLogsUseThenTheAccountsThenTheOrganisations() {
        SnapshotDefaults.Derived own = derive("flowLogBucket", node(SnapshotIndex.VPC, "vpc-a"));
        assertEquals("vpc-a-logs", own.value(), "one flow log on an interface of the VPC outweighs two elsewhere");
        assertTrue(own.how().contains("the VPC's other flow logs"), own.how());
        SnapshotDefaults.Derived account = derive("flowLogBucket", node(SnapshotIndex.VPC, "vpc-c"));
        assertEquals("account-logs", account.value());
        assertTrue(account.how().contains("the account's flow logs"), account.how());
        SnapshotDefaults.Derived org = derive("flowLogBucket", node(SnapshotIndex.VPC, "vpc-z"));
        assertEquals("org-logs", org.value(), "a CloudWatch Logs flow log in the account does not vote");
        assertTrue(org.how().contains("the organisation's flow logs"), org.how());
    }

    @Test
    void anAlarmTopicHasAConfirmedSubscriptionAndIsInTheResourcesRegionItsAccountFirst() {
        ResourceNode inAccount1 = node(SnapshotIndex.VPC, "vpc-a");
        assertEquals("arn:aws:sns:us-east-1:111111111111:security", derive("alarmTopic", inAccount1).value(),
                "the account's own topic outweighs three alarms on another account's");
        ResourceNode inAccount3 = node(SnapshotIndex.VPC, "vpc-z");
        assertEquals("arn:aws:sns:us-east-1:222222222222:central", derive("alarmTopic", inAccount3).value(),
                "most alarm actions, and never the topic nobody confirmed");
        ResourceNode ireland = node(SnapshotIndex.TOPIC, "arn:aws:sns:eu-west-1:111111111111:ireland");
        assertEquals("arn:aws:sns:eu-west-1:111111111111:ireland", derive("alarmTopic", ireland).value(),
                "an alarm notifies a topic in its own region");
    }
}
