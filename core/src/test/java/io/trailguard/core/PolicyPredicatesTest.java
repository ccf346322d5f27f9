package io.trailguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The DSL's policy questions: access, public, who_may, and fixes generated from missing grants. */
class PolicyPredicatesTest {
    private static final String BUCKET = "arn:aws:s3:::logs";

    private static Snapshot snapshot(String policyJson) {
        return Snapshot.parse("""
                {"snapshotVersion": 1, "capturedAt": "2026-11-20T09:00:00Z", "accounts": ["111111111111"],
                 "resources": [{"type": "AWS::S3::Bucket", "id": "arn:aws:s3:::logs", "accountId": "111111111111",
                   "region": "us-east-1", "configuration": {"Name": "logs"%s}}]}
                """.formatted(policyJson == null ? "" : ", \"Policy\": " + policyJson), "test");
    }

    private static Finding scan(String require, String policyJson, String... extra) {
        RulePack pack = RulePack.parse("p.yaml", String.join("\n", "apiVersion: trailguard/v1", "id: P-01",
                "title: Policy question", "severity: high", "resource: AWS::S3::Bucket", "description: test",
                "require: " + require, "message: fails", String.join("\n", extra)));
        List<Finding> fs = Engine.create().scan(pack, snapshot(policyJson)).findings();
        assertThat(fs).hasSize(1);
        return fs.get(0);
    }

    private static final String PUBLIC_READ = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*",
             "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}]}""";
    private static final String ORG_ONLY = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "OrgRead", "Effect": "Allow", "Principal": "*",
             "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}""";

    @Test
    void publicFollowsTheBlockPublicAccessDefinition() {
        Finding open = scan("{not: {public: $.Policy}}", PUBLIC_READ);
        assertThat(open.status()).isEqualTo(Status.FAIL);
        assertThat(open.evidence().get(0).value()).contains("PublicRead");
        // A fixed aws:PrincipalOrgID makes a statement to * non-public.
        assertThat(scan("{not: {public: $.Policy}}", ORG_ONLY).status()).isEqualTo(Status.PASS);
        // No policy: nothing public.
        assertThat(scan("{not: {public: $.Policy}}", null).status()).isEqualTo(Status.PASS);
    }

    @Test
    void whoMayListsTheGranteesWithTheirBreadth() {
        String req = "{who_may: {action: s3:GetObject, resource: \"" + BUCKET + "/AWSLogs/x\"}, none: {path: $.breadth, equals: EVERYONE}}";
        assertThat(scan(req, PUBLIC_READ).status()).isEqualTo(Status.FAIL);
        assertThat(scan(req, """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/reader"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}]}""").status()).isEqualTo(Status.PASS);
    }

    @Test
    void aMalformedPolicyIsUnknownNotACrash() {
        Finding f = scan("{not: {public: $.Policy}}", "{\"Statement\": [{\"Effect\": \"Perhaps\"}]}");
        assertThat(f.status()).isEqualTo(Status.UNKNOWN);
        assertThat(f.unknown().code()).isEqualTo(UnknownReason.Code.MALFORMED_POLICY);
        assertThat(f.unknown().detail()).contains("arn:aws:s3:::logs").contains("/Statement/0");
    }

    @Test
    void aDeniedRequiredRequestYieldsTheGrantThatFixesIt() {
        String req = "{access: {principal: cloudtrail.amazonaws.com, action: s3:PutObject, "
                + "resource: \"arn:aws:s3:::logs/AWSLogs/222222222222/x.json.gz\", "
                + "context: {s3:x-amz-acl: bucket-owner-full-control, aws:SourceAccount: \"222222222222\"}}, is: allowed}";
        String change = "  changes: [{api: \"s3:PutBucketPolicy\", target: self, appendEach: {/Policy/Statement: \"{{ missing.statements }}\"}}]";
        Finding f = scan(req, ORG_ONLY, "fix:", "  summary: grant it", change);
        assertThat(f.status()).isEqualTo(Status.FAIL);
        assertThat(f.evidence().get(0).value()).startsWith("IMPLICIT_DENY");
        assertThat(f.fix().cli().get(0)).startsWith("aws s3api put-bucket-policy --bucket logs --policy '")
                .contains("\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"}")
                .contains("AWSLogs/222222222222/").contains("--region");
        RulePack pack = RulePack.parse("p.yaml", String.join("\n", "apiVersion: trailguard/v1", "id: P-01",
                "title: Policy question", "severity: high", "resource: AWS::S3::Bucket", "description: test",
                "require: " + req, "message: fails", "fix:", "  summary: grant it", change));
        Snapshot snap = snapshot(ORG_ONLY);
        ScanResult before = Engine.create().scan(pack, snap);
        assertThat(Engine.create().proveFix(pack, snap, before.findings().get(0), before).proven()).isTrue();
    }
}
