package io.trailguard.core.relation;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.ResourceRef;
import io.trailguard.core.Snapshot;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relations added for VPC flow logs, Route 53, AWS Config, replication and alarms. */
class Pack2RelationsTest {
    private static final SnapshotIndex IX = Snapshot.read(Path.of("src/test/resources/snapshots/relations-pack2.json")).index();
    private static final String A = "111111111111";

    private static ResourceNode node(String type, String id) {
        return IX.get(type, id).orElseThrow();
    }

    private static RelationResult follow(String name, ResourceNode from) {
        return Relations.find(name, from.type()).orElseThrow().resolve(IX, from);
    }

    private static List<String> ids(RelationResult r) {
        return r.found().stream().map(ResourceNode::id).toList();
    }

    private static final String GROUP = "arn:aws:logs:us-east-1:111111111111:log-group:trail-logs";

    @Test
    void logGroupToMetricFiltersToAlarmsToTopics() {
        ResourceNode group = node(SnapshotIndex.LOG_GROUP, GROUP);
        RelationResult filters = follow("metricFilters", group);
        assertThat(ids(filters)).containsExactly(GROUP + ":metric-filter/root", GROUP + ":metric-filter/unused");
        ResourceNode root = filters.found().get(0);
        assertThat(root.type()).isEqualTo(Relations.METRIC_FILTER);
        assertThat(root.text("logGroupName")).isEqualTo("trail-logs");
        // same metric in another region does not count
        assertThat(ids(follow("alarms", root))).containsExactly("arn:aws:cloudwatch:us-east-1:111111111111:alarm:root");
        // a metric-math alarm counts for its metric
        assertThat(ids(follow("alarms", filters.found().get(1)))).containsExactly("arn:aws:cloudwatch:us-east-1:111111111111:alarm:math");
        assertThat(ids(follow("alarms", group))).hasSize(2);
        RelationResult topics = follow("snsTopics", node(SnapshotIndex.ALARM, "arn:aws:cloudwatch:us-east-1:111111111111:alarm:root"));
        assertThat(ids(topics)).containsExactly("arn:aws:sns:us-east-1:111111111111:alerts");
        assertThat(follow("trails", group).found()).hasSize(1);
    }

    @Test
    void accountToTrailLogGroups() {
        ResourceNode account = new ResourceNode(new ResourceRef(ResourceRef.ACCOUNT_TYPE, A, A, "global"),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        assertThat(ids(follow("logGroups", account))).containsExactly(GROUP);
    }

    @Test
    void hostedZoneToQueryLogGroupAndItsResourcePolicies() {
        ResourceNode zone = node(SnapshotIndex.HOSTED_ZONE, "arn:aws:route53:::hostedzone/Z1");
        assertThat(ids(follow("queryLogGroups", zone))).containsExactly("arn:aws:logs:us-east-1:111111111111:log-group:/aws/route53/example.com");
        assertThat(ids(follow("resourcePolicies", zone))).containsExactly("arn:aws:logs:us-east-1:111111111111:resource-policy/route53");
    }

    @Test
    void flowLogToDeliveryRoleAndLogGroup() {
        ResourceNode fl = node(SnapshotIndex.FLOW_LOG, "fl-1");
        assertThat(ids(follow("deliveryRole", fl))).containsExactly("arn:aws:iam::111111111111:role/flows");
        assertThat(ids(follow("logGroup", fl))).containsExactly("arn:aws:logs:eu-west-1:111111111111:log-group:flows");
        assertThat(follow("logGroup", node(SnapshotIndex.FLOW_LOG, "fl-2")).found()).isEmpty();
    }

    @Test
    void bucketToReplicationRoleDestinationsAndKeys() {
        ResourceNode b = node(SnapshotIndex.BUCKET, "arn:aws:s3:::logs-a");
        assertThat(ids(follow("replicationRole", b))).containsExactly("arn:aws:iam::111111111111:role/replication");
        RelationResult dest = follow("replicationDestinations", b);
        assertThat(ids(dest)).containsExactly("arn:aws:s3:::logs-b");
        assertThat(dest.gap().code()).isEqualTo(UnknownReason.Code.OUT_OF_SCOPE_ACCOUNT);   // 'elsewhere'
        assertThat(ids(follow("replicaKmsKeys", b))).containsExactly("arn:aws:kms:eu-west-1:222222222222:key/k3");
        assertThat(ids(follow("kmsKeys", b))).containsExactlyInAnyOrder("arn:aws:kms:us-east-1:111111111111:key/k1",
                "arn:aws:kms:us-east-1:111111111111:key/k2");
    }

    @Test
    void accountAndRegionToConfigRecorders() {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        ResourceNode account = new ResourceNode(new ResourceRef(ResourceRef.ACCOUNT_TYPE, A, A, "global"), f.objectNode());
        assertThat(follow("configRecorders", account).found()).hasSize(2);
        ResourceNode region = new ResourceNode(new ResourceRef(ResourceRef.REGION_TYPE, A + "/eu-west-1", A, "eu-west-1"), f.objectNode());
        assertThat(ids(follow("configRecorders", region))).containsExactly("arn:aws:config:eu-west-1:111111111111:configuration-recorder/default");
        ResourceNode denied = new ResourceNode(new ResourceRef(ResourceRef.REGION_TYPE, "222222222222/eu-west-1", "222222222222",
                "eu-west-1"), f.objectNode());
        RelationResult r = follow("configRecorders", denied);
        assertThat(r.found()).isEmpty();
        assertThat(r.gap().code()).isEqualTo(UnknownReason.Code.ACCESS_DENIED);
    }

    @Test
    void privateZoneToResolverQueryLoggingOfItsVpcs() {
        ResourceNode zone = node(SnapshotIndex.HOSTED_ZONE, "arn:aws:route53:::hostedzone/ZPRIV");
        assertThat(ids(follow("resolverQueryLogging", zone))).containsExactly("rqlca-1");
    }

    @Test
    void deliveryToTheReplicationRulesWhosePrefixCoversIt() {
        ResourceNode bucket = node(SnapshotIndex.BUCKET, "arn:aws:s3:::logs-a");
        RelationResult deliveries = follow("deliveries", bucket);
        assertThat(deliveries.found()).hasSize(1);
        ResourceNode d = deliveries.found().get(0);
        assertThat(d.text("Bucket")).isEqualTo("logs-a");
        RelationResult rules = follow("replicationRules", d);
        // "all" (empty prefix) and "outside" (no filter) cover AWSLogs/111111111111/; "other-prefix" (abc) does not
        assertThat(rules.found()).extracting(r -> r.text("ID")).containsExactly("all", "outside");
        assertThat(rules.found().get(0).text("FilterPrefix")).isEmpty();
    }

    @Test
    void anAlarmReceivesOnlyTheDimensionValuesTheFilterPublishes() {
        SnapshotIndex ix = Snapshot.read(Path.of("src/test/resources/snapshots/alarms/dimension-values.json")).index();
        ResourceNode group = ix.get(SnapshotIndex.LOG_GROUP, "arn:aws:logs:us-east-1:111111111111:log-group:trail-logs")
                .orElseThrow();
        RelationResult alarms = Relations.find("alarms", SnapshotIndex.LOG_GROUP).orElseThrow().resolve(ix, group);
        assertThat(ids(alarms)).containsExactly("arn:aws:cloudwatch:us-east-1:111111111111:alarm:root");
    }
}
