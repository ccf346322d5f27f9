package io.trailguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code aws:SourceOrgPaths}: CloudTrail sends it with {@code aws:SourceOrgID} for a trail whose account belongs to
 * an organisation (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgpaths:
 * the key holds the Organizations path of the source resource's account and is multivalued, so policies test it with
 * {@code ForAnyValue:}). A bucket policy that admits one organisational unit's trails passes a trail of that unit,
 * fails a trail of another, and is UNKNOWN when the snapshot does not give the account's path. The bucket policy is
 * AWS's documented CloudTrail bucket policy
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html) with the
 * IAM page's {@code aws:SourceOrgPaths} condition in place of {@code aws:SourceArn}.
 */
class SourceOrgPathsTest {
    private static final String OU = "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/";

    private static String snapshot(String accountPath, String ouInPolicy, String operator) {
        String account = accountPath == null ? "\"111111111111\""
                : "{\"id\": \"111111111111\", \"organizationPath\": \"" + accountPath + "\"}";
        return """
                {"snapshotVersion": 1, "capturedAt": "2026-11-20T09:00:00Z",
                 "organization": {"id": "o-a1b2c3d4e5", "managementAccountId": "111111111111"},
                 "accounts": [ACCOUNT],
                 "resources": [
                  {"type": "AWS::CloudTrail::Trail", "id": "arn:aws:cloudtrail:us-east-1:111111111111:trail/t",
                   "accountId": "111111111111", "region": "us-east-1",
                   "configuration": {"Name": "t", "S3BucketName": "amzn-s3-demo-bucket", "IsOrganizationTrail": false}},
                  {"type": "AWS::S3::Bucket", "id": "arn:aws:s3:::amzn-s3-demo-bucket", "accountId": "111111111111",
                   "region": "us-east-1", "configuration": {"Name": "amzn-s3-demo-bucket",
                    "Policy": {"Version": "2012-10-17", "Statement": [
                      {"Sid": "AWSCloudTrailAclCheck20150319", "Effect": "Allow",
                       "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:GetBucketAcl",
                       "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"},
                      {"Sid": "AWSCloudTrailWrite20150319", "Effect": "Allow",
                       "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject",
                       "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/111111111111/*",
                       "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"},
                                     "OPERATOR": {"aws:SourceOrgPaths": ["POLICY_OU*"]}}}]}}}
                 ]}""".replace("ACCOUNT", account).replace("POLICY_OU", ouInPolicy).replace("OPERATOR", operator);
    }

    private static Finding s3Put(String snapshot) {
        RulePack pack = RulePack.parse("test.yaml", String.join("\n",
                "apiVersion: trailguard/v1", "id: T-01", "title: Test rule", "severity: high",
                "resource: AWS::S3::Bucket", "description: test",
                "require: {related: deliveries, every: {access: {policy: {of: self, path: $.Policy},"
                        + " delivery: cloudtrail-s3-put, from: deliveries}}}",
                "message: \"{{ self.id }} fails\""));
        return Engine.create().scan(pack, Snapshot.parse(snapshot, "test")).findings().get(0);
    }

    @Test
    void aTrailOfTheAdmittedUnitPasses() {
        assertThat(s3Put(snapshot(OU, OU, "ForAnyValue:StringLike")).status()).isEqualTo(Status.PASS);
    }

    @Test
    void aTrailOfAnotherUnitFails() {
        Finding f = s3Put(snapshot("o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/", OU, "ForAnyValue:StringLike"));
        assertThat(f.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void anUnknownPathIsUnknownNeverFail() {
        Finding f = s3Put(snapshot(null, OU, "ForAnyValue:StringLike"));
        assertThat(f.status()).isEqualTo(Status.UNKNOWN);
        assertThat(f.unknownIfAny().orElseThrow().code()).isEqualTo(UnknownReason.Code.NOT_IN_SNAPSHOT);
        assertThat(f.unknownIfAny().orElseThrow().detail()).contains("aws:SourceOrgPaths").contains("orgPaths");
    }

    @Test
    void onlyAnAnswerThatDependsOnThePathIsUnknown() {
        // a negated test on a key AWS sends holds for a path outside the listed unit and fails inside it: unknown
        assertThat(s3Put(snapshot(null, OU, "ForAllValues:StringNotLike")).status()).isEqualTo(Status.UNKNOWN);
        // the policy's other grants decide alone when the conditioned statement cannot change the answer
        String deniedAnyway = snapshot(null, OU, "ForAnyValue:StringLike").replace("AWSLogs/111111111111/*",
                "AWSLogs/999999999999/*");
        assertThat(s3Put(deniedAnyway).status()).isEqualTo(Status.FAIL);
    }
}
