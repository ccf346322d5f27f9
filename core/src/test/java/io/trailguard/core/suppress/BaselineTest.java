package io.trailguard.core.suppress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trailguard.core.Finding;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.Results;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import io.trailguard.core.report.JsonReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {
    private static Finding f(String rule, Status s, String type, String id, String account, String message) {
        return new Finding(rule, s, Severity.MEDIUM, "t", new ResourceRef(type, id, account, "eu-west-1"), message,
                "r", List.of(), List.of(), null, null);
    }

    private static ScanResult result(Finding... fs) {
        return Results.of(Instant.parse("2026-11-20T09:00:00Z"), List.of("111111111111"), 3, List.of(fs));
    }

    @Test
    void onlyNewFailuresAreReported() {
        ScanResult before = result(
                f("CT-03", Status.FAIL, "AWS::CloudTrail::Trail", "trail-a", "111111111111", "old words"),
                f("CT-03", Status.PASS, "AWS::CloudTrail::Trail", "trail-b", "111111111111", "ok"),
                f("VPC-02", Status.FAIL, "AWS::EC2::Subnet", "subnet-1",
                        "111111111111", "m"));
        Baseline baseline = Baseline.parse("before.json", JsonReport.render(before));
        assertEquals(2, baseline.size());
        ScanResult now = result(
                f("CT-03", Status.FAIL, "AWS::CloudTrail::Trail", "trail-a", "111111111111", "new words, same problem"),
                f("CT-03", Status.FAIL, "AWS::CloudTrail::Trail", "trail-b", "111111111111", "newly failing"),
                f("CT-03", Status.FAIL, "AWS::CloudTrail::Trail", "trail-a", "222222222222", "other account"),
                f("VPC-02", Status.FAIL, "AWS::EC2::NetworkInterface", "subnet-1", "111111111111", "other type"),
                f("VPC-02", Status.PASS, "AWS::EC2::Subnet", "subnet-1", "111111111111", "fixed"));
        ScanResult onlyNew = baseline.onlyNew(now);
        assertEquals(List.of("newly failing", "other account", "other type"),
                onlyNew.findings().stream().map(Finding::message).toList());
        assertTrue(baseline.isKnown(now.findings().get(0)));
        assertEquals(now.capturedAt(), onlyNew.capturedAt());
    }

    @Test
    void aFileThatIsNotAJsonReportIsRejected() {
        assertThrows(InvalidInputException.class, () -> Baseline.parse("x.json", "{\"resources\": []}"));
        assertThrows(InvalidInputException.class, () -> Baseline.parse("x.json", "not json"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Baseline.parse("x.json", "{\"findings\": [{\"ruleId\": \"CT-03\"}]}"));
        assertTrue(e.getMessage().contains("/findings/0"), e.getMessage());
    }

    @Test
    void aVersion1ReportIsReadToo() {
        Baseline v1 = Baseline.parse("v1.json", """
                {"reportVersion": 1, "summary": {}, "findings": [
                  {"ruleId": "CT-03", "status": "FAIL", "title": "t", "rationale": "r", "references": [],
                   "resource": {"id": "trail-a", "type": "AWS::CloudTrail::Trail", "accountId": "111111111111",
                                "region": "eu-west-1"}},
                  {"ruleId": "CT-03", "status": "NOT_APPLICABLE",
                   "resource": {"id": "trail-b", "type": "AWS::CloudTrail::Trail", "accountId": "111111111111",
                                "region": "eu-west-1"}}]}
                """);
        assertEquals(1, v1.size());
        assertTrue(v1.isKnown(f("CT-03", Status.FAIL, "AWS::CloudTrail::Trail", "trail-a", "111111111111", "m")));
    }

    @Test
    void anUnknownReportVersionIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Baseline.parse("v9.json", "{\"reportVersion\": 9, \"findings\": []}"));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    @Test
    void onlyNewLeavesOutEveryOtherOutcomeWithItsCounts() {
        ScanResult now = result(f("CT-03", Status.FAIL, "AWS::CloudTrail::Trail", "trail-a", "111111111111", "m"));
        ScanResult onlyNew = Baseline.parse("empty.json", "{\"findings\": []}").onlyNew(now);
        assertEquals(1, onlyNew.findings().size());
        assertEquals(0, onlyNew.omittedNotApplicableCount());
    }
}
