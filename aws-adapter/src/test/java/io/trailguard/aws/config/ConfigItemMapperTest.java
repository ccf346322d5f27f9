package io.trailguard.aws.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real AWS Config items (rdk, Cloud Custodian) mapped to snapshot resources with AWS API field names. */
class ConfigItemMapperTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode item(String path) {
        try (InputStream in = ConfigItemMapperTest.class.getResourceAsStream("/config/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> notRecorded(ConfigItemMapper.Mapped m) {
        List<String> out = new ArrayList<>();
        m.errors().forEach(e -> {
            assertThat(e.path("code").asText()).isEqualTo(ConfigItemMapper.NOT_RECORDED);
            assertThat(e.path("resourceId").asText()).isEqualTo(m.snapshotId());
            e.path("fields").forEach(f -> out.add(f.asText()));
        });
        return out;
    }

    @Test
    void trailKeepsDescribeTrailsNamesAndListsWhatConfigDoesNotRecord() {
        ConfigItemMapper.Mapped m = ConfigItemMapper.map(item("rdk/AWS_Cloudtrail_Trail.json"));
        JsonNode c = m.resource().path("configuration");
        assertThat(m.snapshotId()).isEqualTo("arn:aws:cloudtrail:ap-southeast-1:123456789012:trail/APJCCloudTrail");
        assertThat(m.configResourceId()).isEqualTo("APJCCloudTrail");
        assertThat(c.path("Name").asText()).isEqualTo("APJCCloudTrail");
        assertThat(c.path("S3BucketName").asText()).isEqualTo("mborch-apjc-cloudtrail-bucket");
        assertThat(c.path("IsMultiRegionTrail").asBoolean()).isTrue();
        assertThat(c.path("LogFileValidationEnabled").asBoolean()).isTrue();
        assertThat(c.path("TrailARN").asText()).endsWith("trail/APJCCloudTrail");
        assertThat(c.has("Status")).isFalse();
        assertThat(notRecorded(m)).containsExactly("Status", "EventSelectors", "AdvancedEventSelectors");
    }

    @Test
    void bucketSupplementaryConfigurationBecomesTheGetBucketFields() {
        ConfigItemMapper.Mapped m = ConfigItemMapper.map(item("rdk/AWS_S3_Bucket.json"));
        JsonNode c = m.resource().path("configuration");
        assertThat(m.snapshotId()).isEqualTo("arn:aws:s3:::mborch-test-bucket-config-item");
        assertThat(m.accountId()).isEqualTo("934654633380");
        assertThat(c.path("Name").asText()).isEqualTo("mborch-test-bucket-config-item");
        assertThat(c.path("Region").asText()).isEqualTo("us-east-1");
        assertThat(c.path("Policy").path("Statement").get(0).path("Effect").asText()).isEqualTo("Deny");
        assertThat(c.path("Versioning").path("Status").asText()).isEqualTo("Enabled");
        assertThat(c.path("Logging").isObject()).isTrue();
        assertThat(c.path("Logging").has("LoggingEnabled")).isFalse();
        assertThat(c.path("Acl").path("Grants").get(0).path("Permission").asText()).isEqualTo("FULL_CONTROL");
        assertThat(notRecorded(m)).contains("PolicyStatus", "OwnershipControls").doesNotContain("Policy");
    }

    @Test
    void replicationAndTwiceEncodedAclFromCustodian() {
        ConfigItemMapper.Mapped m = ConfigItemMapper.map(item("custodian/s3-rep-and-notify.json"));
        JsonNode c = m.resource().path("configuration");
        JsonNode rep = c.path("Replication");
        assertThat(rep.path("Role").asText()).contains("s3-repl-role");
        assertThat(rep.path("Rules").get(0).path("ID").asText()).isEqualTo("testing-99");
        assertThat(rep.path("Rules").get(0).path("Status").asText()).isEqualTo("Enabled");
        assertThat(rep.path("Rules").get(0).path("Destination").path("Bucket").asText())
                .isEqualTo("arn:aws:s3:::testing-west");
        assertThat(c.path("Acl").path("Grants").get(1).path("Grantee").path("URI").asText())
                .endsWith("/global/AllUsers");
        // policyText null: Config recorded that the bucket has no policy (absent, not unknown)
        assertThat(c.has("Policy")).isFalse();
        assertThat(notRecorded(m)).doesNotContain("Policy");
        ObjectNode noPolicyKey = (ObjectNode) item("custodian/s3-rep-and-notify.json");
        ((ObjectNode) noPolicyKey.path("supplementaryConfiguration")).remove("BucketPolicy");
        assertThat(notRecorded(ConfigItemMapper.map(noPolicyKey))).contains("Policy");
    }

    @Test
    void keyPolicyRotationAndAccount() {
        ConfigItemMapper.Mapped m = ConfigItemMapper.map(item("rdk/AWS_KMS_Key.json"));
        JsonNode c = m.resource().path("configuration");
        assertThat(m.snapshotId()).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/test");
        assertThat(c.path("KeyId").asText()).isEqualTo("test");
        assertThat(c.path("AWSAccountId").asText()).isEqualTo("123456789012");
        assertThat(c.path("KeyManager").asText()).isEqualTo("AWS");
        assertThat(c.path("CreationDate").asText()).isEqualTo("2021-05-14T20:42:04.302Z");
        assertThat(c.path("Policy").path("Statement").size()).isEqualTo(2);
        assertThat(notRecorded(m)).containsExactly("Aliases");
    }

    @Test
    void ec2AndIamItems() {
        JsonNode subnet = ConfigItemMapper.map(item("rdk/AWS_EC2_Subnet.json")).resource();
        assertThat(subnet.path("id").asText()).isEqualTo("subnet-29428871");
        assertThat(subnet.path("configuration").path("VpcId").asText()).isEqualTo("vpc-0990dc6d");
        JsonNode fl = ConfigItemMapper.map(item("rdk/AWS_EC2_FlowLog.json")).resource().path("configuration");
        assertThat(fl.path("FlowLogStatus").asText()).isEqualTo("ACTIVE");
        assertThat(fl.path("ResourceId").asText()).isEqualTo("test");
        assertThat(fl.path("CreationTime").asText()).isEqualTo("2022-02-21T18:15:20.361Z");
        ConfigItemMapper.Mapped role = ConfigItemMapper.map(item("rdk/AWS_IAM_Role.json"));
        assertThat(role.configResourceId()).isEqualTo("AROAIY7FPU7KRV7IZBNPC");
        assertThat(role.resource().path("region").asText()).isEqualTo("global");
        JsonNode rc = role.resource().path("configuration");
        assertThat(rc.path("RoleName").asText()).isEqualTo("config-role-ezcrc2");
        assertThat(rc.path("AssumeRolePolicyDocument").path("Statement").isArray()).isTrue();
        assertThat(rc.path("AttachedManagedPolicies").size()).isGreaterThan(0);
        assertThat(notRecorded(role)).containsExactly("AttachedManagedPolicies");
    }

    @Test
    void deletedItemsAreMarked() {
        ObjectNode del = (ObjectNode) item("rdk/AWS_S3_Bucket.json");
        del.put("configurationItemStatus", "ResourceDeleted");
        ConfigItemMapper.Mapped m = ConfigItemMapper.map(del);
        assertThat(m.deleted()).isTrue();
        assertThat(m.resource()).isNull();
    }

    @Test
    void itemsMakeAValidSnapshot() {
        List<JsonNode> items = new ArrayList<>();
        for (String f : List.of("rdk/AWS_Cloudtrail_Trail.json", "rdk/AWS_S3_Bucket.json", "rdk/AWS_KMS_Key.json",
                "rdk/AWS_EC2_Subnet.json", "rdk/AWS_EC2_VPC.json", "rdk/AWS_EC2_FlowLog.json",
                "rdk/AWS_IAM_Role.json", "rdk/AWS_CloudWatch_Alarm.json", "custodian/s3.json",
                "custodian/s3-rep-and-notify.json", "custodian/s3-lifecycle.json")) {
            items.add(item(f));
        }
        ObjectNode snap = ConfigSnapshotReader.fromItems(items, "test");
        Snapshot s = Snapshot.parse(snap.toString(), "test");
        // s3-lifecycle.json and s3-rep-and-notify.json are two items of one bucket: one resource, the latest
        assertThat(s.resources()).hasSize(items.size() - 1);
        assertThat(s.errors()).allSatisfy(e -> assertThat(e.code()).isEqualTo(ConfigItemMapper.NOT_RECORDED));
    }
}
