package io.trailguard.core.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The generated bucket the integrity tests share (own RSA keys, two trails, one an organisation trail under a prefix,
 * a key rotation) with tampering planted in it, and what was planted: {@code "KIND object-or-dash from"}. Generated
 * once per JVM into a temporary directory.
 */
public final class PlantedLayout {
    public static final String BUCKET = "test-audit-logs";
    public static final Instant T0 = Instant.parse("2026-03-01T01:01:31Z");
    public static final TrailId MAIN = new TrailId("", null, "111111111111", "us-east-1", "main", "us-east-1");
    public static final TrailId ORG = new TrailId("corp/audit/", "o-a1b2c3d4e5", "222222222222", "eu-west-1", "org-trail",
            "us-east-1");

    public static Path dir;
    public static KeyPair k1;
    public static KeyPair k2;
    public static Path keysFile;
    /** What was planted: "KIND object-or-interval from". */
    public static final Set<String> planted = new TreeSet<>();
    public static DigestLayoutGenerator.Hour h3;
    /** The main trail's digests in time order (the sixth, index 5, was deleted). */
    public static List<String> mainDigests;

    public static synchronized void generate() throws Exception {
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

        mainDigests = List.copyOf(a.digests());
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
    public static Instant minute(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }

    public static PublicKeys keys() throws Exception {
        try (InputStream in = Files.newInputStream(keysFile)) {
            return PublicKeys.read(in);
        }
    }


    /** The issues of a report in the form of {@link #planted}. */
    public static Set<String> found(IntegrityReport r) {
        return r.issues().stream().map(i -> i.kind() + " " + (i.object() == null ? "-" : i.object()) + " " + i.from())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private PlantedLayout() {
    }
}
