package io.trailguard.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every delivery of the catalogue against the example policies of the AWS page it cites (they must allow) and
 * against variants broken on purpose (they must not). Cases: {@code policy/deliveries/cases.json}, each naming its
 * page.
 */
class DeliveryCatalogueTest {
  private static final DeliveryCatalogue CATALOGUE = DeliveryCatalogue.builtin();

  @TestFactory
  Stream<DynamicTest> documentedExamples() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : TestPolicies.resourceJson("deliveries/cases.json")) {
      String entry = c.get("entry").asText();
      tests.add(DynamicTest.dynamicTest(entry + " › " + c.get("name").asText(), () -> {
        Delivery d = CATALOGUE.get(entry);
        Map<String, String> values = new LinkedHashMap<>();
        c.get("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        List<PolicyInput> inputs = new ArrayList<>();
        for (JsonNode p : c.get("policies")) {
          PolicyDocument doc = PolicyDocument.parse(p.get("policy"));
          inputs.add(p.get("kind").asText().equals("identity") ? PolicyInput.identity("identity policy", doc)
              : PolicyInput.resource("resource policy", doc, p.path("owner").asText(null)));
        }
        String expect = c.get("expect").asText();
        boolean anyDenied = false;
        List<String> why = new ArrayList<>();
        for (AccessRequest r : d.requests(values)) {
          Decision decision = PolicyEvaluator.evaluate(inputs, r);
          why.add(r.describe() + " → " + decision.outcome() + ": " + decision.explanation());
          switch (expect) {
            case "allowed" -> assertTrue(decision.allowed(), c.get("doc").asText() + ": " + why);
            case "resource-allows" -> assertTrue(decision.resourcePolicyAllows() && !decision.allowed(),
                c.get("doc").asText() + ": " + why);
            case "denied" -> anyDenied |= !decision.resourcePolicyAllows();
            default -> throw new AssertionError("unknown expectation " + expect);
          }
        }
        // a broken delivery fails when any one of its requests fails
        assertTrue(!expect.equals("denied") || anyDenied, c.get("doc").asText() + ": " + why);
      }));
    }
    return tests.stream();
  }

  @Test
  @DisplayName("every entry cites an AWS page and has a documented example that passes and a broken one that fails")
  void everyEntryIsPinned() {
    Set<String> passing = new HashSet<>();
    Set<String> failing = new HashSet<>();
    for (JsonNode c : TestPolicies.resourceJson("deliveries/cases.json")) {
      (c.get("expect").asText().equals("denied") ? failing : passing).add(c.get("entry").asText());
    }
    for (Delivery d : CATALOGUE.all()) {
      assertTrue(d.doc().startsWith("https://docs.aws.amazon.com/"), d.id());
      assertTrue(passing.contains(d.id()), d.id() + " has no documented example that passes");
      assertTrue(failing.contains(d.id()) || sharesPolicyWithAFailingEntry(d.id()), d.id()
          + " has no broken variant");
    }
  }

  /** Entries whose documented policy is the same statement set as a sibling's broken case. */
  private static boolean sharesPolicyWithAFailingEntry(String id) {
    return Set.of("config-s3-acl-check", "config-s3-list", "cloudtrail-kms-describe", "flowlogs-s3-acl-check")
        .contains(id);
  }

  @Test
  @DisplayName("keys without a value are not sent; a missing required value is named")
  void missingValues() {
    Delivery put = CATALOGUE.get("cloudtrail-s3-put");
    AccessRequest r = put.requests(Map.of("bucket", "b", "logPrefix", "AWSLogs/111111111111/", "region", "us-east-1",
        "account", "111111111111", "trailArn", "arn:aws:cloudtrail:us-east-1:111111111111:trail/t",
        "trailAccount", "111111111111")).get(0);
    assertEquals(null, r.values("s3:x-amz-server-side-encryption"), "a trail without a key sends no SSE header");
    assertEquals(null, r.values("aws:SourceOrgID"));
    assertEquals(List.of("bucket-owner-full-control"), r.values("s3:x-amz-acl"));
    // aws:SourceOrgPaths goes with aws:SourceOrgID: an organisation member without a known path sends an unknown value
    AccessRequest member = put.requests(Map.of("bucket", "b", "logPrefix", "AWSLogs/111111111111/", "region",
        "us-east-1", "account", "111111111111", "trailArn", "arn:aws:cloudtrail:us-east-1:111111111111:trail/t",
        "trailAccount", "111111111111", "orgId", "o-a1b2c3d4e5")).get(0);
    assertEquals(List.of("o-a1b2c3d4e5"), member.values("aws:SourceOrgID"));
    assertTrue(member.isUnknown("aws:SourceOrgPaths"), member::describe);
    assertTrue(!r.isUnknown("aws:SourceOrgPaths"), "an account outside an organisation sends neither");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> put.requests(Map.of()));
    assertTrue(e.getMessage().contains("bucket"), e.getMessage());
  }

  @Test
  @DisplayName("grants cover the layout AWS writes: a Route 53 zone's streams, a CloudTrail prefix, every replica")
  void grantsCoverTheLayout() {
    Delivery r53 = CATALOGUE.get("route53-query-logs");
    AccessRequest probe = r53.requests(Map.of("account", "111111111111", "logGroup", "/aws/route53/example.com",
        "zoneId", "Z1D633PJN98FT9")).get(0);
    assertEquals("arn:aws:logs:us-east-1:111111111111:log-group:/aws/route53/example.com:log-stream:Z1D633PJN98FT9/*",
        GrantSynthesizer.resourcePattern(probe));
    Delivery rep = CATALOGUE.get("s3-replication-destination");
    AccessRequest write = rep.requests(Map.of("roleArn", "arn:aws:iam::111122223333:role/r",
        "destinationBucket", "vault", "prefix", "")).get(0);
    assertEquals("arn:aws:s3:::vault/*", GrantSynthesizer.resourcePattern(write));
    assertNotNull(CATALOGUE.find("cloudtrail-s3-put").orElse(null));
  }
}
