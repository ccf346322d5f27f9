package io.trailguard.core.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Untrusted policies: any mutation either parses or yields a PolicyParseException; evaluation never throws. */
class RobustnessTest {
  private static final List<String> FIXTURES = List.of("cloudtrail/bucket-policy.json", "cloudtrail/kms-key-policy.json");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static JsonNode randomValue(Random r) {
    return switch (r.nextInt(9)) {
      case 0 -> F.nullNode();
      case 1 -> F.booleanNode(r.nextBoolean());
      case 2 -> F.numberNode(r.nextInt(100) - 50);
      case 3 -> F.arrayNode();
      case 4 -> F.objectNode();
      case 5 -> F.textNode("*");
      case 6 -> F.textNode("arn:aws:s3:::b${aws:username}/*?");
      case 7 -> F.arrayNode().add("s3:Get*").add(F.objectNode());
      default -> F.textNode(List.of("Allow", "Deny", "ForAllValues:StringLikeIfExists", "Null", "", "${", "10.0.0.0/8")
          .get(r.nextInt(7)));
    };
  }

  /** Replaces, removes or adds one randomly chosen node. */
  private static void mutate(JsonNode root, Random r) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = containers.get(r.nextInt(containers.size()));
    if (target instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      if (names.isEmpty() || r.nextInt(4) == 0) {
        String[] keys = {"Effect", "Condition", "StringEquals", "Principal", "AWS", "NotAction", "Bogus", "aws:SourceIp"};
        o.set(keys[r.nextInt(keys.length)], randomValue(r));
      } else if (r.nextInt(3) == 0) {
        o.remove(names.get(r.nextInt(names.size())));
      } else {
        o.set(names.get(r.nextInt(names.size())), randomValue(r));
      }
    } else if (target instanceof ArrayNode a) {
      if (a.isEmpty() || r.nextBoolean()) {
        a.add(randomValue(r));
      } else {
        a.set(r.nextInt(a.size()), randomValue(r));
      }
    }
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      n.elements().forEachRemaining(c -> collect(c, out));
    }
  }

  @TestFactory
  @DisplayName("structural mutations of the CloudTrail templates")
  Stream<DynamicTest> structuralMutations() {
    Random seeds = new Random(7);
    List<DynamicTest> tests = new ArrayList<>();
    for (int batch = 0; batch < 10; batch++) {
      long seed = seeds.nextLong();
      tests.add(DynamicTest.dynamicTest("batch " + batch + " (seed " + seed + ")", () -> {
        Random r = new Random(seed);
        for (int i = 0; i < 300; i++) {
          JsonNode doc = TestPolicies.resourceJson(FIXTURES.get(r.nextInt(FIXTURES.size())));
          for (int m = 1 + r.nextInt(3); m > 0; m--) {
            mutate(doc, r);
          }
          exercise(doc);
          exercise(F.textNode(doc.toString()));
          exercise(F.objectNode().put("Policy", doc.toString()));
        }
      }));
    }
    return tests.stream();
  }

  @TestFactory
  @DisplayName("character-level mutations of policy text")
  Stream<DynamicTest> textMutations() {
    Random seeds = new Random(11);
    List<DynamicTest> tests = new ArrayList<>();
    String alphabet = "{}[]\":,*?$ \\aZ09-/";
    for (int batch = 0; batch < 5; batch++) {
      long seed = seeds.nextLong();
      tests.add(DynamicTest.dynamicTest("batch " + batch + " (seed " + seed + ")", () -> {
        Random r = new Random(seed);
        for (int i = 0; i < 300; i++) {
          StringBuilder text = new StringBuilder(
              TestPolicies.resourceJson(FIXTURES.get(r.nextInt(FIXTURES.size()))).toString());
          for (int m = 1 + r.nextInt(4); m > 0; m--) {
            int at = r.nextInt(text.length());
            switch (r.nextInt(3)) {
              case 0 -> text.deleteCharAt(at);
              case 1 -> text.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
              default -> text.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
            }
          }
          String s = text.toString();
          assertDoesNotThrow(() -> {
            try {
              evaluateAll(PolicyDocument.parse(s));
            } catch (PolicyParseException e) {
              assertTrue(e.pointer() != null && !e.problem().isBlank());
            }
          }, s);
        }
      }));
    }
    return tests.stream();
  }

  @Test
  @DisplayName("deeply nested JSON is rejected by Jackson's nesting limit, as a PolicyParseException")
  void deepNesting() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThrows(PolicyParseException.class, () -> PolicyDocument.parse(deep));
    String deepCondition = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Condition\":{\"StringEquals\":"
        + "{\"k\":" + "[".repeat(3000) + "]".repeat(3000) + "}}}}";
    assertThrows(PolicyParseException.class, () -> PolicyDocument.parse(deepCondition));
  }

  @Test
  @DisplayName("pathological wildcard patterns stay fast (no regex backtracking)")
  void pathologicalWildcards() {
    String pattern = "*a".repeat(2000) + "b";
    String subject = "a".repeat(20000);
    long start = System.nanoTime();
    assertTrue(!Wildcard.matches(pattern, subject, false));
    // generous bound: the point is "not exponential"; the loop is O(n·m) at worst
    assertTrue(System.nanoTime() - start < 20_000_000_000L);
  }

  private static void exercise(JsonNode doc) {
    assertDoesNotThrow(() -> {
      try {
        evaluateAll(PolicyDocument.parse(doc));
      } catch (PolicyParseException e) {
        assertTrue(e.pointer() != null && !e.problem().isBlank());
      }
    }, doc::toString);
  }

  private static void evaluateAll(PolicyDocument d) {
    PolicyInput p = PolicyInput.resource("p", d, "111122223333");
    AccessRequest r = new AccessRequest("cloudtrail.amazonaws.com", "s3:PutObject",
        "arn:aws:s3:::central-logs/AWSLogs/111122223333/x", null,
        Map.of("aws:SourceArn", List.of("arn:aws:cloudtrail:us-east-1:111122223333:trail/main"),
            "s3:x-amz-acl", List.of("bucket-owner-full-control"), "aws:SourceIp", List.of("10.1.1.1")));
    PolicyEvaluator.evaluate(List.of(p), r);
    PolicyEvaluator.evaluate(List.of(p, PolicyInput.identity("i", d)),
        new AccessRequest("arn:aws:sts::444455556666:assumed-role/r/s", "kms:Decrypt", "*", null, Map.of()));
    PolicyEvaluator.whoMay(p, "s3:PutObject", r.resource());
    PolicyEvaluator.publicAccess(p);
    PolicyEvaluator.missingGrants(p, List.of(r));
  }
}
