package io.trailguard.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Account principals delegate to the account's IAM policies, and KMS key policies decide whether IAM policies count
 * at all. Every policy below is an example of the cited AWS page, with its names.
 */
class AccountPrincipalTest {
  private static final String ACCOUNT = "111122223333";
  private static final String USER = "arn:aws:iam::111122223333:user/carlossalazar";
  private static final String ROLE = "arn:aws:iam::111122223333:role/ExampleRole";
  private static final String OBJECT = "arn:aws:s3:::amzn-s3-demo-bucket/k";
  private static final String KEY = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  /** A bucket policy that names the account, as in the IAM User Guide's account-principal examples. */
  private static final PolicyInput ACCOUNT_GRANT = PolicyInput.resource("bucket policy", TestPolicies.statements(
      "{\"Sid\":\"Acct\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"}"), ACCOUNT);

  private static PolicyInput identity(String statements) {
    return PolicyInput.identity("identity policy of carlossalazar", TestPolicies.statements(statements));
  }

  private static final PolicyInput NO_IDENTITY_GRANT = PolicyInput.noIdentityPolicies("carlossalazar (no policies)");
  private static final PolicyInput IDENTITY_GETOBJECT = identity(
      "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");

  @Test
  @DisplayName("IAM Principal element, AWS account principals — doc: an account principal delegates to the account's"
      + " IAM policies; a same-account user needs an identity allow")
  void accountPrincipalDelegatesToIam() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts
    AccessRequest get = AccessRequest.of(USER, "s3:GetObject", OBJECT);
    Decision unknownIdentity = PolicyEvaluator.evaluate(List.of(ACCOUNT_GRANT), get);
    assertEquals(Decision.Outcome.ALLOWED_IF_IDENTITY_ALLOWS, unknownIdentity.outcome(), unknownIdentity::explanation);
    assertTrue(unknownIdentity.explanation().contains("delegates"), unknownIdentity::explanation);
    assertEquals(Decision.Outcome.IMPLICIT_DENY,
        PolicyEvaluator.evaluate(List.of(ACCOUNT_GRANT, NO_IDENTITY_GRANT), get).outcome(),
        "identity policies known, none allows: the account grant allows nothing");
    assertEquals(Decision.Outcome.ALLOWED,
        PolicyEvaluator.evaluate(List.of(ACCOUNT_GRANT, IDENTITY_GETOBJECT), get).outcome());
    assertEquals(Decision.Outcome.ALLOWED, PolicyEvaluator.evaluate(List.of(ACCOUNT_GRANT),
        AccessRequest.of(ACCOUNT, "s3:GetObject", OBJECT)).outcome(), "the account's root user needs no IAM policy");
  }

  @Test
  @DisplayName("IAM policy evaluation logic, same account — doc: a resource policy naming the principal itself"
      + " allows without an identity policy; an identity allow alone suffices")
  void sameAccountDirectGrant() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policies_resource.html
    PolicyInput userGrant = PolicyInput.resource("bucket policy", TestPolicies.statements(
        "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + USER + "\"},\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"}"), ACCOUNT);
    AccessRequest get = AccessRequest.of(USER, "s3:GetObject", OBJECT);
    assertEquals(Decision.Outcome.ALLOWED, PolicyEvaluator.evaluate(List.of(userGrant), get).outcome());
    assertEquals(Decision.Outcome.ALLOWED, PolicyEvaluator.evaluate(List.of(userGrant, NO_IDENTITY_GRANT), get).outcome());
    PolicyInput empty = PolicyInput.resource("bucket policy", TestPolicies.statements(
        "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\","
            + "\"Resource\":\"*\"}"), ACCOUNT);
    assertEquals(Decision.Outcome.ALLOWED, PolicyEvaluator.evaluate(List.of(empty, IDENTITY_GETOBJECT), get).outcome());
    assertEquals(Decision.Outcome.IMPLICIT_DENY, PolicyEvaluator.evaluate(List.of(empty, NO_IDENTITY_GRANT), get).outcome());
  }

  @Test
  @DisplayName("Cross-account policy evaluation logic — doc: both sides must allow; unknown identity is conditional")
  void crossAccountBothSides() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
    String other = "arn:aws:iam::444455556666:role/Auditor";
    PolicyInput grant = PolicyInput.resource("bucket policy", TestPolicies.statements(
        "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + other + "\"},\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"}"), ACCOUNT);
    AccessRequest get = AccessRequest.of(other, "s3:GetObject", OBJECT);
    assertEquals(Decision.Outcome.ALLOWED_IF_IDENTITY_ALLOWS, PolicyEvaluator.evaluate(List.of(grant), get).outcome());
    assertEquals(Decision.Outcome.IMPLICIT_DENY, PolicyEvaluator.evaluate(List.of(grant, NO_IDENTITY_GRANT), get).outcome());
    assertEquals(Decision.Outcome.ALLOWED, PolicyEvaluator.evaluate(List.of(grant, IDENTITY_GETOBJECT), get).outcome());
    assertEquals(Decision.Outcome.IMPLICIT_DENY,
        PolicyEvaluator.evaluate(List.of(ACCOUNT_GRANT, IDENTITY_GETOBJECT), get).outcome(),
        "the bucket names another account");
  }

  // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html — "Allows access to the AWS
  // account and enables IAM policies" and "Allows key users to use the KMS key"
  private static final String ENABLE_IAM = "{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\","
      + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}";
  private static final String KEY_USER = "{\"Sid\":\"Allow use of the key\",\"Effect\":\"Allow\","
      + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/ExampleRole\"},\"Action\":[\"kms:Encrypt\","
      + "\"kms:Decrypt\",\"kms:ReEncrypt*\",\"kms:GenerateDataKey*\",\"kms:DescribeKey\"],\"Resource\":\"*\"}";
  private static final String KEY_ADMIN = "{\"Sid\":\"Allow access for Key Administrators\",\"Effect\":\"Allow\","
      + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/KMSAdminRole\"},\"Action\":[\"kms:Create*\","
      + "\"kms:Describe*\",\"kms:Enable*\",\"kms:List*\",\"kms:Put*\",\"kms:Update*\",\"kms:Revoke*\",\"kms:Disable*\","
      + "\"kms:Get*\",\"kms:Delete*\",\"kms:ScheduleKeyDeletion\",\"kms:CancelKeyDeletion\"],\"Resource\":\"*\"}";

  private static PolicyInput keyPolicy(String statements) {
    return PolicyInput.resource("key policy", TestPolicies.statements(statements), ACCOUNT);
  }

  private static final PolicyInput ROLE_DECRYPT = PolicyInput.identity("ExampleRole policy",
      TestPolicies.statements("{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"" + KEY + "\"}"));

  @Test
  @DisplayName("KMS default key policy — doc: IAM policies take effect only when the key policy allows the account")
  void kmsIamPoliciesNeedTheAccountStatement() {
    AccessRequest decrypt = AccessRequest.of(ROLE, "kms:Decrypt", KEY);
    assertEquals(Decision.Outcome.ALLOWED,
        PolicyEvaluator.evaluate(List.of(keyPolicy(ENABLE_IAM), ROLE_DECRYPT), decrypt).outcome());
    Decision withoutAccount = PolicyEvaluator.evaluate(List.of(keyPolicy(KEY_ADMIN), ROLE_DECRYPT), decrypt);
    assertEquals(Decision.Outcome.IMPLICIT_DENY, withoutAccount.outcome(), withoutAccount::explanation);
    assertTrue(withoutAccount.explanation().contains("Enable IAM User Permissions"), withoutAccount::explanation);
    assertEquals(Decision.Outcome.IMPLICIT_DENY, PolicyEvaluator.evaluate(List.of(keyPolicy(ENABLE_IAM),
        NO_IDENTITY_GRANT), decrypt).outcome(), "account statement, no IAM allow");
    assertEquals(Decision.Outcome.ALLOWED_IF_IDENTITY_ALLOWS,
        PolicyEvaluator.evaluate(List.of(keyPolicy(ENABLE_IAM)), decrypt).outcome());
  }

  @Test
  @DisplayName("KMS default key policy — doc: a key user named in the key policy needs no IAM policy")
  void kmsKeyUserNamedDirectly() {
    AccessRequest decrypt = AccessRequest.of(ROLE, "kms:Decrypt", KEY);
    PolicyInput p = keyPolicy(KEY_ADMIN + "," + KEY_USER);
    assertEquals(Decision.Outcome.ALLOWED, PolicyEvaluator.evaluate(List.of(p), decrypt).outcome());
    assertEquals(Decision.Outcome.ALLOWED, PolicyEvaluator.evaluate(List.of(p,
        NO_IDENTITY_GRANT), decrypt).outcome());
    assertEquals(Decision.Outcome.IMPLICIT_DENY, PolicyEvaluator.evaluate(List.of(p, ROLE_DECRYPT),
        AccessRequest.of(ROLE, "kms:ScheduleKeyDeletion", KEY)).outcome());
  }

  @Test
  @DisplayName("KMS, allowing users in other accounts — doc: the key policy names the account, its IAM policy the"
      + " user; both needed")
  void kmsCrossAccount() {
    // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
    PolicyInput p = keyPolicy(ENABLE_IAM + ",{\"Sid\":\"Allow an external account to use this KMS key\","
        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},"
        + "\"Action\":[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:ReEncrypt*\",\"kms:GenerateDataKey*\",\"kms:DescribeKey\"],"
        + "\"Resource\":\"*\"}");
    String external = "arn:aws:iam::444455556666:role/ExampleRole";
    AccessRequest decrypt = AccessRequest.of(external, "kms:Decrypt", KEY);
    PolicyInput externalIam = PolicyInput.identity("external role policy",
        TestPolicies.statements("{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"" + KEY + "\"}"));
    assertEquals(Decision.Outcome.ALLOWED, PolicyEvaluator.evaluate(List.of(p, externalIam), decrypt).outcome());
    assertEquals(Decision.Outcome.IMPLICIT_DENY, PolicyEvaluator.evaluate(List.of(keyPolicy(ENABLE_IAM), externalIam),
        decrypt).outcome());
    assertEquals(Decision.Outcome.ALLOWED_IF_IDENTITY_ALLOWS, PolicyEvaluator.evaluate(List.of(p), decrypt).outcome());
  }
}
