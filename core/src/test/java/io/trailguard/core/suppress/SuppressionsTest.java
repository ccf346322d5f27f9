package io.trailguard.core.suppress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trailguard.core.Finding;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.Results;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    private static Finding finding(String rule, Status status, String id, String account, String region) {
        return new Finding(rule, status, Severity.HIGH, "t", new ResourceRef("AWS::S3::Bucket", id, account, region),
                "m", "r", List.of(), List.of(), null,
                status == Status.UNKNOWN ? new io.trailguard.core.UnknownReason(
                        io.trailguard.core.UnknownReason.Code.ACCESS_DENIED, "denied") : null);
    }

    private static ScanResult result(Finding... fs) {
        return Results.of(Instant.parse("2026-11-20T09:00:00Z"), List.of("111111111111"), fs.length, List.of(fs));
    }

    @Test
    void matchingByRuleAccountRegionAndGlob() {
        Suppressions s = Suppressions.parse("s.yaml", """
                - rule: S3-01
                  account: "111111111111"
                  region: eu-west-1
                  resource: "arn:aws:s3:::logs-?-*"
                  reason: accepted
                """);
        ScanResult r = result(
                finding("S3-01", Status.FAIL, "arn:aws:s3:::logs-a-archive", "111111111111", "eu-west-1"),
                finding("S3-01", Status.FAIL, "arn:aws:s3:::logs-ab-archive", "111111111111", "eu-west-1"),
                finding("S3-01", Status.FAIL, "arn:aws:s3:::logs-a-archive", "222222222222", "eu-west-1"),
                finding("S3-01", Status.FAIL, "arn:aws:s3:::logs-a-archive", "111111111111", "us-east-1"),
                finding("S3-02", Status.FAIL, "arn:aws:s3:::logs-a-archive", "111111111111", "eu-west-1"));
        SuppressionOutcome out = s.apply(r, TODAY);
        List<Boolean> marked = out.result().findings().stream().map(Finding::isSuppressed).toList();
        assertEquals(List.of(true, false, false, false, false), marked);
        assertEquals(r.findings().size(), out.result().findings().size(), "suppressed findings are kept");
        assertEquals("accepted", out.result().findings().get(0).suppression().reason());
        assertEquals("s.yaml:1:3", out.result().findings().get(0).suppression().source());
        assertTrue(out.warnings().isEmpty());
        assertEquals(4, out.result().failuresBySeverity().get(Severity.HIGH), "suppressed failures are not counted");
        assertEquals(1, out.result().suppressedCount());
        assertTrue(SuppressionEntry.glob("*", ""));
        assertTrue(SuppressionEntry.glob("a*b*c", "aXXbYYc"));
        assertFalse(SuppressionEntry.glob("a*b*c", "aXXbYY"));
        assertTrue(SuppressionEntry.glob("a".repeat(30) + "*", "a".repeat(5000)), "no exponential backtracking");
        assertFalse(SuppressionEntry.glob("*a*a*a*a*a*a*a*a*b", "a".repeat(5000)));
    }

    @Test
    void suppressedFailuresDoNotFailTheThreshold() {
        ScanResult r = result(finding("S3-01", Status.FAIL, "b", "111111111111", "eu-west-1"));
        assertTrue(r.hasFailuresAtOrAbove(Severity.LOW));
        ScanResult s = Suppressions.parse("s.yaml", "- {rule: S3-01, reason: ok}\n").apply(r, TODAY).result();
        assertFalse(s.hasFailuresAtOrAbove(Severity.LOW));
        assertEquals(1, s.countByStatus().get(Status.FAIL), "the status is kept");
    }

    @Test
    void expiredEntriesDoNotSuppressAndWarn() {
        Suppressions s = Suppressions.parse("s.yaml", """
                - rule: S3-01
                  reason: until yesterday
                  expires: 2026-11-19
                - rule: S3-01
                  reason: through today
                  expires: 2026-11-20
                """);
        ScanResult r = result(finding("S3-01", Status.FAIL, "b", "111111111111", "eu-west-1"));
        SuppressionOutcome out = s.apply(r, TODAY);
        assertEquals("through today", out.result().findings().get(0).suppression().reason(),
                "an entry suppresses through its expiry day; the expired one is skipped");
        assertEquals(1, out.warnings().size());
        Problem w = out.warnings().get(0);
        assertEquals("s.yaml:1:3: suppression of S3-01 expired on 2026-11-19 and no longer suppresses its 1 "
                + "finding(s): renew it or remove it", w.format());
        SuppressionOutcome later = s.apply(r, TODAY.plusDays(1));
        assertFalse(later.result().findings().get(0).isSuppressed());
        assertEquals(2, later.warnings().size());
        assertEquals(2, later.unused().size());
    }

    @Test
    void unusedEntriesAreReported() {
        Suppressions s = Suppressions.parse("s.yaml", """
                suppressions:
                  - rule: S3-01
                    reason: used
                  - rule: S3-01
                    account: "999999999999"
                    reason: never matches
                """);
        SuppressionOutcome out = s.apply(result(finding("S3-01", Status.FAIL, "b", "111111111111", "eu-west-1")),
                TODAY);
        assertEquals(1, out.unused().size());
        assertEquals("999999999999", out.unused().get(0).account());
        assertEquals("s.yaml:4:5: suppression of S3-01 matches no failing or unknown finding: remove it or correct its rule, account, "
                + "region or resource", out.warnings().get(0).format());
    }

    @Test
    void aPassIsNeverSuppressed() {
        Suppressions s = Suppressions.parse("s.yaml", """
                suppressions:
                  - rule: S3-01
                    reason: the whole rule is accepted
                """);
        SuppressionOutcome out = s.apply(result(finding("S3-01", Status.PASS, "b", "111111111111", "eu-west-1")),
                TODAY);
        assertFalse(out.result().findings().get(0).isSuppressed());
        assertEquals(0, out.result().suppressedCount(), "a suppressed pass would make the totals exceed the findings");
        assertEquals("s.yaml:2:5: suppression of S3-01 matches no failing or unknown finding: remove it or correct its "
                + "rule, account, region or resource", out.warnings().get(0).format());
    }

    @Test
    void everyErrorNamesFileLineAndColumn() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Suppressions.parse("s.yaml", """
                - rule: S3-01
                  acount: "111111111111"
                  reason: typo in a key
                - rule: S3-02
                  account: "12345"
                  reason: short account
                - rule: S3-03
                  expires: 2026-13-01
                  reason: bad date
                - rule: S3-04
                  region: [eu-west-1]
                - reason: no rule
                - just a string
                """));
        List<String> messages = e.problems().stream().map(p -> p.source() + ":" + p.line() + ":" + p.column() + ": "
                + p.message()).toList();
        assertEquals(List.of(
                "s.yaml:2:3: unknown key 'acount': expected one of rule, account, region, resource, reason, expires"
                        + " (did you mean 'account'?)",
                "s.yaml:5:12: account '12345' is not a 12-digit account id (quote it if it starts with 0)",
                "s.yaml:8:12: expires '2026-13-01' is not a date: expected YYYY-MM-DD",
                "s.yaml:10:3: missing required key 'reason': say why the risk is accepted",
                "s.yaml:11:11: 'region' must be a string",
                "s.yaml:12:3: missing required key 'rule'",
                "s.yaml:13:3: expected a suppression (a mapping with rule and reason)"), messages);
        assertTrue(e.getMessage().contains("    - just a string"), "the source line is shown: " + e.getMessage());
        InvalidInputException syntax = assertThrows(InvalidInputException.class,
                () -> Suppressions.parse("s.yaml", "- rule: [\n"));
        assertTrue(syntax.problems().get(0).line() > 0, syntax.getMessage());
        InvalidInputException notList = assertThrows(InvalidInputException.class,
                () -> Suppressions.parse("s.yaml", "rule: S3-01\n"));
        assertEquals(1, notList.problems().get(0).line());
    }

    @Test
    void anEmptyFileSuppressesNothing() {
        assertTrue(Suppressions.parse("s.yaml", "suppressions:\n").entries().isEmpty());
        assertNull(Suppressions.none().apply(result(finding("S3-01", Status.FAIL, "b", "111111111111", "x")), TODAY)
                .result().findings().get(0).suppression());
    }
}
