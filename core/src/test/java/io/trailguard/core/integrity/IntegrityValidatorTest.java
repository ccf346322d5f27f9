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
    @BeforeAll
    static void generate() throws Exception {
        PlantedLayout.generate();
    }

    static IntegrityReport validate(LogStore store, ValidateOptions o) throws Exception {
        return new IntegrityValidator(store, o).validate(Instant.parse("2026-03-02T00:00:00Z"));
    }

    @Test
    void everyPlantedTamperingIsReportedWithItsKindFileAndHourAndNothingElse() throws Exception {
        IntegrityReport r = validate(new LocalLogStore(PlantedLayout.dir.resolve("bucket"), PlantedLayout.BUCKET), ValidateOptions.of("", PlantedLayout.keys()));
        assertEquals(PlantedLayout.planted, PlantedLayout.found(r));
        assertTrue(r.failing());
        assertEquals(2, r.trails().size());
        IntegrityIssue modified = r.issues().stream().filter(i -> i.kind() == IssueKind.MODIFIED
                && i.trail().equals(PlantedLayout.MAIN)).findFirst().orElseThrow();
        assertEquals(PlantedLayout.h3.end(), modified.to());
        assertTrue(modified.detail().contains(PlantedLayout.h3.digest()), modified.detail());
        IntegrityIssue gap = r.issues().stream().filter(i -> i.kind() == IssueKind.DIGEST_MISSING).findFirst().orElseThrow();
        assertEquals(Duration.ofHours(1), Duration.between(gap.from(), gap.to()));
        HourResult third = r.trails().stream().filter(t -> t.trail().equals(PlantedLayout.MAIN)).findFirst().orElseThrow().hours().get(3);
        assertEquals(HourResult.Verdict.INVALID, third.status());
        assertEquals(1, third.valid());
        assertEquals(1, third.modified());
    }

    @Test
    void withoutTheDigestsBucketNameTheCopyIsValidatedAgainstWhatTheDigestsSay() throws Exception {
        IntegrityReport r = validate(new LocalLogStore(PlantedLayout.dir.resolve("bucket"), null), ValidateOptions.of("", PlantedLayout.keys()));
        assertEquals(PlantedLayout.planted, PlantedLayout.found(r));
    }

    @Test
    void aReplacedDigestFailsItsSignatureAndBreaksTheChainAtIt(@TempDir Path d) throws Exception {
        DigestLayoutGenerator g = new DigestLayoutGenerator(d, PlantedLayout.BUCKET);
        DigestLayoutGenerator.Chain a = g.chain(PlantedLayout.MAIN, PlantedLayout.T0);
        a.hour(1, PlantedLayout.k1, true);
        DigestLayoutGenerator.Hour h = a.hour(1, PlantedLayout.k1, true);
        a.hour(1, PlantedLayout.k1, true);
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
        IntegrityReport r = validate(new LocalLogStore(d, PlantedLayout.BUCKET), ValidateOptions.of("", PlantedLayout.keys()));
        Set<String> kinds = r.issues().stream().map(i -> i.kind() + " " + i.object()).collect(Collectors.toSet());
        assertEquals(Set.of("DIGEST_INVALID " + h.digest(), "CHAIN_BROKEN " + h.digest(),
                "NOT_COVERED " + h.logFiles().get(0)), kinds);
    }

    @Test
    void anUnknownKeyOrAMissingSignatureIsUnknownNeverValid(@TempDir Path d) throws Exception {
        DigestLayoutGenerator g = new DigestLayoutGenerator(d, PlantedLayout.BUCKET);
        DigestLayoutGenerator.Chain a = g.chain(PlantedLayout.MAIN, PlantedLayout.T0);
        DigestLayoutGenerator.Hour first = a.hour(1, PlantedLayout.k1, true);
        DigestLayoutGenerator.Hour second = a.hour(1, PlantedLayout.k2, false);
        Files.delete(d.resolve(second.digest() + LocalLogStore.METADATA_SUFFIX));
        IntegrityReport r = validate(new LocalLogStore(d, PlantedLayout.BUCKET), ValidateOptions.of("", PublicKeys.none()));
        assertEquals(List.of(IssueKind.UNKNOWN, IssueKind.UNKNOWN), r.issues().stream().map(IntegrityIssue::kind).toList());
        assertTrue(r.issues().get(0).detail().contains("--public-keys"), r.issues().get(0).detail());
        assertTrue(r.issues().get(1).detail().contains(".metadata.json"), r.issues().get(1).detail());
        assertTrue(r.trails().get(0).hours().stream().allMatch(x -> x.status() == HourResult.Verdict.UNKNOWN));
        assertTrue(r.failing());
        assertEquals(first.digest(), r.issues().get(0).object());
    }

    @Test
    void aTimeRangeReportsOnlyItsHoursAndNoGapBeforeIt() throws Exception {
        Instant from = PlantedLayout.T0.plus(Duration.ofHours(2));
        Instant to = PlantedLayout.T0.plus(Duration.ofHours(4));
        IntegrityReport r = validate(new LocalLogStore(PlantedLayout.dir.resolve("bucket"), PlantedLayout.BUCKET),
                new ValidateOptions("", Set.of("111111111111"), Set.of(), from, to, PlantedLayout.keys(), 2));
        List<String> expected = new ArrayList<>();
        PlantedLayout.planted.stream().filter(s -> s.startsWith("MODIFIED AWSLogs/111111111111") || s.startsWith("DELETED"))
                .forEach(expected::add);
        assertEquals(expected, List.copyOf(PlantedLayout.found(r)));
        assertEquals(2, r.trails().get(0).hours().size());
        assertFalse(r.trails().stream().anyMatch(t -> t.trail().equals(PlantedLayout.ORG)));
    }
}
