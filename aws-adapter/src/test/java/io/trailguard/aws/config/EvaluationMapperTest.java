package io.trailguard.aws.config;

import static io.trailguard.aws.config.ConfigItemMapperTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.Finding;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import io.trailguard.core.UnknownReason;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationMapperTest {
    static final ResourceRef TRAIL = new ResourceRef("AWS::CloudTrail::Trail",
            "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "111122223333", "us-east-1");
    static final Instant WHEN = Instant.parse("2026-11-20T09:00:00Z");

    static Finding finding(String rule, Status status, String message) {
        return new Finding(rule, status, Severity.HIGH, "t", TRAIL, message, "r", List.of(), List.of(), null,
                status == Status.UNKNOWN ? new UnknownReason(UnknownReason.Code.ACCESS_DENIED, message) : null);
    }

    static EvaluationResult map(Compliance unknownAs, Finding... fs) {
        return EvaluationMapper.evaluation("AWS::CloudTrail::Trail", "main", List.of(fs), unknownAs, WHEN);
    }

    @Test
    void oneFailureIsNonCompliantWithItsMessage() {
        EvaluationResult e = map(Compliance.NON_COMPLIANT, finding("CT-03", Status.FAIL, "not logging"),
                finding("CT-01", Status.PASS, "multi-region"));
        assertThat(e.compliance()).isEqualTo(Compliance.NON_COMPLIANT);
        assertThat(e.annotation()).isEqualTo("CT-03: not logging");
        assertThat(e.orderingTimestamp()).isEqualTo(WHEN);
    }

    @Test
    void severalOutcomesNameTheDecidingRulesFirst() {
        EvaluationResult e = map(Compliance.NON_COMPLIANT, finding("CT-03", Status.FAIL, "not logging"),
                finding("CT-04", Status.FAIL, "x".repeat(300)), finding("CT-05", Status.UNKNOWN, "AccessDenied"));
        assertThat(e.annotation()).startsWith("CT-03, CT-04 fail; UNKNOWN: CT-05. CT-03: not logging; CT-04: xxx")
                .hasSize(Annotations.MAX_LENGTH).endsWith("…");
    }

    @Test
    void unknownFailsClosedUnlessTheRuleSaysNotApplicable() {
        Finding unknown = finding("CT-05", Status.UNKNOWN, "GetTrailStatus: AccessDenied");
        assertThat(map(Compliance.NON_COMPLIANT, unknown, finding("CT-01", Status.PASS, "ok")))
                .extracting(EvaluationResult::compliance, EvaluationResult::annotation)
                .containsExactly(Compliance.NON_COMPLIANT, "UNKNOWN: CT-05: GetTrailStatus: AccessDenied");
        assertThat(map(Compliance.NOT_APPLICABLE, unknown, finding("CT-01", Status.PASS, "ok")))
                .extracting(EvaluationResult::compliance, EvaluationResult::annotation)
                .containsExactly(Compliance.COMPLIANT, "CT-01: ok");
        assertThat(map(Compliance.NOT_APPLICABLE, unknown).compliance()).isEqualTo(Compliance.NOT_APPLICABLE);
    }

    @Test
    void noApplicableRuleIsNotApplicable() {
        assertThat(map(Compliance.NON_COMPLIANT).annotation()).isEqualTo("No trailguard rule applies to this resource.");
        assertThat(map(Compliance.NON_COMPLIANT, finding("CT-03", Status.NOT_APPLICABLE, "n/a")))
                .extracting(EvaluationResult::compliance, EvaluationResult::annotation)
                .containsExactly(Compliance.NOT_APPLICABLE, "No selected rule applies.");
    }

    @Test
    void configIdsAreTheOnesConfigRecords() throws IOException {
        assertThat(EvaluationMapper.configId(TRAIL, null)).containsExactly("AWS::CloudTrail::Trail", "main");
        assertThat(EvaluationMapper.configId(new ResourceRef("AWS::S3::Bucket", "arn:aws:s3:::logs", "1", "us-east-1"),
                null)).containsExactly("AWS::S3::Bucket", "logs");
        assertThat(EvaluationMapper.configId(new ResourceRef("AWS::IAM::Role", "arn:aws:iam::1:role/r", "1", "global"),
                JSON.readTree("{\"RoleId\":\"AROAEXAMPLE\"}"))).containsExactly("AWS::IAM::Role", "AROAEXAMPLE");
        assertThat(EvaluationMapper.configId(new ResourceRef(ResourceRef.REGION_TYPE, "111122223333/eu-west-1",
                "111122223333", "eu-west-1"), null)).containsExactly(ResourceRef.ACCOUNT_TYPE, "111122223333");
    }
}
