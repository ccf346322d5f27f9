package io.trailguard.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Netflix policyuniverse's "internet accessible" cases (policy/policyuniverse, see NOTICE.md) as a cross-check of
 * {@link PolicyEvaluator#publicAccess}. Where S3's definition of public and policyuniverse differ, the case is listed
 * in {@link #DISAGREEMENTS} with the AWS rule behind our answer; the test fails if a listed case starts agreeing
 * (keep the list honest) or an unlisted one disagrees.
 */
class PolicyUniverseCorpusTest {
  /** Known disagreements: case id → why our answer follows AWS. */
  static final Map<String, String> DISAGREEMENTS = Map.of(
      "statement:statement07",
      "ForAllValues:ArnEqualsIfExists on aws:SourceArn is true for a request without the key (IfExists, and"
          + " ForAllValues on a missing key), so an anonymous caller passes: not a fixed-value restriction → public",
      "statement:statement27",
      "same as statement07 (single value): ForAllValues:...IfExists does not restrict requests lacking aws:SourceArn",
      "statement:statement22",
      "S3 lists 'a fixed aws:SourceArn' as non-public; arn:aws:iam:::user/MyUser has no wildcard or variable, so"
          + " the statement is not public (policyuniverse objects only because the ARN has no account)",
      "statement:statement36",
      "S3 treats a fixed aws:userid outside the pattern AROLEID:* as non-public; 'AROAI…:' has no wildcard",
      "policy:policy01",
      "Version 2012-10-08 is not a policy language version; AWS rejects the document, so do we (PolicyParseException)",
      "policy:policy02",
      "Version 2010-08-14 is not a policy language version; AWS rejects the document (policyuniverse: not public)",
      "policy:policy03",
      "Version 2010-08-14 is not a policy language version; AWS rejects the document (policyuniverse: public)");

  /** Our answer: true/false, or null when the document is rejected as malformed. */
  static Boolean ours(JsonNode c) {
    JsonNode doc = c.get("document");
    if (c.get("kind").asText().equals("statement")) {
      ObjectNode wrapped = TestPolicies.JSON.createObjectNode().put("Version", "2012-10-17");
      wrapped.putArray("Statement").add(doc);
      doc = wrapped;
    }
    try {
      return PolicyEvaluator.publicAccess(PolicyInput.resource("case", PolicyDocument.parse(doc), null)).isPublic();
    } catch (PolicyParseException e) {
      return null;
    }
  }

  static JsonNode cases() {
    return TestPolicies.resourceJson("policyuniverse/internet-accessible-cases.json").get("cases");
  }

  @TestFactory
  Stream<DynamicTest> eachCase() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases()) {
      String id = c.get("id").asText();
      boolean expected = c.get("expectedInternetAccessible").asBoolean();
      tests.add(DynamicTest.dynamicTest(id, () -> {
        Boolean got = ours(c);
        if (DISAGREEMENTS.containsKey(id)) {
          assertNotEquals(Boolean.valueOf(expected), got, "listed as a disagreement but now agrees: " + id);
        } else {
          assertEquals(Boolean.valueOf(expected), got, id + " " + c.get("document"));
        }
      }));
    }
    return tests.stream();
  }

  @Test
  void agreementFigure() {
    int agree = 0;
    int total = 0;
    for (JsonNode c : cases()) {
      total++;
      if (Boolean.valueOf(c.get("expectedInternetAccessible").asBoolean()).equals(ours(c))) {
        agree++;
      }
    }
    System.out.printf("policyuniverse corpus: %d of %d agree, %d listed disagreements%n", agree, total,
        DISAGREEMENTS.size());
    assertEquals(total - DISAGREEMENTS.size(), agree);
  }
}
