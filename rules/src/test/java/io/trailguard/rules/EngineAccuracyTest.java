package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.testing.Fixtures;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.snapshot.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's honesty on the pack's own fixtures: an input that could not be read, or that has another JSON type
 * than AWS returns, is UNKNOWN with a reason naming it, never PASS or FAIL (issue 13, "The engine").
 */
class EngineAccuracyTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static ObjectNode fixture(String path) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(Fixtures.json(BuiltinRules.directory().resolve(path)));
    }

    private static Finding finding(String ruleId, JsonNode snapshot, String idSuffix) {
        var pack = BuiltinRules.pack().filter(r -> r.id().equals(ruleId));
        return Engine.create().keepingNotApplicable().scan(pack, Snapshot.parse(snapshot.toString(), "test")).findings()
                .stream().filter(f -> f.resource().id().endsWith(idSuffix)).findFirst().orElseThrow();
    }

    /** Sets the field at a JSON pointer of the configuration of the resource whose id ends with the suffix. */
    private static ObjectNode with(ObjectNode snapshot, String idSuffix, String pointer, JsonNode value) {
        for (JsonNode r : snapshot.get("resources")) {
            if (r.get("id").asText().endsWith(idSuffix)) {
                int slash = pointer.lastIndexOf('/');
                ((ObjectNode) r.get("configuration").at(pointer.substring(0, slash))).set(pointer.substring(slash + 1), value);
                return snapshot;
            }
        }
        throw new AssertionError("no resource " + idSuffix);
    }

    @Test
    void ct10IsUnknownNotFailWhenTheRoleListingWasDenied() throws IOException {
        ObjectNode s = fixture("cloudtrail/fixtures/ct-10/roles.yaml");
        String role = "arn:aws:iam::333333333333:role/CloudTrailToLogs-prod-trail";
        assertThat(finding("CT-10", s, "trail/prod-trail").status()).as("the role trusts another service").isEqualTo(Status.FAIL);
        for (Iterator<JsonNode> it = s.withArray("resources").elements(); it.hasNext(); ) {
            if (it.next().get("id").asText().equals(role)) {
                it.remove();
            }
        }
        ((ArrayNode) s.withArray("errors")).addObject().put("accountId", "333333333333").put("region", "global")
                .put("service", "iam").put("operation", "ListRoles").put("code", "AccessDenied")
                .put("message", "not authorized to perform: iam:ListRoles").put("resourceType", "AWS::IAM::Role");
        Finding f = finding("CT-10", s, "trail/prod-trail");
        assertThat(f.status()).isEqualTo(Status.UNKNOWN);
        assertThat(f.unknown().code()).isEqualTo(UnknownReason.Code.ACCESS_DENIED);
        assertThat(finding("CT-10", s, "trail/org-trail").status()).isEqualTo(Status.PASS);
    }

    /**
     * Each listed rule's real fixture with one field of another JSON type than AWS's API returns: the resource that
     * passed, failed or did not apply is now UNKNOWN, and the reason names the field and its JSON pointer. (A wrong
     * type that cannot change the answer leaves it decided: eu-only with IncludeGlobalServiceEvents "false" is still
     * no global trail, being single-region outside us-east-1.)
     */
    @ParameterizedTest(name = "{0}: {3} = {4} on {2}")
    @CsvSource(delimiter = '|', value = {
        // a string "true" where DescribeTrails returns a boolean: the account passed with one global trail
        "CT-06 | cloudtrail/fixtures/ct-06/other-region.yaml | trail/eu-only | /IsMultiRegionTrail | \"true\" | 333333333333 | PASS | /IsMultiRegionTrail",
        // a string where DescribeDeliveryChannels returns a list of channels: every channel "passed"
        "CFG-03 | config/fixtures/cfg-03/channels.yaml | us-east-1:333333333333:configuration-recorder/default | /DeliveryChannels | \"default\" | us-east-1:333333333333:configuration-recorder/default | PASS | /DeliveryChannels/0",
        // a string "false" where GetHostedZone returns a boolean: a public, unlogged zone was not applicable
        "R53-01 | route53/fixtures/r53-01/zones.yaml | Z3M3LMPEXAMPLE | /Config/PrivateZone | \"false\" | Z3M3LMPEXAMPLE | FAIL | /Config/PrivateZone",
        // a number where DescribeFlowLogs returns a string: a failing delivery compared as not FAILED
        "VPC-04 | vpc/fixtures/vpc-04/delivery.yaml | fl-0bbbbbbbbbbbbbbb2 | /DeliverLogsStatus | 1 | fl-0bbbbbbbbbbbbbbb2 | FAIL | /DeliverLogsStatus",
        // a string where GetBucketReplication returns a list of rules: the bucket read as replicating nothing
        "CRR-03 | replication/fixtures/crr-01/versioned.yaml | acme-central-cloudtrail-logs | /Replication/Rules | \"all\" | acme-central-cloudtrail-logs | PASS | /Replication/Rules",
    })
    void aValueOfTheWrongJsonTypeIsUnknownNamingTheField(String rule, String fixture, String resource, String pointer,
                                                         String json, String subject, Status before, String shownPointer)
            throws IOException {
        assertThat(finding(rule, fixture(fixture), subject).status()).as("with AWS's types").isEqualTo(before);
        Finding f = finding(rule, with(fixture(fixture), resource, pointer, Json.MAPPER.readTree(json)), subject);
        assertThat(f.status()).isEqualTo(Status.UNKNOWN);
        assertThat(f.unknown().code()).isEqualTo(UnknownReason.Code.WRONG_TYPE);
        assertThat(f.unknown().detail()).contains("JSON pointer " + shownPointer)
                .containsAnyOf("where the rule expects", "where AWS returns"); // a compared field, or one a relation reads
    }

    @Test
    void kms03KeyPolicyOfTheWrongTypeIsUnknownNotPass() throws IOException {
        // a key policy statement whose Principal is a number (AWS returns strings): not a valid policy, so UNKNOWN
        ObjectNode s = with(fixture("kms/fixtures/kms-03/decrypters.yaml"), "key/k-root", "/Policy/Statement/0/Principal/AWS",
                F.numberNode(222222222222L));
        Finding f = finding("KMS-03", s, "key/k-root");
        assertThat(f.status()).isEqualTo(Status.UNKNOWN);
        assertThat(f.unknown().code()).isEqualTo(UnknownReason.Code.MALFORMED_POLICY);
        assertThat(f.unknown().detail()).contains("/Statement/0/Principal/AWS");
    }
}
