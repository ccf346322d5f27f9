package io.trailguard.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Helpers shared by the policy tests. */
final class TestPolicies {
  static final ObjectMapper JSON = new ObjectMapper();

  private TestPolicies() {}

  static PolicyDocument doc(String json) {
    try {
      return PolicyDocument.parse(json);
    } catch (PolicyParseException e) {
      throw new AssertionError("fixture does not parse: " + e.getMessage(), e);
    }
  }

  /** A 2012-10-17 policy with the given statements (JSON objects, comma-separated). */
  static PolicyDocument statements(String statementsJson) {
    return doc("{\"Version\":\"2012-10-17\",\"Statement\":[" + statementsJson + "]}");
  }

  static PolicyInput resource(PolicyDocument d) {
    return PolicyInput.resource("resource policy", d, "111122223333");
  }

  static PolicyInput resource(String statementsJson) {
    return resource(statements(statementsJson));
  }

  static PolicyInput identity(String statementsJson) {
    return PolicyInput.identity("identity policy", statements(statementsJson));
  }

  static Decision.Outcome outcome(PolicyInput p, AccessRequest r) {
    return PolicyEvaluator.evaluate(List.of(p), r).outcome();
  }

  static JsonNode resourceJson(String path) {
    try (InputStream in = TestPolicies.class.getResourceAsStream("/policy/" + path)) {
      if (in == null) {
        throw new AssertionError("missing test resource /policy/" + path);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
