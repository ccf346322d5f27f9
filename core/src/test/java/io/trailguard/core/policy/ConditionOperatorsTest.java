package io.trailguard.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Condition operators, qualifiers and missing-key behaviour. Each test names the example of the IAM User Guide it
 * follows ("IAM JSON policy elements: Condition operators", "Single-valued vs. multivalued context keys", "IAM
 * policy elements: Variables and tags").
 */
class ConditionOperatorsTest {
  private static final String USER = "arn:aws:iam::111122223333:user/carlos";

  /** Whether an identity policy "Allow s3:ListBucket on * when {condition}" allows the request. */
  private static boolean holds(String condition, AccessRequest request) {
    return holds("2012-10-17", condition, request);
  }

  private static boolean holds(String version, String condition, AccessRequest request) {
    PolicyDocument d = TestPolicies.doc("{\"Version\":\"" + version + "\",\"Statement\":{\"Effect\":\"Allow\","
        + "\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":" + condition + "}}");
    return PolicyEvaluator.evaluate(List.of(PolicyInput.identity("p", d)), request).allowed();
  }

  private static AccessRequest req(String... keyValues) {
    AccessRequest r = AccessRequest.of(USER, "s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket");
    for (int i = 0; i < keyValues.length; i += 2) {
      r = r.with(keyValues[i], keyValues[i + 1].split("\\|", -1));
    }
    return r;
  }

  private static AccessRequest noKeys() {
    return req();
  }

  @Nested
  class Strings {
    private static final String EQ = "{\"StringEquals\":{\"aws:PrincipalTag/job-category\":\"iamuser-admin\"}}";

    @Test
    @DisplayName("StringEquals — doc example aws:PrincipalTag/job-category = iamuser-admin: exact, case-sensitive")
    void stringEquals() {
      assertEquals(true, holds(EQ, req("aws:PrincipalTag/job-category", "iamuser-admin")));
      assertEquals(false, holds(EQ, req("aws:PrincipalTag/job-category", "IAMUser-Admin")));
      assertEquals(false, holds(EQ, noKeys()), "a missing key does not match a positive operator");
      // '*' is literal for StringEquals
      assertEquals(false, holds("{\"StringEquals\":{\"k\":\"a*\"}}", req("k", "abc")));
      assertEquals(true, holds("{\"StringEquals\":{\"k\":\"a*\"}}", req("k", "a*")));
      // condition key names are case-insensitive
      assertEquals(true, holds(EQ, req("AWS:principaltag/JOB-CATEGORY", "iamuser-admin")));
    }

    @Test
    @DisplayName("StringNotEquals — doc: a negated operator is true when the key is missing")
    void stringNotEquals() {
      String c = "{\"StringNotEquals\":{\"aws:PrincipalTag/job-category\":[\"a\",\"b\"]}}";
      assertEquals(false, holds(c, req("aws:PrincipalTag/job-category", "b")));
      assertEquals(true, holds(c, req("aws:PrincipalTag/job-category", "c")));
      assertEquals(true, holds(c, noKeys()));
    }

    @Test
    @DisplayName("StringEqualsIgnoreCase / StringNotEqualsIgnoreCase — doc example aws:PrincipalTag/name = JohnDoe")
    void ignoreCase() {
      String eq = "{\"StringEqualsIgnoreCase\":{\"aws:PrincipalTag/name\":\"JohnDoe\"}}";
      String ne = "{\"StringNotEqualsIgnoreCase\":{\"aws:PrincipalTag/name\":\"JohnDoe\"}}";
      assertEquals(true, holds(eq, req("aws:PrincipalTag/name", "johndoe")));
      assertEquals(false, holds(eq, req("aws:PrincipalTag/name", "janedoe")));
      assertEquals(false, holds(ne, req("aws:PrincipalTag/name", "JOHNDOE")));
      assertEquals(true, holds(ne, req("aws:PrincipalTag/name", "janedoe")));
      assertEquals(true, holds(ne, noKeys()));
    }

    @Test
    @DisplayName("StringLike — doc example s3:prefix [\"\", \"home/\", \"home/${aws:username}/\"] with a policy variable")
    void stringLikeWithVariable() {
      String c = "{\"StringLike\":{\"s3:prefix\":[\"\",\"home/\",\"home/${aws:username}/*\"]}}";
      assertEquals(true, holds(c, req("s3:prefix", "home/carlos/photos/")));
      assertEquals(true, holds(c, req("s3:prefix", "")));
      assertEquals(false, holds(c, req("s3:prefix", "home/maria/")));
      assertEquals(false, holds(c, req("s3:prefix", "HOME/")), "StringLike is case-sensitive");
      assertEquals(true, holds("{\"StringLike\":{\"k\":\"a?c\"}}", req("k", "abc")));
      assertEquals(false, holds("{\"StringLike\":{\"k\":\"a?c\"}}", req("k", "ac")));
    }

    @Test
    @DisplayName("Policy variables — doc: ${*}, ${?}, ${$} are literal characters; version 2008-10-17 does not substitute")
    void specialVariables() {
      assertEquals(true, holds("{\"StringLike\":{\"k\":\"a${*}b\"}}", req("k", "a*b")));
      assertEquals(false, holds("{\"StringLike\":{\"k\":\"a${*}b\"}}", req("k", "axxb")));
      assertEquals(true, holds("{\"StringLike\":{\"k\":\"a${?}\"}}", req("k", "a?")));
      assertEquals(false, holds("{\"StringLike\":{\"k\":\"a${?}\"}}", req("k", "ab")));
      assertEquals(true, holds("{\"StringEquals\":{\"k\":\"${$}{x}\"}}", req("k", "${x}")));
      String acct = "{\"StringEquals\":{\"s3:prefix\":\"${aws:SourceAccount}\"}}";
      assertEquals(true, holds(acct, req("s3:prefix", "444455556666", "aws:SourceAccount", "444455556666")));
      assertEquals(false, holds(acct, req("s3:prefix", "444455556666")), "unresolved variable never matches");
      String legacy = "{\"StringEquals\":{\"s3:prefix\":\"home/${aws:username}\"}}";
      assertEquals(false, holds("2008-10-17", legacy, req("s3:prefix", "home/carlos")));
      assertEquals(true, holds("2008-10-17", legacy, req("s3:prefix", "home/${aws:username}")));
      assertEquals(true, holds("{\"StringEquals\":{\"k\":\"${aws:PrincipalTag/team, 'company-wide'}\"}}",
          req("k", "company-wide")), "default value of an absent variable");
    }

    @Test
    @DisplayName("StringNotLike — doc: true when no policy pattern matches, and when the key is missing")
    void stringNotLike() {
      String c = "{\"StringNotLike\":{\"aws:userid\":\"AROAEXAMPLEID:*\"}}";
      assertEquals(false, holds(c, req("aws:userid", "AROAEXAMPLEID:alice")));
      assertEquals(true, holds(c, req("aws:userid", "AIDAOTHER")));
      assertEquals(true, holds(c, noKeys()));
    }
  }

  @Test
  @DisplayName("Numeric operators — doc example NumericLessThanEquals s3:max-keys 10")
  void numeric() {
    String le = "{\"NumericLessThanEquals\":{\"s3:max-keys\":\"10\"}}";
    assertEquals(true, holds(le, req("s3:max-keys", "10")));
    assertEquals(true, holds(le, req("s3:max-keys", "9.5")));
    assertEquals(false, holds(le, req("s3:max-keys", "11")));
    assertEquals(false, holds(le, req("s3:max-keys", "ten")));
    assertEquals(false, holds(le, noKeys()));
    assertEquals(true, holds("{\"NumericEquals\":{\"n\":10}}", req("n", "10.0")));
    assertEquals(false, holds("{\"NumericNotEquals\":{\"n\":10}}", req("n", "10")));
    assertEquals(true, holds("{\"NumericNotEquals\":{\"n\":10}}", noKeys()));
    assertEquals(true, holds("{\"NumericLessThan\":{\"n\":10}}", req("n", "-3")));
    assertEquals(false, holds("{\"NumericLessThan\":{\"n\":10}}", req("n", "10")));
    assertEquals(true, holds("{\"NumericGreaterThan\":{\"n\":10}}", req("n", "10.01")));
    assertEquals(false, holds("{\"NumericGreaterThan\":{\"n\":10}}", req("n", "10")));
    assertEquals(true, holds("{\"NumericGreaterThanEquals\":{\"n\":10}}", req("n", "10")));
  }

  @Test
  @DisplayName("Date operators — doc example DateGreaterThan aws:TokenIssueTime 2020-01-01T00:00:01Z; epoch seconds")
  void dates() {
    String gt = "{\"DateGreaterThan\":{\"aws:TokenIssueTime\":\"2020-01-01T00:00:01Z\"}}";
    assertEquals(true, holds(gt, req("aws:TokenIssueTime", "2020-01-01T00:00:02Z")));
    assertEquals(false, holds(gt, req("aws:TokenIssueTime", "2020-01-01T00:00:01Z")));
    assertEquals(true, holds(gt, req("aws:TokenIssueTime", "1577836802")), "epoch seconds");
    assertEquals(false, holds(gt, noKeys()));
    assertEquals(true, holds("{\"DateLessThan\":{\"aws:CurrentTime\":\"2025-06-30\"}}",
        req("aws:CurrentTime", "2025-06-29T23:59:59Z")));
    assertEquals(true, holds("{\"DateEquals\":{\"d\":\"2020-01-01T01:00:00+01:00\"}}", req("d", "2020-01-01T00:00:00Z")));
    assertEquals(false, holds("{\"DateNotEquals\":{\"d\":\"2020-01-01T00:00:00Z\"}}", req("d", "1577836800")));
    assertEquals(true, holds("{\"DateLessThanEquals\":{\"d\":\"2020-01-01T00:00:00Z\"}}", req("d", "1577836800")));
    assertEquals(true, holds("{\"DateGreaterThanEquals\":{\"d\":\"2020-01-01T00:00:00Z\"}}", req("d", "1577836800")));
  }

  @Test
  @DisplayName("Bool — doc example Deny when aws:SecureTransport is false; a missing key does not trigger it (use BoolIfExists)")
  void boolAndDenyInsecureTransport() {
    PolicyInput bucket = TestPolicies.resource("""
        {"Sid":"AllowAccount","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"},
        {"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
         "Condition":{"Bool":{"aws:SecureTransport":"false"}}}""");
    AccessRequest r = AccessRequest.of(USER, "s3:GetObject", "arn:aws:s3:::b/k");
    assertEquals(Decision.Outcome.EXPLICIT_DENY, TestPolicies.outcome(bucket, r.with("aws:SecureTransport", "false")));
    assertEquals(Decision.Outcome.ALLOWED_IF_IDENTITY_ALLOWS, TestPolicies.outcome(bucket, r.with("aws:SecureTransport", "TRUE")));
    assertEquals(Decision.Outcome.ALLOWED_IF_IDENTITY_ALLOWS, TestPolicies.outcome(bucket, r), "Bool on a missing key is false");
    PolicyInput ifExists = TestPolicies.resource("""
        {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"},
        {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
         "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}""");
    assertEquals(Decision.Outcome.EXPLICIT_DENY, TestPolicies.outcome(ifExists, r), "BoolIfExists: missing → true");
    assertEquals(Decision.Outcome.ALLOWED_IF_IDENTITY_ALLOWS,
        TestPolicies.outcome(ifExists, r.with("aws:MultiFactorAuthPresent", "true")));
  }

  @Test
  @DisplayName("BinaryEquals — doc example key = QmluYXJ5VmFsdWVJbkJhc2U2NA== (base64)")
  void binaryEquals() {
    String c = "{\"BinaryEquals\":{\"key\":\"QmluYXJ5VmFsdWVJbkJhc2U2NA==\"}}";
    assertEquals(true, holds(c, req("key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==")));
    assertEquals(false, holds(c, req("key", "QmluYXJ5VmFsdWU=")));
    assertEquals(false, holds(c, noKeys()));
  }

  @Test
  @DisplayName("IpAddress / NotIpAddress — doc examples 203.0.113.0/24 and 2001:DB8:1234:5678::/64")
  void ipAddress() {
    String c = "{\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\",\"2001:DB8:1234:5678::/64\"]}}";
    assertEquals(true, holds(c, req("aws:SourceIp", "203.0.113.77")));
    assertEquals(false, holds(c, req("aws:SourceIp", "203.0.114.1")));
    assertEquals(true, holds(c, req("aws:SourceIp", "2001:db8:1234:5678:0:0:0:1")));
    assertEquals(false, holds(c, req("aws:SourceIp", "2001:db8:1234:5679::1")));
    assertEquals(false, holds(c, req("aws:SourceIp", "not-an-ip")));
    assertEquals(false, holds(c, noKeys()));
    assertEquals(true, holds("{\"IpAddress\":{\"aws:SourceIp\":\"198.51.100.7\"}}", req("aws:SourceIp", "198.51.100.7")));
    String not = "{\"NotIpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}";
    assertEquals(false, holds(not, req("aws:SourceIp", "203.0.113.5")));
    assertEquals(true, holds(not, req("aws:SourceIp", "192.0.2.1")));
    assertEquals(true, holds(not, noKeys()));
    assertEquals(true, holds("{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}", req("aws:SourceIp", "8.8.8.8")));
  }

  @Test
  @DisplayName("ArnEquals / ArnLike — doc SQS example aws:SourceArn = arn:aws:sns:REGION:123456789012:TOPIC-ID; per-component wildcards")
  void arnOperators() {
    String eq = "{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:123456789012:my-topic\"}}";
    assertEquals(true, holds(eq, req("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:my-topic")));
    assertEquals(false, holds(eq, req("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:my-topic2")));
    String like = "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:cloudtrail:*:111122223333:trail/*\"}}";
    assertEquals(true, holds(like, req("aws:SourceArn", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/t")));
    assertEquals(false, holds(like, req("aws:SourceArn", "arn:aws:cloudtrail:eu-west-1:444455556666:trail/t")));
    // '*' in the region component cannot swallow the ':' that ends it
    assertEquals(false, holds("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:topic\"}}",
        req("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic")));
    assertEquals(false, holds("{\"ArnNotEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:123456789012:t\"}}",
        req("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:t")));
    assertEquals(true, holds("{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:123456789012:*\"}}",
        req("aws:SourceArn", "arn:aws:sns:us-east-1:999999999999:t")));
    assertEquals(true, holds("{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:123456789012:*\"}}", noKeys()));
  }

  @Test
  @DisplayName("Null — doc example Null aws:TokenIssueTime true: the key is absent")
  void nullOperator() {
    String absent = "{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}";
    assertEquals(true, holds(absent, noKeys()));
    assertEquals(false, holds(absent, req("aws:TokenIssueTime", "2020-01-01T00:00:00Z")));
    String present = "{\"Null\":{\"aws:TokenIssueTime\":\"false\"}}";
    assertEquals(false, holds(present, noKeys()));
    assertEquals(true, holds(present, req("aws:TokenIssueTime", "2020-01-01T00:00:00Z")));
  }

  @Test
  @DisplayName("...IfExists — doc example StringLikeIfExists ec2:InstanceType [t1.*, t2.*, m3.*]")
  void ifExists() {
    String c = "{\"StringLikeIfExists\":{\"ec2:InstanceType\":[\"t1.*\",\"t2.*\",\"m3.*\"]}}";
    assertEquals(true, holds(c, noKeys()), "missing key → true");
    assertEquals(true, holds(c, req("ec2:InstanceType", "t2.micro")));
    assertEquals(false, holds(c, req("ec2:InstanceType", "m5.large")), "present key is tested normally");
    assertEquals(true, holds("{\"NumericLessThanIfExists\":{\"n\":5}}", noKeys()));
    assertEquals(true, holds("{\"IpAddressIfExists\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}", noKeys()));
  }

  @Nested
  class SetOperators {
    private static final String ALL =
        "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"environment\",\"cost-center\"]}}";
    private static final String ANY =
        "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"environment\",\"cost-center\"]}}";

    @Test
    @DisplayName("ForAllValues — doc example aws:TagKeys ⊆ {environment, cost-center}; missing or empty key → true")
    void forAllValues() {
      assertEquals(true, holds(ALL, req("aws:TagKeys", "environment")));
      assertEquals(true, holds(ALL, req("aws:TagKeys", "environment|cost-center")));
      assertEquals(false, holds(ALL, req("aws:TagKeys", "environment|owner")));
      assertEquals(true, holds(ALL, noKeys()), "doc warning: ForAllValues is true when the key is missing");
      assertEquals(true, holds(ALL, req().with("aws:TagKeys")), "…and when it has no values");
    }

    @Test
    @DisplayName("ForAnyValue — doc example: at least one of aws:TagKeys in the set; missing key → false")
    void forAnyValue() {
      assertEquals(true, holds(ANY, req("aws:TagKeys", "owner|cost-center")));
      assertEquals(false, holds(ANY, req("aws:TagKeys", "owner|team")));
      assertEquals(false, holds(ANY, noKeys()));
      assertEquals(true, holds("{\"ForAnyValue:StringEqualsIfExists\":{\"aws:TagKeys\":\"x\"}}", noKeys()));
    }

    @Test
    @DisplayName("Set operators with negated operators — doc: ForAllValues:StringNotLike / ForAnyValue:StringNotEquals")
    void negatedSets() {
      String allNot = "{\"ForAllValues:StringNotLike\":{\"aws:TagKeys\":\"secret*\"}}";
      assertEquals(true, holds(allNot, req("aws:TagKeys", "a|b")));
      assertEquals(false, holds(allNot, req("aws:TagKeys", "a|secret-x")));
      String anyNot = "{\"ForAnyValue:StringNotEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}";
      assertEquals(true, holds(anyNot, req("aws:TagKeys", "a|c")));
      assertEquals(false, holds(anyNot, req("aws:TagKeys", "a|b")));
      assertEquals(false, holds(anyNot, noKeys()));
    }

    @Test
    @DisplayName("Unqualified operator on a multivalued key: positive needs one matching value, negated needs none")
    void unqualifiedMultivalued() {
      assertEquals(true, holds("{\"StringEquals\":{\"aws:TagKeys\":\"b\"}}", req("aws:TagKeys", "a|b")));
      assertEquals(false, holds("{\"StringNotEquals\":{\"aws:TagKeys\":\"b\"}}", req("aws:TagKeys", "a|b")));
      assertEquals(true, holds("{\"StringNotEquals\":{\"aws:TagKeys\":\"b\"}}", req("aws:TagKeys", "a|c")));
    }
  }

  @Test
  @DisplayName("Condition block logic — doc: operators and keys are ANDed, values of one key ORed")
  void andOrLogic() {
    String c = "{\"StringEquals\":{\"a\":[\"1\",\"2\"],\"b\":\"x\"},\"NumericLessThan\":{\"n\":5}}";
    assertEquals(true, holds(c, req("a", "2", "b", "x", "n", "4")));
    assertEquals(false, holds(c, req("a", "3", "b", "x", "n", "4")));
    assertEquals(false, holds(c, req("a", "1", "b", "y", "n", "4")));
    assertEquals(false, holds(c, req("a", "1", "b", "x", "n", "5")));
  }

  @Test
  @DisplayName("Derived keys — aws:username, aws:PrincipalAccount and aws:PrincipalArn come from the principal")
  void derivedKeys() {
    assertEquals(true, holds("{\"StringEquals\":{\"aws:username\":\"carlos\"}}", noKeys()));
    assertEquals(true, holds("{\"StringEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}", noKeys()));
    assertEquals(true, holds("{\"ArnEquals\":{\"aws:PrincipalArn\":\"" + USER + "\"}}", noKeys()));
  }
}
