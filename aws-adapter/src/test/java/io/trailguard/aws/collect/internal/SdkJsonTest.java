package io.trailguard.aws.collect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;

class SdkJsonTest {
    @Test
    void usesTheApiMemberNamesNotTheWireNames() {
        // EC2's wire names are vpcId, cidrBlock, tagSet; the API and the CLI say VpcId, CidrBlock, Tags
        ObjectNode n = SdkJson.toJson(Vpc.builder().vpcId("vpc-1").cidrBlock("10.0.0.0/16").isDefault(false)
                .tags(Tag.builder().key("Name").value("x").build()).build());
        assertEquals("vpc-1", n.get("VpcId").asText());
        assertEquals("10.0.0.0/16", n.get("CidrBlock").asText());
        assertFalse(n.get("IsDefault").asBoolean());
        assertEquals("Name", n.at("/Tags/0/Key").asText());
        assertEquals(4, n.size());
    }

    @Test
    void leavesAbsentMembersOutAndWritesTimestampsAsIso8601() {
        ObjectNode n = SdkJson.toJson(FlowLog.builder().flowLogId("fl-1")
                .creationTime(Instant.parse("2023-01-09T17:03:33Z")).build());
        assertEquals("2023-01-09T17:03:33Z", n.get("CreationTime").asText());
        assertFalse(n.has("Tags"), "a list the answer did not contain is absent, not []");
        assertEquals(2, n.size());
        ObjectNode v = SdkJson.toJson(GetBucketVersioningResponse.builder().status("Enabled").mfaDelete("Disabled")
                .build());
        assertEquals("Disabled", v.get("MFADelete").asText());
    }

    @Test
    void parsesPoliciesIncludingUrlEncodedIamOnes() {
        assertEquals("Allow", SdkJson.parseIamPolicy("%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%7D%5D%7D")
                .at("/Statement/0/Effect").asText());
        assertEquals("a+b", SdkJson.parseIamPolicy("{\"Sid\":\"a+b\"}").get("Sid").asText());
        assertThrows(SdkJson.MalformedResponseException.class, () -> SdkJson.parsePolicy("{\"Statement\": ["));
    }
}
