package io.trailguard.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WhoMayTest {
  private static Map<String, Grantee> byPrincipal(List<Grantee> gs) {
    return gs.stream().collect(Collectors.toMap(g -> g.principal().toString(), g -> g));
  }

  @Test
  @DisplayName("who can s3:DeleteObject on the log bucket: grants, breadth, and Deny statements taken into account")
  void deleteOnLogBucket() {
    PolicyInput bucket = TestPolicies.resource("""
        {"Sid":"Admins","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root",
          "arn:aws:iam::111122223333:role/LogAdmin","arn:aws:iam::444455556666:role/Cleaner"]},
         "Action":"s3:*","Resource":["arn:aws:s3:::central-logs","arn:aws:s3:::central-logs/*"]},
        {"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:Delete*","Resource":"arn:aws:s3:::central-logs/*",
         "Condition":{"Bool":{"aws:SecureTransport":"true"}}},
        {"Sid":"Readers","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},
         "Action":"s3:GetObject","Resource":"arn:aws:s3:::central-logs/*"},
        {"Sid":"NoCleaner","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::444455556666:role/Cleaner"},
         "Action":"s3:DeleteObject","Resource":"*"},
        {"Sid":"NoDeleteWithoutMfa","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:role/LogAdmin"},
         "Action":"s3:DeleteObject","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}""");
    Map<String, Grantee> who = byPrincipal(
        PolicyEvaluator.whoMay(bucket, "s3:DeleteObject", "arn:aws:s3:::central-logs/AWSLogs/1/x.gz"));
    assertEquals(4, who.size(), who.keySet().toString());
    Grantee account = who.get("AWS:arn:aws:iam::111122223333:root");
    assertEquals(Grantee.Breadth.ACCOUNT, account.breadth());
    assertEquals(Grantee.Access.MAY_UNDER_CONDITIONS, account.access(),
        "a Deny on one role of the account limits the account grant");
    Grantee admin = who.get("AWS:arn:aws:iam::111122223333:role/LogAdmin");
    assertEquals(Grantee.Access.MAY_UNDER_CONDITIONS, admin.access());
    assertEquals("resource policy › NoDeleteWithoutMfa", admin.deniedBy().get(0).label());
    Grantee cleaner = who.get("AWS:arn:aws:iam::444455556666:role/Cleaner");
    assertEquals(Grantee.Access.DENIED, cleaner.access());
    assertEquals(Grantee.Breadth.SPECIFIC, cleaner.breadth());
    Grantee everyone = who.get("AWS:*");
    assertEquals(Grantee.Breadth.EVERYONE, everyone.breadth());
    assertEquals(Grantee.Access.MAY_UNDER_CONDITIONS, everyone.access());
    assertEquals(List.of("resource policy › Public"), everyone.allowedBy().stream().map(StatementRef::label).toList());
  }

  @Test
  @DisplayName("who can kms:Decrypt: wildcard principals and a Deny for everyone")
  void decrypt() {
    PolicyInput key = TestPolicies.resource("""
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:role/Reader"},"Action":"kms:Decrypt","Resource":"*"},
        {"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*"}""");
    List<Grantee> gs = PolicyEvaluator.whoMay(key, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k");
    assertEquals(1, gs.size());
    assertEquals(Grantee.Breadth.WILDCARD, gs.get(0).breadth());
    assertEquals(Grantee.Access.MAY, gs.get(0).access());
    PolicyInput denyAll = TestPolicies.resource("""
        {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"kms:*","Resource":"*"},
        {"Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*"}""");
    assertEquals(Grantee.Access.DENIED, PolicyEvaluator.whoMay(denyAll, "kms:Decrypt", "*").get(0).access());
    assertEquals(Grantee.Access.MAY, PolicyEvaluator.whoMay(denyAll, "kms:Encrypt", "*").get(0).access());
  }
}
