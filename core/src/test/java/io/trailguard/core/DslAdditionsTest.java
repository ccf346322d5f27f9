package io.trailguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The additive DSL pieces used by the rule pack: is: explicitly_denied, knownBucket, accountPublicAccessBlock, loggingTarget. */
class DslAdditionsTest {
    private static final String SNAPSHOT = """
            {"snapshotVersion": 1, "capturedAt": "2026-11-20T09:00:00Z",
             "accounts": ["111111111111", "222222222222"],
             "resources": [
              {"type": "AWS::CloudTrail::Trail", "id": "arn:aws:cloudtrail:us-east-1:111111111111:trail/good",
               "accountId": "111111111111", "region": "us-east-1",
               "configuration": {"Name": "good", "S3BucketName": "logs", "KmsKeyId": "arn:aws:kms:us-east-1:222222222222:key/k"}},
              {"type": "AWS::CloudTrail::Trail", "id": "arn:aws:cloudtrail:us-east-1:111111111111:trail/typo",
               "accountId": "111111111111", "region": "us-east-1",
               "configuration": {"Name": "typo", "S3BucketName": "lgos"}},
              {"type": "AWS::S3::Bucket", "id": "arn:aws:s3:::logs", "accountId": "222222222222", "region": "us-east-1",
               "configuration": {"Name": "logs", "Logging": {"LoggingEnabled": {"TargetBucket": "access", "TargetPrefix": "x/"}},
                "Policy": {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::logs/*",
                   "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::222222222222:role/break-glass"}}}]}}},
              {"type": "AWS::S3::Bucket", "id": "arn:aws:s3:::access", "accountId": "222222222222", "region": "us-east-1",
               "configuration": {"Name": "access", "Policy": {"Version": "2012-10-17", "Statement": []}}},
              {"type": "AWS::S3::AccountPublicAccessBlock", "id": "222222222222", "accountId": "222222222222",
               "region": "global", "configuration": {"BlockPublicAcls": true, "IgnorePublicAcls": true,
                "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}
             ]}""";

    private static RulePack rule(String resource, String require) {
        return RulePack.parse("test.yaml", String.join("\n",
                "apiVersion: trailguard/v1", "id: T-01", "title: Test rule", "severity: high",
                "resource: " + resource, "description: test", "require: " + require, "message: \"{{ self.id }} fails\""));
    }

    private static Status status(String resource, String require, String idSuffix) {
        ScanResult r = Engine.create().scan(rule(resource, require), Snapshot.parse(SNAPSHOT, "test"));
        return r.findings().stream().filter(f -> f.resource().id().endsWith(idSuffix)).findFirst().orElseThrow().status();
    }

    @Test
    void explicitlyDeniedTellsADenyStatementFromNoGrant() {
        String q = "{access: {principal: 'arn:aws:iam::222222222222:role/admin', action: %s, resource: 'arn:aws:s3:::logs/AWSLogs/x'}, is: %s}";
        assertThat(status("AWS::S3::Bucket", q.formatted("s3:DeleteObject", "explicitly_denied"), ":logs")).isEqualTo(Status.PASS);
        // no statement about GetObject: denied, but only implicitly (an IAM policy of the account could allow it)
        assertThat(status("AWS::S3::Bucket", q.formatted("s3:GetObject", "denied"), ":logs")).isEqualTo(Status.PASS);
        assertThat(status("AWS::S3::Bucket", q.formatted("s3:GetObject", "explicitly_denied"), ":logs")).isEqualTo(Status.FAIL);
        // the break-glass role is not covered by the Deny
        String bg = "{access: {principal: 'arn:aws:iam::222222222222:role/break-glass', action: s3:DeleteObject, resource: 'arn:aws:s3:::logs/x'}, is: explicitly_denied}";
        assertThat(status("AWS::S3::Bucket", bg, ":logs")).isEqualTo(Status.FAIL);
    }

    @Test
    void likeMatchesIamStyleWildcards() {
        assertThat(status("AWS::S3::Bucket", "{value: 'arn:aws:iam::222222222222:role/break-glass', like: ['arn:aws:iam::*:role/break-glass']}", ":logs"))
                .isEqualTo(Status.PASS);
        assertThat(status("AWS::S3::Bucket", "{value: 'arn:aws:iam::222222222222:role/break-glass-2', like: ['arn:aws:iam::*:role/break-glass']}", ":logs"))
                .isEqualTo(Status.FAIL);
        assertThat(status("AWS::S3::Bucket", "{value: 'arn:aws:iam::222222222222:role/ops', not_like: ['arn:aws:iam::*:role/break-glass', 'arn:aws:iam::1?1111111111:*']}", ":logs"))
                .isEqualTo(Status.PASS);
        // regular-expression characters in a pattern are literal
        assertThat(status("AWS::S3::Bucket", "{value: 'arn:aws:iam::222222222222:role/a+b', like: ['arn:aws:iam::*:role/a+b']}", ":logs"))
                .isEqualTo(Status.PASS);
        assertThat(status("AWS::S3::Bucket", "{value: 'arn:aws:iam::222222222222:role/aab', like: ['arn:aws:iam::*:role/a+b']}", ":logs"))
                .isEqualTo(Status.FAIL);
    }

    @Test
    void knownBucketIsEmptyWithoutAGapWhenTheBucketIsNowhere() {
        assertThat(status("AWS::CloudTrail::Trail", "{related: knownBucket, exists: true}", "trail/good")).isEqualTo(Status.PASS);
        assertThat(status("AWS::CloudTrail::Trail", "{related: knownBucket, exists: true}", "trail/typo")).isEqualTo(Status.FAIL);
        // the bucket relation keeps saying UNKNOWN (not in snapshot) for the same trail
        assertThat(status("AWS::CloudTrail::Trail", "{related: bucket, exists: true}", "trail/typo")).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void bucketsReachTheirAccountBlockPublicAccessAndTheirLoggingTarget() {
        assertThat(status("AWS::S3::Bucket", "{related: accountPublicAccessBlock, that: {path: $.BlockPublicPolicy, equals: true}}", ":logs"))
                .isEqualTo(Status.PASS);
        assertThat(status("AWS::S3::Bucket", "{related: loggingTarget, that: {path: $.Name, equals: access}}", ":logs"))
                .isEqualTo(Status.PASS);
        assertThat(status("AWS::S3::Bucket", "{related: deliveries, every: {path: $.EncryptionHeader, equals: 'aws:kms'}}", ":logs"))
                .isEqualTo(Status.PASS);
        assertThat(List.of(status("AWS::S3::Bucket", "{related: loggingTarget, exists: true}", ":access")))
                .containsExactly(Status.FAIL);
    }
}
