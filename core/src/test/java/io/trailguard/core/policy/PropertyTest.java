package io.trailguard.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Generated cases with a fixed seed (reproducible); each property runs over many random policies and requests. */
class PropertyTest {
  private static final long SEED = 20261122L;
  private static final String[] ACTIONS = {"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "kms:Decrypt",
      "kms:GenerateDataKey", "logs:PutLogEvents"};
  private static final String[] ACTION_PATTERNS = {"s3:*", "s3:Get*", "s3:?utObject", "kms:*", "*", "logs:Put*",
      "S3:DELETEOBJECT", "kms:GenerateDataKey*", "s3:GetObject"};
  private static final String[] RESOURCES = {"arn:aws:s3:::central-logs/AWSLogs/111122223333/x",
      "arn:aws:s3:::central-logs/AWSLogs/444455556666/y", "arn:aws:s3:::other/z",
      "arn:aws:kms:us-east-1:111122223333:key/k", "arn:aws:logs:us-east-1:444455556666:log-group:g"};
  private static final String[] RESOURCE_PATTERNS = {"*", "arn:aws:s3:::central-logs/*",
      "arn:aws:s3:::central-logs/AWSLogs/111122223333/*", "arn:aws:kms:*:111122223333:key/*", "arn:aws:logs:*:*:*",
      "arn:aws:s3:::other/?"};
  private static final String[] PRINCIPALS = {"111122223333", "arn:aws:iam::111122223333:role/r",
      "arn:aws:sts::444455556666:assumed-role/r/s", "cloudtrail.amazonaws.com", "arn:aws:iam::444455556666:user/u",
      "*"};
  private static final String[] POLICY_PRINCIPALS = {"\"*\"", "{\"AWS\":\"111122223333\"}",
      "{\"AWS\":\"arn:aws:iam::444455556666:role/r\"}", "{\"Service\":\"cloudtrail.amazonaws.com\"}",
      "{\"AWS\":[\"444455556666\",\"arn:aws:iam::111122223333:role/r\"]}"};
  private static final String[] CONDITIONS = {"", "{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}",
      "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}", "{\"StringNotEquals\":{\"aws:SourceAccount\":\"444455556666\"}}",
      "{\"ForAllValues:StringLike\":{\"aws:TagKeys\":\"a*\"}}", "{\"Null\":{\"aws:SourceArn\":\"true\"}}",
      "{\"IpAddressIfExists\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}"};

  private static String pick(Random r, String[] a) {
    return a[r.nextInt(a.length)];
  }

  private static String statement(Random r, String effect, boolean withPrincipal) {
    String c = pick(r, CONDITIONS);
    return "{\"Effect\":\"" + effect + "\"" + (withPrincipal ? ",\"Principal\":" + pick(r, POLICY_PRINCIPALS) : "")
        + (r.nextInt(5) == 0 ? ",\"NotAction\":\"" : ",\"Action\":\"") + pick(r, ACTION_PATTERNS) + "\""
        + (r.nextInt(6) == 0 ? ",\"NotResource\":\"" : ",\"Resource\":\"") + pick(r, RESOURCE_PATTERNS) + "\""
        + (c.isEmpty() ? "" : ",\"Condition\":" + c) + "}";
  }

  private static List<PolicyInput> policies(Random r) {
    List<PolicyInput> ps = new ArrayList<>();
    List<String> rs = new ArrayList<>();
    IntStream.range(0, 1 + r.nextInt(3)).forEach(i -> rs.add(statement(r, r.nextBoolean() ? "Allow" : "Deny", true)));
    ps.add(PolicyInput.resource("resource", TestPolicies.statements(String.join(",", rs)),
        r.nextBoolean() ? "111122223333" : "444455556666"));
    if (r.nextBoolean()) {
      List<String> is = new ArrayList<>();
      IntStream.range(0, 1 + r.nextInt(3)).forEach(i -> is.add(statement(r, r.nextInt(3) == 0 ? "Deny" : "Allow", false)));
      ps.add(PolicyInput.identity("identity", TestPolicies.statements(String.join(",", is))));
    }
    return ps;
  }

  private static AccessRequest request(Random r) {
    AccessRequest q = AccessRequest.of(pick(r, PRINCIPALS), pick(r, ACTIONS), pick(r, RESOURCES));
    if (r.nextBoolean()) {
      q = q.with("aws:SourceAccount", r.nextBoolean() ? "111122223333" : "444455556666");
    }
    if (r.nextBoolean()) {
      q = q.with("aws:SecureTransport", r.nextBoolean() ? "true" : "false");
    }
    if (r.nextBoolean()) {
      q = q.with("aws:TagKeys", r.nextBoolean() ? "ab" : "b", "a");
    }
    if (r.nextBoolean()) {
      q = q.with("aws:SourceIp", r.nextBoolean() ? "10.1.2.3" : "192.0.2.1");
    }
    return q;
  }

  @TestFactory
  Stream<DynamicTest> addingADenyNeverAllows() {
    Random r = new Random(SEED);
    List<DynamicTest> tests = new ArrayList<>();
    for (int batch = 0; batch < 20; batch++) {
      long seed = r.nextLong();
      tests.add(DynamicTest.dynamicTest("batch " + batch + " (seed " + seed + ")", () -> {
        Random rr = new Random(seed);
        for (int i = 0; i < 200; i++) {
          List<PolicyInput> ps = policies(rr);
          AccessRequest q = request(rr);
          Decision before = PolicyEvaluator.evaluate(ps, q);
          List<PolicyInput> more = new ArrayList<>(ps);
          boolean onResource = rr.nextBoolean();
          more.add(onResource
              ? PolicyInput.resource("extra", TestPolicies.statements(statement(rr, "Deny", true)), ps.get(0).ownerAccount())
              : PolicyInput.identity("extra", TestPolicies.statements(statement(rr, "Deny", false))));
          Decision after = PolicyEvaluator.evaluate(more, q);
          if (!before.allowed()) {
            assertNotEquals(Decision.Outcome.ALLOWED, after.outcome(), () -> q.describe() + " became allowed");
          }
          if (before.outcome() == Decision.Outcome.EXPLICIT_DENY) {
            assertEquals(Decision.Outcome.EXPLICIT_DENY, after.outcome());
          }
        }
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> allowStarOnStarAllowsEverythingNoDenyMatches() {
    Random r = new Random(SEED + 1);
    List<DynamicTest> tests = new ArrayList<>();
    PolicyInput allowAll = PolicyInput.resource("allow-all", TestPolicies.statements(
        "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}"), "111122223333");
    for (int batch = 0; batch < 10; batch++) {
      long seed = r.nextLong();
      tests.add(DynamicTest.dynamicTest("batch " + batch + " (seed " + seed + ")", () -> {
        Random rr = new Random(seed);
        for (int i = 0; i < 300; i++) {
          AccessRequest q = request(rr);
          assertTrue(PolicyEvaluator.evaluate(List.of(allowAll), q).resourcePolicyAllows(), q::describe);
          List<String> denies = new ArrayList<>();
          IntStream.range(0, 1 + rr.nextInt(3)).forEach(k -> denies.add(statement(rr, "Deny", true)));
          PolicyInput denyPolicy = PolicyInput.resource("denies", TestPolicies.statements(String.join(",", denies)),
              "111122223333");
          Decision onlyDenies = PolicyEvaluator.evaluate(List.of(denyPolicy), q);
          Decision d = PolicyEvaluator.evaluate(List.of(allowAll, denyPolicy), q);
          assertEquals(onlyDenies.outcome() == Decision.Outcome.EXPLICIT_DENY, d.outcome() == Decision.Outcome.EXPLICIT_DENY,
              q::describe);
          assertTrue(d.outcome() == Decision.Outcome.EXPLICIT_DENY || d.resourcePolicyAllows(), q::describe);
        }
      }));
    }
    return tests.stream();
  }

  /** Straightforward recursive backtracking matcher, the reference for the production loop. */
  static boolean reference(String p, int pi, String s, int si) {
    if (pi == p.length()) {
      return si == s.length();
    }
    char c = p.charAt(pi);
    if (c == '*') {
      for (int k = si; k <= s.length(); k++) {
        if (reference(p, pi + 1, s, k)) {
          return true;
        }
      }
      return false;
    }
    return si < s.length() && (c == '?' || c == s.charAt(si)) && reference(p, pi + 1, s, si + 1);
  }

  @TestFactory
  Stream<DynamicTest> wildcardMatcherAgreesWithReference() {
    Random r = new Random(SEED + 2);
    String alphabet = "ab*?";
    List<DynamicTest> tests = new ArrayList<>();
    for (int batch = 0; batch < 10; batch++) {
      long seed = r.nextLong();
      tests.add(DynamicTest.dynamicTest("batch " + batch + " (seed " + seed + ")", () -> {
        Random rr = new Random(seed);
        for (int i = 0; i < 1000; i++) {
          StringBuilder p = new StringBuilder();
          StringBuilder s = new StringBuilder();
          int pl = rr.nextInt(9);
          int sl = rr.nextInt(11);
          for (int k = 0; k < pl; k++) {
            p.append(alphabet.charAt(rr.nextInt(alphabet.length())));
          }
          for (int k = 0; k < sl; k++) {
            s.append("ab".charAt(rr.nextInt(2)));
          }
          String ps = p.toString();
          String ss = s.toString();
          assertEquals(reference(ps, 0, ss, 0), Wildcard.matches(ps, ss, false), () -> ps + " vs " + ss);
          assertEquals(reference(ps.toLowerCase(), 0, ss, 0), Wildcard.matches(ps.toUpperCase(), ss, true),
              () -> "ignore case: " + ps + " vs " + ss);
        }
      }));
    }
    return tests.stream();
  }
}
