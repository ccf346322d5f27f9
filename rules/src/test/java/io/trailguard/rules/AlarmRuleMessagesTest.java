package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.testing.Fixtures;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.RulePack;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CIS alarm rules (CW-01 … CW-06) say which required event a filter misses, or which event it should ignore but
 * matches, and their PASS message says what holds. The fixtures are the rules' own; the patterns follow the CIS AWS
 * Foundations Benchmark 3.0.0 section 4 and the CloudTrail user guide's "Creating CloudWatch alarms for CloudTrail
 * events" (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html).
 */
class AlarmRuleMessagesTest {
    private static final Path PACK = Path.of("src/main/resources/io/trailguard/rules/pack/alarms");

    private static List<Finding> scan(String rule, String fixture) throws Exception {
        RulePack pack = BuiltinRules.pack().filter(r -> r.id().equals(rule));
        Snapshot s = Fixtures.read(PACK.resolve("fixtures").resolve(rule.toLowerCase()).resolve(fixture + ".yaml"));
        return Engine.create().scan(pack, s).findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "CW-01|no-service-exclusions|matches CreateAccessKey (root-invoked-by-service), which it should ignore",
            "CW-02|misses-start-logging|does not match StartLogging (start-logging).",
            "CW-03|misses-bucket-policy|does not match PutBucketPolicy (s3-put-bucket-policy), DeleteBucketPolicy (s3-delete-bucket-policy).",
            "CW-04|every-kms-call|matches Encrypt (kms-encrypt), GenerateDataKey (kms-generate-data-key), EnableKey (kms-enable-key), CancelKeyDeletion (kms-cancel-key-deletion), which it should ignore",
            "CW-05|misses-stop-recorder|does not match StopConfigurationRecorder (config-stop-configuration-recorder).",
            "CW-05|dimensioned-metric|No alarm with actions enabled that notifies an SNS topic with a confirmed subscription watches metric CISBenchmark/AWSConfigChanges",
            "CW-06|misses-access-denied|does not match GetRole (iam-access-denied), PutBucketAcl (s3-put-bucket-acl-denied)."})
    void aFilterThatFallsShortIsNamedWithWhatItMisses(String rule, String fixture, String expected) throws Exception {
        assertThat(scan(rule, fixture)).isNotEmpty().allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).contains(expected);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CW-01|use of the root user", "CW-02|CreateTrail, UpdateTrail, DeleteTrail, StartLogging, StopLogging, PutEventSelectors",
            "CW-03|PutBucketPolicy, DeleteBucketPolicy", "CW-04|DisableKey, ScheduleKeyDeletion",
            "CW-05|StopConfigurationRecorder, PutConfigurationRecorder", "CW-06|Client.UnauthorizedOperation and AccessDenied"})
    void aPassSaysWhatHolds(String rule, String topic) throws Exception {
        assertThat(scan(rule, "org-trail-alarmed")).isNotEmpty().allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.message()).contains(topic).contains("matches every one of them")
                    .contains("aws-cloudtrail-logs-acme-org-trail");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"CW-02|unparseable-pattern"})
    void anUnparseablePatternIsUnknownAndSaysSo(String rule, String fixture) throws Exception {
        assertThat(scan(rule, fixture)).isNotEmpty().allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(Status.UNKNOWN);
            assertThat(f.message()).contains("CloudTrailConfigChanges-filter could not be parsed")
                    .contains("bad filter pattern at column");
        });
    }
}
