package io.trailguard.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Evaluation logic, each case following an example of the IAM User Guide. */
class EvaluationTest {
  private static final String CARLOS = "arn:aws:iam::111122223333:user/carlossalazar";

  @Test
  @DisplayName("Policy evaluation logic — explicit deny overrides allow; no allow → implicit deny; evidence names statements")
  void denyOverridesAllow() {
    PolicyInput id = TestPolicies.identity("""
        {"Sid":"AllowS3","Effect":"Allow","Action":"s3:*","Resource":"*"},
        {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::logs/*"}""");
    Decision d = PolicyEvaluator.evaluate(List.of(id), AccessRequest.of(CARLOS, "s3:DeleteObject", "arn:aws:s3:::logs/a"));
    assertEquals(Decision.Outcome.EXPLICIT_DENY, d.outcome());
    assertEquals(List.of(new StatementRef("identity policy", 1, null, Effect.DENY)), d.statements());
    assertTrue(d.explanation().contains("identity policy › #1"), d.explanation());
    Decision ok = PolicyEvaluator.evaluate(List.of(id), AccessRequest.of(CARLOS, "s3:GetObject", "arn:aws:s3:::logs/a"));
    assertEquals(Decision.Outcome.ALLOWED, ok.outcome());
    assertEquals("identity policy › AllowS3", ok.statements().get(0).label());
    assertEquals(Decision.Outcome.IMPLICIT_DENY,
        TestPolicies.outcome(id, AccessRequest.of(CARLOS, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k")));
    assertEquals(Decision.Outcome.IMPLICIT_DENY,
        PolicyEvaluator.evaluate(List.of(), AccessRequest.of(CARLOS, "s3:GetObject", "arn:aws:s3:::b/k")).outcome());
  }

  @Test
  @DisplayName("NotAction — doc example: Allow NotAction iam:* on * grants everything except IAM")
  void notAction() {
    PolicyInput id = TestPolicies.identity("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}");
    assertEquals(Decision.Outcome.ALLOWED, TestPolicies.outcome(id, AccessRequest.of(CARLOS, "s3:GetObject", "arn:aws:s3:::b/k")));
    assertEquals(Decision.Outcome.IMPLICIT_DENY,
        TestPolicies.outcome(id, AccessRequest.of(CARLOS, "iam:CreateUser", "arn:aws:iam::111122223333:user/x")));
  }

  @Test
  @DisplayName("NotResource — doc example: Deny s3:* outside HRBucket/Payroll")
  void notResource() {
    PolicyInput id = TestPolicies.identity("""
        {"Effect":"Allow","Action":"s3:*","Resource":"*"},
        {"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::HRBucket/Payroll","arn:aws:s3:::HRBucket/Payroll/*"]}""");
    assertEquals(Decision.Outcome.ALLOWED,
        TestPolicies.outcome(id, AccessRequest.of(CARLOS, "s3:GetObject", "arn:aws:s3:::HRBucket/Payroll/jan.csv")));
    assertEquals(Decision.Outcome.EXPLICIT_DENY,
        TestPolicies.outcome(id, AccessRequest.of(CARLOS, "s3:GetObject", "arn:aws:s3:::HRBucket/Other/x")));
    assertEquals(Decision.Outcome.EXPLICIT_DENY,
        TestPolicies.outcome(id, AccessRequest.of(CARLOS, "s3:GetObject", "arn:aws:s3:::hrbucket/Payroll/jan.csv")),
        "resource matching is case-sensitive");
  }

  @Test
  @DisplayName("NotPrincipal with Deny — doc example: the session, its role and its account must all be listed")
  void notPrincipal() {
    String session = "arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/cross-account-audit-app";
    PolicyInput bucket = TestPolicies.resource("""
        {"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:*","Resource":"*"},
        {"Effect":"Deny","NotPrincipal":{"AWS":[
          "arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/cross-account-audit-app",
          "arn:aws:iam::444455556666:role/cross-account-read-only-role",
          "arn:aws:iam::444455556666:root"]},"Action":"s3:*","Resource":"*"}""");
    AccessRequest r = AccessRequest.of(session, "s3:GetObject", "arn:aws:s3:::b/k");
    // the bucket (account 111122223333) names account 444455556666: its IAM policies must allow the session too
    assertEquals(Decision.Outcome.ALLOWED_IF_IDENTITY_ALLOWS, TestPolicies.outcome(bucket, r));
    AccessRequest other = AccessRequest.of(
        "arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/other-session", "s3:GetObject",
        "arn:aws:s3:::b/k");
    assertEquals(Decision.Outcome.EXPLICIT_DENY, TestPolicies.outcome(bucket, other));
    PolicyInput roleOnly = TestPolicies.resource("""
        {"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:*","Resource":"*"},
        {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::444455556666:role/cross-account-read-only-role"},
         "Action":"s3:*","Resource":"*"}""");
    assertEquals(Decision.Outcome.EXPLICIT_DENY, TestPolicies.outcome(roleOnly, r),
        "listing only the role does not exempt its sessions");
    assertEquals(Decision.Outcome.EXPLICIT_DENY,
        TestPolicies.outcome(roleOnly, AccessRequest.of("cloudtrail.amazonaws.com", "s3:GetObject", "arn:aws:s3:::b/k")));
  }

  @Test
  @DisplayName("Action element — doc: action names are case-insensitive and take * and ? wildcards")
  void actionWildcards() {
    PolicyInput id = TestPolicies.identity("{\"Effect\":\"Allow\",\"Action\":[\"S3:get*\",\"kms:Decryp?\"],\"Resource\":\"*\"}");
    assertEquals(Decision.Outcome.ALLOWED, TestPolicies.outcome(id, AccessRequest.of(CARLOS, "s3:GetObject", "arn:aws:s3:::b/k")));
    assertEquals(Decision.Outcome.ALLOWED, TestPolicies.outcome(id, AccessRequest.of(CARLOS, "kms:decrypt", "*")));
    assertEquals(Decision.Outcome.IMPLICIT_DENY, TestPolicies.outcome(id, AccessRequest.of(CARLOS, "s3:PutObject", "*")));
    assertEquals(Decision.Outcome.IMPLICIT_DENY, TestPolicies.outcome(id, AccessRequest.of(CARLOS, "kms:Decrypts", "*")));
  }

  @Test
  @DisplayName("Resource element — doc: wildcards match within each ARN component; policy variable ${aws:username}")
  void resourceWildcards() {
    PolicyInput id = TestPolicies.identity("""
        {"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"arn:aws:logs:*:111122223333:log-group:trail-*"},
        {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"},
        {"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::*:role/x"}""");
    assertEquals(Decision.Outcome.ALLOWED, TestPolicies.outcome(id, AccessRequest.of(CARLOS, "logs:PutLogEvents",
        "arn:aws:logs:us-east-1:111122223333:log-group:trail-main:log-stream:s")));
    assertEquals(Decision.Outcome.IMPLICIT_DENY, TestPolicies.outcome(id, AccessRequest.of(CARLOS, "logs:PutLogEvents",
        "arn:aws:logs:us-east-1:444455556666:log-group:trail-main")));
    assertEquals(Decision.Outcome.ALLOWED, TestPolicies.outcome(id, AccessRequest.of(CARLOS, "s3:GetObject",
        "arn:aws:s3:::amzn-s3-demo-bucket/home/carlossalazar/notes.txt")));
    assertEquals(Decision.Outcome.IMPLICIT_DENY, TestPolicies.outcome(id, AccessRequest.of(CARLOS, "s3:GetObject",
        "arn:aws:s3:::amzn-s3-demo-bucket/home/maria/notes.txt")));
    assertEquals(Decision.Outcome.IMPLICIT_DENY,
        TestPolicies.outcome(id, AccessRequest.of(CARLOS, "iam:GetRole", "arn:aws:iam::1:2:role/x")),
        "the '*' of the account component does not span the following ':'");
  }

  @Test
  @DisplayName("Principal element — doc: an account principal covers the account's users, roles and sessions; a role covers its sessions")
  void principalMatching() {
    PolicyInput bucket = TestPolicies.resource("""
        {"Sid":"Acct","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"*"},
        {"Sid":"Role","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:role/path/Auditor"},"Action":"s3:GetObject","Resource":"*"},
        {"Sid":"Svc","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"*"}""");
    for (String p : List.of("444455556666", "arn:aws:iam::444455556666:root", "arn:aws:iam::444455556666:user/u",
        "arn:aws:iam::444455556666:role/r", "arn:aws:sts::444455556666:assumed-role/r/s",
        "arn:aws:iam::777788889999:role/path/Auditor", "arn:aws:sts::777788889999:assumed-role/Auditor/bob")) {
      // cross-account (the bucket is in 111122223333): the bucket policy's side allows; the root user needs no more
      Decision d = PolicyEvaluator.evaluate(List.of(bucket), AccessRequest.of(p, "s3:GetObject", "arn:aws:s3:::b/k"));
      assertTrue(d.resourcePolicyAllows(), p);
      assertEquals(p.endsWith(":root") || !p.startsWith("arn:"), d.allowed(), p);
    }
    for (String p : List.of("999999999999", "arn:aws:sts::777788889999:assumed-role/Other/bob",
        "arn:aws:iam::777788889999:role/Auditor", "cloudtrail.amazonaws.com", "*")) {
      assertEquals(Decision.Outcome.IMPLICIT_DENY,
          TestPolicies.outcome(bucket, AccessRequest.of(p, "s3:GetObject", "arn:aws:s3:::b/k")), p);
    }
    assertEquals(Decision.Outcome.ALLOWED,
        TestPolicies.outcome(bucket, AccessRequest.of("cloudtrail.amazonaws.com", "s3:PutObject", "arn:aws:s3:::b/k")));
    assertEquals(Decision.Outcome.IMPLICIT_DENY,
        TestPolicies.outcome(bucket, AccessRequest.of("config.amazonaws.com", "s3:PutObject", "arn:aws:s3:::b/k")));
    PolicyInput anyone = TestPolicies.resource(
        "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");
    assertEquals(Decision.Outcome.ALLOWED, TestPolicies.outcome(anyone, AccessRequest.of("*", "s3:GetObject", "arn:aws:s3:::b/k")));
  }

  @Test
  @DisplayName("Cross-account policy evaluation logic — doc: both the identity and the resource policy must allow")
  void crossAccount() {
    PolicyInput bucket = PolicyInput.resource("bucket policy", TestPolicies.statements(
        "{\"Sid\":\"B\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"444455556666\"},\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::central-logs/*\"}"), "111122223333");
    PolicyInput allow = TestPolicies.identity("{\"Sid\":\"I\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");
    PolicyInput none = TestPolicies.identity("{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}");
    AccessRequest r = AccessRequest.of("arn:aws:iam::444455556666:role/reader", "s3:GetObject", "arn:aws:s3:::central-logs/x");
    Decision both = PolicyEvaluator.evaluate(List.of(bucket, allow), r);
    assertEquals(Decision.Outcome.ALLOWED, both.outcome());
    assertEquals(2, both.statements().size());
    Decision onlyResource = PolicyEvaluator.evaluate(List.of(bucket, none), r);
    assertEquals(Decision.Outcome.IMPLICIT_DENY, onlyResource.outcome());
    assertEquals("bucket policy › B", onlyResource.statements().get(0).label());
    assertTrue(onlyResource.explanation().contains("identity policies"), onlyResource.explanation());
    PolicyInput emptyBucket = PolicyInput.resource("bucket policy", TestPolicies.statements(
        "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"),
        "111122223333");
    assertEquals(Decision.Outcome.IMPLICIT_DENY, PolicyEvaluator.evaluate(List.of(emptyBucket, allow), r).outcome());
    // resource account from the request overrides the policy's owner: same account → union of allows
    assertEquals(Decision.Outcome.ALLOWED,
        PolicyEvaluator.evaluate(List.of(emptyBucket, allow), r.withResourceAccount("444455556666")).outcome());
  }

  @Test
  @DisplayName("Same-account evaluation — doc (Carlos example): either the identity or the resource policy may allow")
  void sameAccountUnion() {
    PolicyInput bucket = TestPolicies.resource(
        "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + CARLOS + "\"},\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}");
    PolicyInput id = TestPolicies.identity("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");
    assertEquals(Decision.Outcome.ALLOWED,
        PolicyEvaluator.evaluate(List.of(bucket, id), AccessRequest.of(CARLOS, "s3:PutObject", "arn:aws:s3:::b/k")).outcome());
    assertEquals(Decision.Outcome.ALLOWED,
        PolicyEvaluator.evaluate(List.of(bucket, id), AccessRequest.of(CARLOS, "s3:GetObject", "arn:aws:s3:::b/k")).outcome());
    PolicyInput deny = TestPolicies.identity("{\"Effect\":\"Deny\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}");
    assertEquals(Decision.Outcome.EXPLICIT_DENY, PolicyEvaluator.evaluate(List.of(bucket, id, deny),
        AccessRequest.of(CARLOS, "s3:PutObject", "arn:aws:s3:::b/k")).outcome());
  }

  @Test
  @DisplayName("CloudTrail guide 'Role policy document for CloudTrail to use CloudWatch Logs': a role without logs:PutLogEvents")
  void cloudWatchLogsRole() {
    String stream = "arn:aws:logs:us-east-2:111122223333:log-group:trail-logs:log-stream:111122223333_CloudTrail_us-east-2";
    String role = "arn:aws:sts::111122223333:assumed-role/CloudTrail_CloudWatchLogs_Role/session";
    PolicyInput complete = TestPolicies.identity("""
        {"Sid":"AWSCloudTrailCreateLogStream2014110","Effect":"Allow","Action":["logs:CreateLogStream"],
         "Resource":["arn:aws:logs:us-east-2:111122223333:log-group:trail-logs:log-stream:111122223333_CloudTrail_us-east-2*"]},
        {"Sid":"AWSCloudTrailPutLogEvents20141101","Effect":"Allow","Action":["logs:PutLogEvents"],
         "Resource":["arn:aws:logs:us-east-2:111122223333:log-group:trail-logs:log-stream:111122223333_CloudTrail_us-east-2*"]}""");
    PolicyInput broken = TestPolicies.identity("""
        {"Sid":"AWSCloudTrailCreateLogStream2014110","Effect":"Allow","Action":["logs:CreateLogStream"],
         "Resource":["arn:aws:logs:us-east-2:111122223333:log-group:trail-logs:log-stream:*"]}""");
    Decision ok = PolicyEvaluator.evaluate(List.of(complete), AccessRequest.of(role, "logs:PutLogEvents", stream));
    assertEquals(Decision.Outcome.ALLOWED, ok.outcome());
    assertEquals("AWSCloudTrailPutLogEvents20141101", ok.statements().get(0).sid());
    assertEquals(Decision.Outcome.IMPLICIT_DENY,
        PolicyEvaluator.evaluate(List.of(broken), AccessRequest.of(role, "logs:PutLogEvents", stream)).outcome());
    assertEquals(Decision.Outcome.ALLOWED,
        PolicyEvaluator.evaluate(List.of(broken), AccessRequest.of(role, "logs:CreateLogStream", stream)).outcome());
  }

  @Test
  @DisplayName("Service principals are judged by the resource policy only; identity statements do not apply to them")
  void servicePrincipal() {
    PolicyInput id = TestPolicies.identity("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
    assertEquals(Decision.Outcome.IMPLICIT_DENY, PolicyEvaluator.evaluate(List.of(id),
        AccessRequest.of("cloudtrail.amazonaws.com", "s3:PutObject", "arn:aws:s3:::b/k")).outcome());
    PolicyInput noPrincipal = TestPolicies.resource("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
    assertEquals(Decision.Outcome.IMPLICIT_DENY, TestPolicies.outcome(noPrincipal,
        AccessRequest.of("cloudtrail.amazonaws.com", "s3:PutObject", "arn:aws:s3:::b/k")),
        "a resource policy statement without Principal grants nothing");
  }
}
