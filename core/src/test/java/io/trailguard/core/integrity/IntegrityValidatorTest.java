package io.trailguard.core.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated bucket (own RSA keys, two trails, one an organisation trail under a prefix, a key rotation) with
 * tampering planted in it: validation reports every planted tampering with its kind, object and hour, and nothing
 * else.
 */
class IntegrityValidatorTest {
    static final String BUCKET = "test-audit-logs";
    static final Instant T0 = Instant.parse("2026-03-01T01:01:31Z");
    static final TrailId MAIN = new TrailId("", null, "111111111111", "us-east-1", "main", "us-east-1");
    static final TrailId ORG = new TrailId("corp/audit/", "o-a1b2c3d4e5", "222222222222", "eu-west-1", "org-trail",
            "us-east-1");

    static Path dir;
    static KeyPair k1;
    static KeyPair k2;
    static Path keysFile;
    /** What was planted: "KIND object-or-interval from". */
    static final Set<String> planted = new TreeSet<>();
    static DigestLayoutGenerator.Hour h3;

    @BeforeAll
    static synchronized void generate() throws Exception {
        if (dir != null) {
            return;
        }
        dir = Files.createTempDirectory("trailguard-integrity");
        k1 = DigestLayoutGenerator.keyPair();
        k2 = DigestLayoutGenerator.keyPair();
        DigestLayoutGenerator g = new DigestLayoutGenerator(dir.resolve("bucket"), BUCKET);
        DigestLayoutGenerator.Chain a = g.chain(MAIN, T0);
        a.hour(2, k1, true);
        DigestLayoutGenerator.Hour h1 = a.hour(2, k1, true);
        g.recompress(h1.logFiles().get(0)); // other gzip bytes, same content: still valid
        DigestLayoutGenerator.Hour h2 = a.hour(2, k1, true);
        String stray = g.strayLogFile(MAIN.scope(), h2.start().plus(Duration.ofMinutes(7)));
        planted.add("NOT_COVERED " + stray + " " + minute(h2.start().plus(Duration.ofMinutes(7))));
        h3 = a.hour(2, k1, true);
        g.modify(h3.logFiles().get(1));
        planted.add("MODIFIED " + h3.logFiles().get(1) + " " + h3.start());
        DigestLayoutGenerator.Hour h4 = a.hour(2, k1, true);
        g.delete(h4.logFiles().get(0));
        planted.add("DELETED " + h4.logFiles().get(0) + " " + h4.start());
        DigestLayoutGenerator.Hour h5 = a.hour(2, k1, true);
        g.delete(h5.digest());
        planted.add("DIGEST_MISSING " + h5.digest() + " " + h5.start());
        for (int i = 0; i < 2; i++) { // its log files are now vouched for by nothing
            planted.add("NOT_COVERED " + h5.logFiles().get(i) + " " + minute(h5.start().plus(Duration.ofMinutes(5 + 10 * i))));
        }
        a.hour(1, k1, true);
        DigestLayoutGenerator.Hour h7 = a.hour(0, k1, true);
        DigestLayoutGenerator.Hour h8 = a.hour(0, k1, true);
        planted.add("NO_LOG_FILES - " + h7.start());
        a.stopLogging(3);
        DigestLayoutGenerator.Hour h9 = a.hour(1, k1, true);
        planted.add("LOGGING_OFF - " + h8.end());
        assertEquals(h8.end().plus(Duration.ofHours(3)), h9.start());
        a.hour(2, k2, false); // key rotation: the next hours are signed with a second key
        a.hour(1, k2, false);

        DigestLayoutGenerator.Chain b = g.chain(ORG, T0);
        b.hour(1, k1, true);
        b.hour(1, k1, true);
        DigestLayoutGenerator.Hour g2 = b.hour(2, k1, true);
        g.modify(g2.logFiles().get(0));
        planted.add("MODIFIED " + g2.logFiles().get(0) + " " + g2.start());
        b.hour(1, k1, true);

        keysFile = dir.resolve("public-keys.json");
        Instant rotation = h9.end().plus(Duration.ofMinutes(1));
        DigestLayoutGenerator.writePublicKeys(keysFile, List.of(
                DigestLayoutGenerator.publicKeyEntry(k1, true, T0.minus(Duration.ofDays(1)), rotation),
                DigestLayoutGenerator.publicKeyEntry(k2, false, rotation, T0.plus(Duration.ofDays(2)))));
    }

    /** A log file's time as its name gives it (to the minute). */
    static Instant minute(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }

    static PublicKeys keys() throws Exception {
        try (InputStream in = Files.newInputStream(keysFile)) {
            return PublicKeys.read(in);
        }
    }

    static Set<String> found(IntegrityReport r) {
        return r.issues().stream().map(i -> i.kind() + " " + (i.object() == null ? "-" : i.object()) + " " + i.from())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static IntegrityReport validate(LogStore store, ValidateOptions o) throws Exception {
        return new IntegrityValidator(store, o).validate(Instant.parse("2026-03-02T00:00:00Z"));
    }

    @Test
    void everyPlantedTamperingIsReportedWithItsKindFileAndHourAndNothingElse() throws Exception {
        IntegrityReport r = validate(new LocalLogStore(dir.resolve("bucket"), BUCKET), ValidateOptions.of("", keys()));
        assertEquals(planted, found(r));
        assertTrue(r.failing());
        assertEquals(2, r.trails().size());
        IntegrityIssue modified = r.issues().stream().filter(i -> i.kind() == IssueKind.MODIFIED
                && i.trail().equals(MAIN)).findFirst().orElseThrow();
        assertEquals(h3.end(), modified.to());
        assertTrue(modified.detail().contains(h3.digest()), modified.detail());
        IntegrityIssue gap = r.issues().stream().filter(i -> i.kind() == IssueKind.DIGEST_MISSING).findFirst().orElseThrow();
        assertEquals(Duration.ofHours(1), Duration.between(gap.from(), gap.to()));
        HourResult third = r.trails().stream().filter(t -> t.trail().equals(MAIN)).findFirst().orElseThrow().hours().get(3);
        assertEquals(HourResult.Verdict.INVALID, third.status());
        assertEquals(1, third.valid());
        assertEquals(1, third.modified());
    }

    @Test
    void withoutTheDigestsBucketNameTheCopyIsValidatedAgainstWhatTheDigestsSay() throws Exception {
        IntegrityReport r = validate(new LocalLogStore(dir.resolve("bucket"), null), ValidateOptions.of("", keys()));
        assertEquals(planted, found(r));
    }

    @Test
    void aReplacedDigestFailsItsSignatureAndBreaksTheChainAtIt(@TempDir Path d) throws Exception {
        DigestLayoutGenerator g = new DigestLayoutGenerator(d, BUCKET);
        DigestLayoutGenerator.Chain a = g.chain(MAIN, T0);
        a.hour(1, k1, true);
        DigestLayoutGenerator.Hour h = a.hour(1, k1, true);
        a.hour(1, k1, true);
        // an attacker removes a log file from the digest's list and writes the digest back
        Path p = d.resolve(h.digest());
        String json;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(p))) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        json = json.replaceFirst("\\{\"s3Bucket\".*?\\}", "").replace("[]", "[]").replace("[,", "[");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        IntegrityReport r = validate(new LocalLogStore(d, BUCKET), ValidateOptions.of("", keys()));
        Set<String> kinds = r.issues().stream().map(i -> i.kind() + " " + i.object()).collect(Collectors.toSet());
        assertEquals(Set.of("DIGEST_INVALID " + h.digest(), "CHAIN_BROKEN " + h.digest(),
                "NOT_COVERED " + h.logFiles().get(0)), kinds);
    }

    @Test
    void anUnknownKeyOrAMissingSignatureIsUnknownNeverValid(@TempDir Path d) throws Exception {
        DigestLayoutGenerator g = new DigestLayoutGenerator(d, BUCKET);
        DigestLayoutGenerator.Chain a = g.chain(MAIN, T0);
        DigestLayoutGenerator.Hour first = a.hour(1, k1, true);
        DigestLayoutGenerator.Hour second = a.hour(1, k2, false);
        Files.delete(d.resolve(second.digest() + LocalLogStore.METADATA_SUFFIX));
        IntegrityReport r = validate(new LocalLogStore(d, BUCKET), ValidateOptions.of("", PublicKeys.none()));
        assertEquals(List.of(IssueKind.UNKNOWN, IssueKind.UNKNOWN), r.issues().stream().map(IntegrityIssue::kind).toList());
        assertTrue(r.issues().get(0).detail().contains("--public-keys"), r.issues().get(0).detail());
        assertTrue(r.issues().get(1).detail().contains(".metadata.json"), r.issues().get(1).detail());
        assertTrue(r.trails().get(0).hours().stream().allMatch(x -> x.status() == HourResult.Verdict.UNKNOWN));
        assertTrue(r.failing());
        assertEquals(first.digest(), r.issues().get(0).object());
    }

    @Test
    void aTimeRangeReportsOnlyItsHoursAndNoGapBeforeIt() throws Exception {
        Instant from = T0.plus(Duration.ofHours(2));
        Instant to = T0.plus(Duration.ofHours(4));
        IntegrityReport r = validate(new LocalLogStore(dir.resolve("bucket"), BUCKET),
                new ValidateOptions("", Set.of("111111111111"), Set.of(), from, to, keys(), 2));
        List<String> expected = new ArrayList<>();
        planted.stream().filter(s -> s.startsWith("MODIFIED AWSLogs/111111111111") || s.startsWith("DELETED"))
                .forEach(expected::add);
        assertEquals(expected, List.copyOf(found(r)));
        assertEquals(2, r.trails().get(0).hours().size());
        assertFalse(r.trails().stream().anyMatch(t -> t.trail().equals(ORG)));
    }
}
