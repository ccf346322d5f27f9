package io.trailguard.core.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AWS's documented examples and real digest material (test resources, see NOTICE.md) read as AWS describes them. */
class DigestFormatTest {
    private static Path resource(String name) throws Exception {
        return Path.of(DigestFormatTest.class.getResource("/integrity/" + name).toURI());
    }

    @Test
    void theSigningStringIsBuiltLikeAwsDocumentsExample() throws Exception {
        List<String> lines = Files.readAllLines(resource("awsdocs-data-to-sign-example.txt"), StandardCharsets.UTF_8);
        // the example's previous signature is wrapped over the lines after the hash by the documentation
        String previous = String.join("", lines.subList(3, lines.size()));
        String key = lines.get(1).substring("S3-bucket-name/".length());
        String built = DigestSignature.dataToSign(lines.get(0), "S3-bucket-name", key, lines.get(2), previous);
        assertEquals(lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2) + "\n" + previous, built);
    }

    @Test
    void aStartingDigestSignsTheStringNullForThePreviousSignature() {
        assertEquals("2015-08-20T18:01:31Z\nb/k\nabc\nnull", DigestSignature.dataToSign("2015-08-20T18:01:31Z", "b",
                "k", "abc", null));
    }

    @Test
    void awsPublishedKeysLoadInBothEncodingsAndTheirFingerprintsAreTheMd5OfTheKey() throws Exception {
        PublicKeys keys;
        try (InputStream in = Files.newInputStream(resource("awsdocs-list-public-keys-sample.json"))) {
            keys = PublicKeys.read(in);
        }
        assertEquals(3, keys.size());
        for (String fp : List.of("8eba5db5bea9b640d1c96a77256fe7f2", "8933b39ddc64d26d8e14ffbf6566fee4",
                "31e8b5433410dfb61a9dc45cc65b22ff")) {
            PublicKeys.Key k = keys.byFingerprint(fp).orElseThrow();
            assertEquals(2048, ((RSAPublicKey) k.key()).getModulus().bitLength(), fp);
        }
        assertEquals(Instant.ofEpochSecond(1436317441L),
                keys.byFingerprint("8eba5db5bea9b640d1c96a77256fe7f2").orElseThrow().validFrom());
    }

    @Test
    void aKeyWhoseFingerprintIsNotItsMd5IsRejected() {
        String body = "{\"PublicKeyList\":[{\"Value\":\"MIIBCgKCAQEAn11L2YZ9h7onug2ILi1MWyHiMRsTQjfWE+pHVRLk1QjfWhirG+lpOa8NrwQ/r7Ah5bNL6HepznOU9XTDSfmmnP97mqyc7z/upfZdS/AHhYcGaz7n6Wc/RRBU6VmiPCrAUojuSk6/GjvA8iOPFsYDuBtviXarvuLPlrT9kAd4Lb+rFfR5peEgBEkhlzc5HuWO7S0y+KunqxX6jQBnXGMtxmPBPP0FylgWGNdFtks/4YSKcgqwH0YDcawP9GGGDAeCIqPWIXDLG1jOjRRzWfCmD0iJUkz8vTsn4hq/5ZxRFE7UBAUiVcGbdnDdvVfhF9C3dQiDq3k7adQIziLT0cShgQIDAQAB\",\"Fingerprint\":\"00000000000000000000000000000000\"}]}";
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PublicKeys.read(new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("PublicKeyList[0]") && e.getMessage().contains("8eba5db5bea9b640d1c96a77256fe7f2"),
                e.getMessage());
    }

    @Test
    void aRealDigestParsesAndItsKeyNamesTheTrail() throws Exception {
        DigestFile d = DigestFile.parse(Files.readAllBytes(resource("llm-guard-issue-147-real-digest.json")));
        assertEquals("327878933619", d.awsAccountId());
        assertEquals("2023-10-15T23:04:04Z", d.digestEndTimeText());
        assertFalse(d.startsChain());
        assertEquals("be2f0b997552f44942837300ba1aba9d", d.digestPublicKeyFingerprint());
        assertTrue(d.logFiles().size() >= 2);
        Layout.DigestKey k = Layout.digest(d.digestS3Object()).orElseThrow();
        assertEquals(new TrailId("", null, "327878933619", "ap-northeast-1", "llm-guard-trail", "us-west-2"), k.trail());
        assertEquals(d.digestEndTime(), k.endTime());
        for (DigestFile.LogFileEntry f : d.logFiles()) {
            Layout.LogKey l = Layout.log(f.s3Object()).orElseThrow();
            assertEquals(k.trail().scope(), l.scope());
        }
    }

    @Test
    void theDocumentedSampleAndEmptyDigestShapesParse() throws Exception {
        DigestFile d = DigestFile.parse(Files.readAllBytes(resource("awsdocs-sample-digest.json")));
        assertEquals("your-trail-name", Layout.digest(d.digestS3Object()).orElseThrow().trail().trail());
        assertEquals(1, d.logFiles().size());
        DigestFile start = DigestFile.parse(("{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2015-08-20T17:01:31Z\","
                + "\"digestEndTime\":\"2015-08-20T18:01:31Z\",\"digestS3Bucket\":\"b\",\"digestS3Object\":\"k\","
                + "\"digestPublicKeyFingerprint\":\"f\",\"previousDigestSignature\":null,\"logFiles\":[]}")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(start.startsChain());
        assertNull(start.previousDigestS3Object());
    }

    @Test
    void organisationTrailAndPrefixedKeysAreRead() {
        Layout.DigestKey k = Layout.digest("corp/audit/AWSLogs/o-a1b2c3d4e5/222222222222/CloudTrail-Digest/eu-west-1/"
                + "2026/03/01/222222222222_CloudTrail-Digest_eu-west-1_org_trail_1_us-gov-west-1_20260301T010131Z_backfill.json.gz")
                .orElseThrow();
        assertEquals(new TrailId("corp/audit/", "o-a1b2c3d4e5", "222222222222", "eu-west-1", "org_trail_1", "us-gov-west-1"),
                k.trail());
        assertTrue(k.backfill());
        assertTrue(Layout.log("AWSLogs/111111111111/CloudTrail-Digest/us-east-1/2026/03/01/x.json.gz").isEmpty());
    }
}
