package io.trailguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code access: {delivery: ...}} asks a policy what the catalogued AWS delivery sends, and an account-principal grant
 * that depends on identity policies the rule did not bring is UNKNOWN, not PASS. Policies from
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html (target bucket policy) and
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts.
 */
class DeliveryFormTest {
    private static final String SNAPSHOT = """
            {"snapshotVersion": 1, "capturedAt": "2026-11-20T09:00:00Z",
             "accounts": ["111122223333"],
             "resources": [
              {"type": "AWS::S3::Bucket", "id": "arn:aws:s3:::amzn-s3-demo-destination-bucket", "accountId": "111122223333",
               "region": "us-east-1", "configuration": {"Name": "amzn-s3-demo-destination-bucket",
                "Policy": {"Version": "2012-10-17", "Statement": [
                  {"Sid": "S3ServerAccessLogsPolicy", "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"},
                   "Action": ["s3:PutObject"], "Resource": "arn:aws:s3:::amzn-s3-demo-destination-bucket/EXAMPLE-LOGGING-PREFIX*",
                   "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-source-bucket"},
                                 "StringEquals": {"aws:SourceAccount": "111122223333"}}},
                  {"Sid": "Acct", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-destination-bucket/*"}]}}}
             ]}""";

    private static Finding run(String require) {
        RulePack pack = RulePack.parse("test.yaml", String.join("\n",
                "apiVersion: trailguard/v1", "id: T-01", "title: Test rule", "severity: high",
                "resource: AWS::S3::Bucket", "description: test", "require: " + require, "message: \"{{ self.id }} fails\""));
        return Engine.create().scan(pack, Snapshot.parse(SNAPSHOT, "test")).findings().get(0);
    }

    private static String logging(String source) {
        return "{access: {policy: {of: self, path: $.Policy}, delivery: s3-server-access-logs, values: {targetBucket: "
                + "'{{ self.Name }}', targetPrefix: EXAMPLE-LOGGING-PREFIX, sourceBucket: " + source
                + ", sourceAccount: '{{ self.accountId }}'}}}";
    }

    @Test
    void aDeliveryAsksWhatTheServiceSends() {
        assertThat(run(logging("amzn-s3-demo-source-bucket")).status()).isEqualTo(Status.PASS);
        assertThat(run(logging("another-source-bucket")).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void anAccountGrantWithoutTheIdentityPoliciesIsUnknown() {
        Finding f = run("{access: {policy: {of: self, path: $.Policy}, principal: 'arn:aws:iam::111122223333:role/reader',"
                + " action: s3:GetObject, resource: 'arn:aws:s3:::amzn-s3-demo-destination-bucket/k'}}");
        assertThat(f.status()).isEqualTo(Status.UNKNOWN);
        assertThat(f.unknownIfAny().orElseThrow().detail()).contains("delegates to that account's IAM policies");
    }

    private static List<String> problems(String require) {
        return assertThrows(InvalidInputException.class, () -> run(require)).problems().stream()
                .map(Problem::message).toList();
    }

    @Test
    void mistakesAreNamedAtParseTime() {
        assertThat(problems("{access: {policy: $.Policy, delivery: s3-server-access-log}}"))
                .anySatisfy(m -> assertThat(m).contains("no delivery 's3-server-access-log'").contains("s3-server-access-logs"));
        assertThat(problems("{access: {policy: $.Policy, delivery: s3-server-access-logs, values: {targetBucket: x}}}"))
                .anySatisfy(m -> assertThat(m).contains("needs a value for targetPrefix"));
        assertThat(problems("{access: {policy: $.Policy, delivery: s3-server-access-logs, values: {bucket: x}}}"))
                .anySatisfy(m -> assertThat(m).contains("has no placeholder 'bucket'"));
        assertThat(problems("{access: {policy: $.Policy, delivery: s3-server-access-logs, from: self, action: s3:GetObject}}"))
                .anySatisfy(m -> assertThat(m).contains("comes from the delivery catalogue"));
    }
}
