package io.trailguard.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "The meaning of public" (S3 User Guide, Blocking public access to your Amazon S3 storage). */
class PublicAccessTest {

  private static PublicAccess check(String statementsJson) {
    return PolicyEvaluator.publicAccess(TestPolicies.resource(statementsJson));
  }

  private static String grant(String principal, String condition) {
    return "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":" + principal
        + ",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\""
        + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
  }

  @Test
  @DisplayName("S3 guide: Principal \"*\" without conditions is public; the statement is the evidence")
  void starIsPublic() {
    PublicAccess p = check(grant("\"*\"", null));
    assertTrue(p.isPublic());
    assertEquals("resource policy › S", p.grants().get(0).statement().label());
    assertTrue(p.grants().get(0).reason().contains("everyone"), p.grants().get(0).reason());
    assertTrue(check(grant("{\"AWS\":\"*\"}", null)).isPublic());
    assertTrue(check(grant("{\"AWS\":[\"111122223333\",\"*\"]}", null)).isPublic());
    assertTrue(check(grant("{\"AWS\":\"arn:aws:iam::*:root\"}", null)).isPublic(), "account wildcard");
  }

  @Test
  @DisplayName("S3 guide: fixed principals (account, role, service) are not public; Deny never makes a policy public")
  void fixedPrincipalsAreNotPublic() {
    assertFalse(check(grant("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", null)).isPublic());
    assertFalse(check(grant("{\"Service\":\"cloudtrail.amazonaws.com\"}", null)).isPublic());
    assertFalse(check("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}").isPublic());
    assertTrue(check("{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"111122223333\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}")
        .isPublic(), "Allow with NotPrincipal grants to everyone else");
  }

  @ParameterizedTest(name = "{0} → public={1}")
  @CsvSource(delimiter = '|', value = {
      "{\"StringEquals\":{\"aws:SourceArn\":\"arn:aws:cloudtrail:us-east-1:111122223333:trail/main\"}}|false",
      "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:cloudtrail:*:111122223333:trail/*\"}}|true",
      "{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}|false",
      "{\"StringEquals\":{\"aws:SourceAccount\":\"${aws:PrincipalAccount}\"}}|true",
      "{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-111bbb22\"}}|false",
      "{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-1a2b3c4d\"}}|false",
      "{\"StringEquals\":{\"aws:SourceOwner\":\"111122223333\"}}|false",
      "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-exampleorgid\"}}|false",
      "{\"StringLike\":{\"aws:PrincipalOrgID\":\"o-*\"}}|true",
      "{\"StringEquals\":{\"s3:DataAccessPointAccount\":\"111122223333\"}}|false",
      "{\"StringEquals\":{\"s3:DataAccessPointArn\":\"arn:aws:s3:us-east-1:111122223333:accesspoint/ap\"}}|false",
      "{\"StringEquals\":{\"aws:userid\":\"AIDAEXAMPLEUSERID\"}}|false",
      "{\"StringLike\":{\"aws:userid\":\"AROAEXAMPLEROLEID:*\"}}|true",
      "{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}|false",
      "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}|false",
      "{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/1\"}}|true",
      "{\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\",\"0.0.0.0/0\"]}}|true",
      "{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/32\"}}|false",
      "{\"IpAddress\":{\"aws:SourceIp\":\"2001::/16\"}}|true",
      "{\"NotIpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}|true",
      "{\"StringNotEquals\":{\"aws:SourceAccount\":\"111122223333\"}}|true",
      "{\"StringEqualsIfExists\":{\"aws:SourceAccount\":\"111122223333\"}}|true",
      "{\"ForAllValues:StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}|true",
      "{\"ForAnyValue:StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}|false",
      "{\"StringEquals\":{\"aws:UserAgent\":\"curl\"}}|true",
      "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}|true",
      "{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}|false",
  })
  @DisplayName("S3 guide: a public grant is non-public only when restricted to fixed values of the listed keys")
  void conditions(String condition, boolean expectPublic) {
    assertEquals(expectPublic, check(grant("\"*\"", condition)).isPublic(), condition);
  }

  @Test
  @DisplayName("every public statement is listed, fixed ones are not")
  void listsAllPublicStatements() {
    PublicAccess p = check(String.join(",",
        "{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}",
        "{\"Sid\":\"B\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}",
        "{\"Sid\":\"C\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringLike\":{\"aws:SourceArn\":\"arn:aws:s3:::*\"}}}"));
    assertEquals(List.of("A", "C"), p.grants().stream().map(g -> g.statement().sid()).toList());
  }
}
