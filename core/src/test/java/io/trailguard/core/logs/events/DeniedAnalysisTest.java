package io.trailguard.core.logs.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trailguard.core.Snapshot;
import io.trailguard.core.integrity.LocalLogStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code logs denied} on real CloudTrail events (Stratus Red Team detonations, Panther's test events, AWS's
 * documentation examples; see events/NOTICE.md) and two small synthetic files.
 */
class DeniedAnalysisTest {
    static final Path EVENTS = Path.of("src/test/resources/events");

    static CloudTrailEvents.Summary read(DeniedAnalysis a) throws Exception {
        return CloudTrailEvents.read(new LocalLogStore(EVENTS, null), "", 2, a::accept);
    }

    static Map<String, Integer> attempts(DeniedAnalysis.Result r) {
        Map<String, Integer> m = new TreeMap<>();
        r.pipeline().forEach(p -> m.merge(p.action() + " " + p.outcome() + (p.verified() ? "" : " unverified"), 1, Integer::sum));
        return m;
    }

    @Test
    void everyRecordOfEveryFileFormIsRead() throws Exception {
        CloudTrailEvents.Summary s = read(new DeniedAnalysis(AuditScope.unknown(), 3, 2));
        assertEquals(List.of(), s.unreadable());
        assertEquals(Files.list(EVENTS.resolve("stratus-red-team")).count() + 4, s.files());
        assertEquals(188, s.events());
    }

    @Test
    void refusedCallsAreGroupedAndTheProberIsFlagged() throws Exception {
        DeniedAnalysis a = new DeniedAnalysis(AuditScope.unknown(), 3, 2);
        read(a);
        DeniedAnalysis.Result r = a.result();
        assertEquals(65, r.denied().stream().mapToLong(DeniedAnalysis.DeniedGroup::count).sum());
        // Stratus asked for the password data of 30 instances: one refused call on each, same role, same address
        List<DeniedAnalysis.DeniedGroup> password = r.denied().stream()
                .filter(g -> g.action().equals("ec2:GetPasswordData")).toList();
        assertEquals(30, password.size());
        assertEquals(30, password.stream().map(DeniedAnalysis.DeniedGroup::resource).distinct().count());
        assertEquals(1, password.stream().map(g -> g.principal() + " " + g.sourceIp()).distinct().count());
        assertTrue(password.stream().allMatch(g -> g.count() == 1 && g.resource().startsWith("i-")
                && g.errorCodes().equals(Set.of("Client.UnauthorizedOperation"))));
        DeniedAnalysis.DeniedGroup top = r.denied().get(0);
        assertEquals("iam:CreateServiceLinkedRole", top.action());
        assertEquals(2, top.count());
        assertEquals("sqs.amazonaws.com", top.sourceIp());
        assertTrue(!top.first().isAfter(top.last()));
        assertEquals(List.of("arn:aws:sts::444455556666:assumed-role/ci-deployer/scanner"),
                r.probers().stream().map(DeniedAnalysis.Prober::principal).toList());
        DeniedAnalysis.Prober p = r.probers().get(0);
        assertEquals(5, p.refused());
        assertEquals(4, p.services().size());
        assertEquals(Set.of("444455556666", "777788889999"), p.accounts());
    }

    @Test
    void withoutASnapshotEveryPipelineCallIsReportedAndBucketKeyAndAlarmCallsAreUnverified() throws Exception {
        DeniedAnalysis a = new DeniedAnalysis(AuditScope.unknown(), 3, 2);
        read(a);
        Map<String, Integer> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("cloudtrail:DeleteTrail ConflictException", 1), Map.entry("cloudtrail:DeleteTrail allowed", 2),
                Map.entry("cloudtrail:PutEventSelectors allowed", 3),
                Map.entry("cloudtrail:StopLogging InvalidTrailNameException", 1), Map.entry("cloudtrail:StopLogging allowed", 2),
                Map.entry("cloudtrail:UpdateTrail TrailNotFoundException", 1),
                Map.entry("config:DeleteDeliveryChannel NoSuchDeliveryChannelException", 1),
                Map.entry("config:DeleteDeliveryChannel allowed", 2), Map.entry("ec2:DeleteFlowLogs allowed", 2),
                Map.entry("kms:DisableKey NotFoundException unverified", 1), Map.entry("kms:DisableKey allowed unverified", 1),
                Map.entry("kms:ScheduleKeyDeletion AccessDeniedException unverified", 1),
                Map.entry("kms:ScheduleKeyDeletion allowed unverified", 2),
                Map.entry("monitoring:DeleteAlarms allowed unverified", 2), Map.entry("s3:DeleteObject allowed unverified", 1),
                Map.entry("s3:PutBucketPolicy AccessDenied unverified", 1), Map.entry("s3:PutBucketPolicy allowed unverified", 1)));
        assertEquals(expected, attempts(a.result()));
        DeniedAnalysis.PipelineAttempt flow = a.result().pipeline().stream()
                .filter(x -> x.action().equals("ec2:DeleteFlowLogs")).findFirst().orElseThrow();
        assertTrue(flow.target().startsWith("fl-"), flow.target());
    }

    @Test
    void aSnapshotKeepsOnlyTheOrganisationsLogBucketKeyAndAlarmChain() throws Exception {
        AuditScope scope = AuditScope.of(Snapshot.read(Path.of("../examples/acme-org.json")));
        assertTrue(scope.logBuckets().contains("acme-central-cloudtrail-logs"));
        assertTrue(scope.alarms().contains("CloudTrailConfigChanges"));
        DeniedAnalysis a = new DeniedAnalysis(scope, 3, 2);
        read(a);
        Map<String, Integer> m = attempts(a.result());
        assertEquals(Map.of("kms:ScheduleKeyDeletion AccessDeniedException", 1), filter(m, "kms:"));
        assertEquals(Map.of("s3:PutBucketPolicy AccessDenied", 1, "s3:DeleteObject allowed", 1), filter(m, "s3:"));
        assertEquals(Map.of("monitoring:DeleteAlarms allowed", 1), filter(m, "monitoring:"));
        assertEquals(19, m.values().stream().mapToInt(Integer::intValue).sum());
        assertFalse(a.result().pipeline().stream().anyMatch(p -> !p.verified()));
    }

    private static Map<String, Integer> filter(Map<String, Integer> m, String prefix) {
        return m.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void theAthenaSqlNamesOnlyColumnsOfTheDocumentedTable() throws Exception {
        Set<String> documented = Files.readAllLines(EVENTS.resolve("athena-cloudtrail-columns.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).collect(Collectors.toSet());
        for (AuditScope scope : List.of(AuditScope.unknown(), AuditScope.of(Snapshot.read(Path.of("../examples/acme-org.json"))))) {
            String sql = DeniedReports.athena("cloudtrail_logs", scope, 3, 2);
            String code = sql.replaceAll("'(?:[^']|'')*'", "''").replaceAll("--[^\\n]*", "");
            Set<String> words = new java.util.TreeSet<>();
            Matcher m = Pattern.compile("(?<![\\w.])([a-z_]+(?:\\.[a-z_]+)?)(?![\\w(])").matcher(code);
            while (m.find()) {
                words.add(m.group(1));
            }
            Set<String> sqlWords = Set.of("principal", "action", "resource", "source_ip", "attempts", "first_seen",
                    "last_seen", "error_codes", "refused", "services", "accounts", "outcome", "cloudtrail_logs", "false");
            words.removeAll(sqlWords);
            words.removeIf(w -> w.startsWith("element_at") || w.equals("arn") && false);
            assertEquals(Set.of(), words.stream().filter(w -> !documented.contains(w)).collect(Collectors.toSet()), sql);
            assertTrue(sql.contains("errorcode LIKE 'AccessDenied%' OR errorcode LIKE '%UnauthorizedOperation'"));
            assertTrue(sql.contains("eventname IN ('DeleteTrail', 'PutEventSelectors', 'StopLogging', 'UpdateTrail')"), sql);
        }
        String scoped = DeniedReports.athena("audit.cloudtrail_logs", AuditScope.of(Snapshot.read(Path.of("../examples/acme-org.json"))), 3, 2);
        String s3 = scoped.lines().filter(l -> l.contains("'s3.amazonaws.com'")).findFirst().orElseThrow();
        assertTrue(s3.contains("json_extract_scalar(requestparameters, '$.bucketName') IN (")
                && s3.contains("'acme-central-cloudtrail-logs'"), s3);
    }
}
