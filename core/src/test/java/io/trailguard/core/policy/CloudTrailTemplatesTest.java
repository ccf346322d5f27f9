package io.trailguard.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bucket and key policy templates of the CloudTrail User Guide (fixtures under policy/cloudtrail, see its README)
 * allow exactly the requests CloudTrail makes, and removing an account breaks exactly that account.
 */
class CloudTrailTemplatesTest {
  static final List<String> MEMBERS = List.of("111122223333", "444455556666", "777788889999");
  static final String MGMT = "999988887777";
  static final String ORG = "o-exampleorgid";
  static final String CT = "cloudtrail.amazonaws.com";
  static final String BUCKET = "arn:aws:s3:::central-logs";

  static String trail(String account) {
    return "arn:aws:cloudtrail:us-east-1:" + account + ":trail/" + (account.equals(MGMT) ? "org-trail" : "main");
  }

  static AccessRequest aclCheck(String account) {
    return AccessRequest.of(CT, "s3:GetBucketAcl", BUCKET).with("aws:SourceArn", trail(account));
  }

  static AccessRequest write(String trailAccount, String prefix) {
    return AccessRequest.of(CT, "s3:PutObject",
            BUCKET + "/AWSLogs/" + prefix + "/CloudTrail/us-east-1/2026/11/22/" + prefix + "_CloudTrail_x.json.gz")
        .with("aws:SourceArn", trail(trailAccount))
        .with("aws:SourceAccount", trailAccount)
        .with("s3:x-amz-acl", "bucket-owner-full-control");
  }

  static AccessRequest encrypt(String account) {
    return AccessRequest.of(CT, "kms:GenerateDataKey", "arn:aws:kms:us-east-1:" + MGMT + ":key/k")
        .with("aws:SourceArn", trail(account))
        .with("kms:EncryptionContext:aws:cloudtrail:arn", trail(account));
  }

  static AccessRequest describeKey(String account) {
    return AccessRequest.of(CT, "kms:DescribeKey", "arn:aws:kms:us-east-1:" + MGMT + ":key/k")
        .with("aws:SourceArn", trail(account));
  }

  static PolicyInput bucketPolicy() {
    return bucketPolicy(TestPolicies.resourceJson("cloudtrail/bucket-policy.json"));
  }

  static PolicyInput bucketPolicy(JsonNode json) {
    try {
      return PolicyInput.resource("central-logs bucket policy", PolicyDocument.parse(json), MGMT);
    } catch (PolicyParseException e) {
      throw new AssertionError(e);
    }
  }

  static PolicyInput keyPolicy(JsonNode json) {
    try {
      return PolicyInput.resource("trail key policy", PolicyDocument.parse(json), MGMT);
    } catch (PolicyParseException e) {
      throw new AssertionError(e);
    }
  }

  static boolean allowed(PolicyInput p, AccessRequest r) {
    return PolicyEvaluator.evaluate(List.of(p), r).allowed();
  }

  @Test
  @DisplayName("S3 bucket policy for CloudTrail — allows ACL check and AWSLogs/<account>/ writes of each listed trail")
  void bucketTemplateAllowsExactlyTheDocumentedRequests() {
    PolicyInput p = bucketPolicy();
    for (String a : MEMBERS) {
      assertTrue(allowed(p, aclCheck(a)), a);
      assertTrue(allowed(p, write(a, a)), a);
      assertFalse(allowed(p, write(a, a).with("s3:x-amz-acl", "private")), "acl must be bucket-owner-full-control");
      assertFalse(allowed(p, AccessRequest.of(CT, "s3:PutObject", write(a, a).resource())), "no SourceArn → denied");
      for (String other : MEMBERS) {
        if (!other.equals(a)) {
          assertFalse(allowed(p, write(a, other)), "trail of " + a + " must not write the prefix of " + other);
        }
      }
      assertFalse(allowed(p, AccessRequest.of(CT, "s3:DeleteObject", write(a, a).resource())
          .with("aws:SourceArn", trail(a))));
    }
    assertTrue(allowed(p, write(MGMT, ORG)), "organization trail writes AWSLogs/<org-id>/");
    assertTrue(allowed(p, write(MGMT, MGMT)));
    assertFalse(allowed(p, write("123412341234", "123412341234")), "an unlisted account");
    assertFalse(allowed(p, write(MEMBERS.get(0), ORG)), "a member trail is not the org trail");
    assertFalse(allowed(p, AccessRequest.of("config.amazonaws.com", "s3:PutObject", write(MGMT, MGMT).resource())
        .with("aws:SourceArn", trail(MGMT)).with("s3:x-amz-acl", "bucket-owner-full-control")));
  }

  @Test
  @DisplayName("KMS key policy for CloudTrail — GenerateDataKey* with the trail encryption context, DescribeKey")
  void keyTemplateAllowsExactlyTheDocumentedRequests() {
    PolicyInput p = keyPolicy(TestPolicies.resourceJson("cloudtrail/kms-key-policy.json"));
    for (String a : MEMBERS) {
      assertTrue(allowed(p, encrypt(a)), a);
      assertTrue(allowed(p, describeKey(a)), a);
      assertFalse(allowed(p, encrypt(a).with("kms:EncryptionContext:aws:cloudtrail:arn",
          "arn:aws:cloudtrail:us-east-1:123412341234:trail/main")), "context of an unlisted account");
      assertFalse(allowed(p, AccessRequest.of(CT, "kms:Decrypt", encrypt(a).resource()).with("aws:SourceArn", trail(a))));
    }
    assertFalse(allowed(p, encrypt("123412341234")));
    assertEquals(Decision.Outcome.ALLOWED_IF_IDENTITY_ALLOWS, PolicyEvaluator.evaluate(List.of(p),
            AccessRequest.of("arn:aws:iam::" + MGMT + ":role/KeyAdmin", "kms:ScheduleKeyDeletion", "*")).outcome(),
        "the key policy lets the key's own account administer it through IAM policies");
  }

  @ParameterizedTest(name = "removing {0} from the bucket policy breaks exactly {0}")
  @ValueSource(strings = {"111122223333", "444455556666", "777788889999"})
  void removingAnAccountFromTheBucketPolicy(String removed) {
    PolicyInput p = bucketPolicy(withoutAccount(TestPolicies.resourceJson("cloudtrail/bucket-policy.json"), removed));
    for (String a : MEMBERS) {
      assertEquals(!a.equals(removed), allowed(p, aclCheck(a)), a);
      assertEquals(!a.equals(removed), allowed(p, write(a, a)), a);
    }
    assertTrue(allowed(p, write(MGMT, ORG)));
    MissingGrants missing = PolicyEvaluator.missingGrants(p, requiredBucketRequests());
    assertEquals(List.of(aclCheck(removed), write(removed, removed)),
        missing.denied().stream().map(MissingGrants.DeniedRequest::request).toList());
    assertExactFix(p, missing, requiredBucketRequests());
  }

  @ParameterizedTest(name = "removing {0} from the key policy breaks exactly {0}")
  @ValueSource(strings = {"111122223333", "444455556666", "777788889999"})
  void removingAnAccountFromTheKeyPolicy(String removed) {
    PolicyInput p = keyPolicy(withoutAccount(TestPolicies.resourceJson("cloudtrail/kms-key-policy.json"), removed));
    List<AccessRequest> required = new ArrayList<>();
    for (String a : MEMBERS) {
      assertEquals(!a.equals(removed), allowed(p, encrypt(a)), a);
      assertEquals(!a.equals(removed), allowed(p, describeKey(a)), a);
      required.add(encrypt(a));
      required.add(describeKey(a));
    }
    MissingGrants missing = PolicyEvaluator.missingGrants(p, required);
    assertEquals(List.of(encrypt(removed), describeKey(removed)),
        missing.denied().stream().map(MissingGrants.DeniedRequest::request).toList());
    JsonNode gen = missing.statements().get(0);
    assertEquals("kms:GenerateDataKey*", gen.get("Action").asText());
    assertEquals("*", gen.get("Resource").asText());
    assertEquals("arn:aws:cloudtrail:*:" + removed + ":trail/*",
        gen.at("/Condition/StringLike/kms:EncryptionContext:aws:cloudtrail:arn").asText());
    assertEquals(trail(removed), gen.at("/Condition/StringEquals/aws:SourceArn").asText());
    assertExactFix(p, missing, required);
  }

  @Test
  @DisplayName("missing grant for a new member account: the documented CloudTrail write statement shape")
  void missingGrantShapeForBucketWrites() {
    String newAcct = "135791357913";
    List<AccessRequest> required = new ArrayList<>(requiredBucketRequests());
    required.add(aclCheck(newAcct));
    required.add(write(newAcct, newAcct));
    MissingGrants missing = PolicyEvaluator.missingGrants(bucketPolicy(), required);
    assertEquals(2, missing.denied().size());
    assertTrue(missing.blockedByDeny().isEmpty());
    JsonNode writeStmt = missing.statements().stream()
        .filter(s -> s.get("Action").asText().equals("s3:PutObject")).findFirst().orElseThrow();
    assertEquals(CT, writeStmt.at("/Principal/Service").asText());
    assertEquals(BUCKET + "/AWSLogs/" + newAcct + "/*", writeStmt.get("Resource").asText());
    assertEquals("bucket-owner-full-control", writeStmt.at("/Condition/StringEquals/s3:x-amz-acl").asText());
    assertEquals(trail(newAcct), writeStmt.at("/Condition/StringEquals/aws:SourceArn").asText());
    assertFalse(writeStmt.at("/Condition/StringEquals").has("aws:SourceAccount"), "SourceArn is the tighter key");
    assertExactFix(bucketPolicy(), missing, required);
  }

  @Test
  @DisplayName("missing grants: requests blocked by an explicit Deny are reported, not papered over")
  void blockedByDeny() {
    ObjectNode json = (ObjectNode) TestPolicies.resourceJson("cloudtrail/bucket-policy.json");
    ((ArrayNode) json.get("Statement")).add(TestPolicies.JSON.createObjectNode()
        .put("Sid", "DenyUnencryptedUploads").put("Effect", "Deny").put("Principal", "*").put("Action", "s3:PutObject")
        .put("Resource", BUCKET + "/*")
        .set("Condition", TestPolicies.JSON.createObjectNode().set("Null",
            TestPolicies.JSON.createObjectNode().put("s3:x-amz-server-side-encryption", "true"))));
    MissingGrants missing = PolicyEvaluator.missingGrants(bucketPolicy(json), requiredBucketRequests());
    assertEquals(MEMBERS.size() + 2, missing.blockedByDeny().size(), "every write lacks the encryption header");
    assertTrue(missing.statements().isEmpty());
    assertEquals("central-logs bucket policy › DenyUnencryptedUploads",
        missing.blockedByDeny().get(0).decision().statements().get(0).label());
  }

  @Test
  @DisplayName("missing grants: a literal '${' in a request value stays literal in the generated 2012-10-17 statement")
  void literalDollarBrace() {
    AccessRequest odd = AccessRequest.of("arn:aws:iam::111122223333:role/r", "s3:GetObject",
        "arn:aws:s3:::central-logs/odd/${aws:username}/k").with("aws:SourceAccount", "${x}");
    MissingGrants missing = PolicyEvaluator.missingGrants(bucketPolicy(), List.of(odd));
    assertEquals("arn:aws:s3:::central-logs/odd/${$}{aws:username}/k", missing.statements().get(0).get("Resource").asText());
    // the role is in another account than the bucket: the bucket policy's part is all a grant can give
    assertTrue(PolicyEvaluator.evaluate(List.of(bucketPolicy(missing.patchedPolicy())), odd).resourcePolicyAllows());
    assertFalse(PolicyEvaluator.evaluate(List.of(bucketPolicy(missing.patchedPolicy())), AccessRequest.of("arn:aws:iam::111122223333:role/r",
        "s3:GetObject", "arn:aws:s3:::central-logs/odd/r/k").with("aws:SourceAccount", "${x}"))
        .resourcePolicyAllows());
  }

  static List<AccessRequest> requiredBucketRequests() {
    List<AccessRequest> r = new ArrayList<>();
    for (String a : MEMBERS) {
      r.add(aclCheck(a));
      r.add(write(a, a));
    }
    r.add(write(MGMT, MGMT));
    r.add(write(MGMT, ORG));
    return r;
  }

  /** After appending the generated statements every required request succeeds, and nothing else changes. */
  static void assertExactFix(PolicyInput before, MissingGrants missing, List<AccessRequest> required) {
    PolicyInput after = bucketOrKey(before, missing.patchedPolicy());
    for (AccessRequest r : required) {
      assertTrue(allowed(after, r), () -> "still denied after the fix: " + r.describe());
    }
    // probes that must stay as they were: other accounts, other prefixes, other actions, wrong ACL
    List<AccessRequest> probes = new ArrayList<>();
    for (String a : List.of("111122223333", "444455556666", "777788889999", "135791357913", "123412341234")) {
      for (String b : List.of("111122223333", "444455556666", "135791357913")) {
        if (!a.equals(b)) {
          probes.add(write(a, b));
          probes.add(encrypt(a).with("kms:EncryptionContext:aws:cloudtrail:arn", trail(b)));
        }
      }
      probes.add(write(a, a).with("s3:x-amz-acl", "private"));
      probes.add(AccessRequest.of(CT, "s3:DeleteObject", write(a, a).resource()).with("aws:SourceArn", trail(a)));
      probes.add(AccessRequest.of(CT, "kms:Decrypt", encrypt(a).resource()).with("aws:SourceArn", trail(a)));
      probes.add(aclCheck(a).with("aws:SourceArn", "arn:aws:cloudtrail:us-east-1:" + a + ":trail/other"));
    }
    Predicate<AccessRequest> isRequired = required::contains;
    for (AccessRequest probe : probes) {
      if (!isRequired.test(probe)) {
        assertEquals(allowed(before, probe), allowed(after, probe), () -> "fix changed " + probe.describe());
      }
    }
  }

  private static PolicyInput bucketOrKey(PolicyInput like, JsonNode json) {
    try {
      return new PolicyInput(like.name(), like.kind(), PolicyDocument.parse(json), like.ownerAccount());
    } catch (PolicyParseException e) {
      throw new AssertionError(e);
    }
  }

  /** The template without any statement or condition value that mentions {@code account}. */
  static JsonNode withoutAccount(JsonNode policy, String account) {
    ObjectNode copy = policy.deepCopy();
    ArrayNode kept = TestPolicies.JSON.createArrayNode();
    for (JsonNode st : copy.get("Statement")) {
      JsonNode res = st.get("Resource");
      if (res.isTextual() && res.asText().contains("/AWSLogs/" + account + "/")) {
        continue;
      }
      strip((ObjectNode) st, account);
      kept.add(st);
    }
    copy.set("Statement", kept);
    return copy;
  }

  private static void strip(ObjectNode node, String account) {
    node.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      if (v.isObject()) {
        strip((ObjectNode) v, account);
      } else if (v.isArray()) {
        ArrayNode filtered = TestPolicies.JSON.createArrayNode();
        v.forEach(x -> {
          if (!x.asText().contains(":" + account + ":")) {
            filtered.add(x);
          }
        });
        e.setValue(filtered);
      }
    });
  }
}
