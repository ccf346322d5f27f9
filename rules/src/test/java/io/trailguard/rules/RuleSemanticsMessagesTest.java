package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.testing.Fixtures;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the findings of CT-01, CFG-01, CFG-02, S3-12, CT-14 and VPC-01 say on the rules' own fixtures (built from the
 * AWS documentation examples their {@code source.note} cites): the message of a FAIL names what is missing, the
 * message of a PASS says what holds.
 */
class RuleSemanticsMessagesTest {
    private static final Path PACK = Path.of("src/main/resources/io/trailguard/rules/pack");

    private static Finding finding(String rule, String fixture, String resource) throws Exception {
        Snapshot s = Fixtures.read(PACK.resolve(fixture));
        return Engine.create().scan(BuiltinRules.pack().filter(r -> r.id().equals(rule)), s).findings().stream()
                .filter(f -> f.ruleId().equals(rule) && f.resource().id().endsWith(resource)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "CT-01|cloudtrail/fixtures/ct-01/selector-union.yaml|111111111111|PASS|reads by arn:aws:cloudtrail:us-east-1:111111111111:trail/audit, writes by arn:aws:cloudtrail:us-east-1:111111111111:trail/audit",
            "CT-01|cloudtrail/fixtures/ct-01/selector-union.yaml|555555555555|PASS|reads by arn:aws:cloudtrail:us-east-1:555555555555:trail/reads, writes by arn:aws:cloudtrail:us-east-1:555555555555:trail/writes",
            "CT-01|cloudtrail/fixtures/ct-01/selector-union.yaml|222222222222|FAIL|No multi-region trail that is logging records read management events (readOnly true) of every service (a selector",
            "CT-01|cloudtrail/fixtures/ct-01/selector-union.yaml|333333333333|FAIL|of every service (a selector that leaves out an event source does not count).",
            "CFG-01|config/fixtures/cfg-01/recording-strategies.yaml|555555555555/us-east-1|FAIL|Recorder default records every supported type except the ones it excludes: AWS::Redshift::ClusterSnapshot, AWS::RDS::DBClusterSnapshot, AWS::CloudFront::StreamingDistribution.",
            "CFG-01|config/fixtures/cfg-01/recording-strategies.yaml|555555555555/eu-west-1|PASS|AWS Config records every supported resource type in 555555555555/eu-west-1",
            "CFG-01|config/fixtures/cfg-01/recorders.yaml|333333333333/eu-west-1|FAIL|records only the types it lists (AWS::EC2::Instance, AWS::EC2::SecurityGroup, AWS::S3::Bucket)",
            "CFG-02|config/fixtures/cfg-02/recording-strategies.yaml|555555555555|FAIL|Global IAM resource types are recorded in 2 region(s): us-east-1, eu-west-1.",
            "CFG-02|config/fixtures/cfg-02/recording-strategies.yaml|888888888888|FAIL|recorded in 0 region(s): none. The recorders in me-central-1 are set to record them, but AWS Config cannot record the global IAM types in regions it launched after February 2022.",
            "CFG-02|config/fixtures/cfg-02/recording-strategies.yaml|777777777777|PASS|records the global IAM resource types in us-east-1 only",
            "CFG-02|config/fixtures/cfg-02/recording-strategies.yaml|999999999999|PASS|records the global IAM resource types in eu-west-1 only",
            "VPC-01|vpc/fixtures/vpc-01/flow-log-levels.yaml|vpc-0d4d4d4d4d4d4d4d4|FAIL|Flow logs in this VPC: fl-0d4d4d4d4d4d4d4d1, on eni-0d4d4d4d4d4d4d4d1 (traffic ALL).",
            "VPC-01|vpc/fixtures/vpc-01/flow-log-levels.yaml|vpc-0f6f6f6f6f6f6f6f6|FAIL|(traffic ACCEPT)",
            "VPC-01|vpc/fixtures/vpc-01/flow-log-levels.yaml|vpc-0e5e5e5e5e5e5e5e5|PASS|has a VPC-level flow log capturing rejected traffic: fl-0e5e5e5e5e5e5e5e1 (traffic REJECT)."})
    void messages(String rule, String fixture, String resource, Status status, String expected) throws Exception {
        Finding f = finding(rule, fixture, resource);
        assertThat(f.status()).isEqualTo(status);
        assertThat(f.message()).contains(expected);
    }

    /**
     * S3-12 and CT-14 partition the accounts' trails: a trail into a bucket no account of the snapshot holds is CT-14's
     * FAIL, and S3-12 does not apply to its account (it would otherwise claim the bucket is "in the account itself").
     */
    @Test
    void s312LeavesBucketsInNoAccountToCt14() throws Exception {
        Snapshot s = Fixtures.read(PACK.resolve("s3/fixtures/s3-12/unknown-bucket.yaml"));
        List<Finding> all = Engine.create().keepingNotApplicable()
                .scan(BuiltinRules.pack().filter(r -> r.id().equals("S3-12") || r.id().equals("CT-14")), s).findings();
        Map<String, Status> s312 = new TreeMap<>();
        Map<String, Status> ct14 = new TreeMap<>();
        all.forEach(f -> (f.ruleId().equals("S3-12") ? s312 : ct14).put(f.resource().id(), f.status()));
        assertThat(ct14).containsEntry("arn:aws:cloudtrail:us-east-1:666666666666:trail/typo-trail", Status.FAIL)
                .containsEntry("arn:aws:cloudtrail:us-east-1:777777777777:trail/second-trail", Status.FAIL)
                .containsEntry("arn:aws:cloudtrail:us-east-1:777777777777:trail/local-trail", Status.PASS)
                .containsEntry("arn:aws:cloudtrail:us-east-1:555555555555:trail/startup-trail", Status.PASS);
        assertThat(s312).containsEntry("666666666666", Status.NOT_APPLICABLE).containsEntry("777777777777", Status.NOT_APPLICABLE)
                .containsEntry("555555555555", Status.FAIL);
        assertThat(all).filteredOn(f -> f.status() == Status.FAIL && f.ruleId().equals("S3-12"))
                .allSatisfy(f -> assertThat(f.message()).doesNotContain("startup-trial-logs").doesNotContain("mixed-acount-logs"));
    }
}
