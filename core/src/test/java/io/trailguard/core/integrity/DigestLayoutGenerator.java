package io.trailguard.core.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes what CloudTrail writes when log file validation is on, into a local copy of a bucket: gzip log files
 * ({@code {"Records": [...]}}) and, each hour, a gzip digest listing them with the SHA-256 of their uncompressed
 * content, chained to the previous digest and signed (SHA256withRSA over the documented string) with the generator's
 * own RSA key, the signature kept in {@code <digest>.metadata.json}. Test scope: tests then tamper with the files.
 */
public final class DigestLayoutGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private final Path root;
    private final String bucket;
    private int unique;

    public DigestLayoutGenerator(Path root, String bucket) {
        this.root = root;
        this.bucket = bucket;
    }

    public Path root() {
        return root;
    }

    /** A fresh 2048-bit RSA key pair. */
    public static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public key's ListPublicKeys entry: PKCS#1 or X.509 DER in base64, its MD5 fingerprint, and its validity. */
    public static ObjectNode publicKeyEntry(KeyPair k, boolean pkcs1, Instant from, Instant to) {
        byte[] spki = k.getPublic().getEncoded();
        byte[] der = pkcs1 ? pkcs1Of(spki) : spki;
        ObjectNode n = JSON.createObjectNode();
        n.put("Value", Base64.getEncoder().encodeToString(der));
        n.put("ValidityStartTime", from.getEpochSecond());
        n.put("ValidityEndTime", to.getEpochSecond());
        n.put("Fingerprint", PublicKeys.fingerprint(der));
        return n;
    }

    /** The fingerprint of the key as {@link #publicKeyEntry} publishes it. */
    public static String fingerprint(KeyPair k, boolean pkcs1) {
        byte[] spki = k.getPublic().getEncoded();
        return PublicKeys.fingerprint(pkcs1 ? pkcs1Of(spki) : spki);
    }

    /** Writes a ListPublicKeys response with these entries. */
    public static void writePublicKeys(Path file, List<ObjectNode> entries) throws IOException {
        ObjectNode r = JSON.createObjectNode();
        ArrayNode list = r.putArray("PublicKeyList");
        entries.forEach(list::add);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
    }

    /** The RSAPublicKey inside an X.509 SubjectPublicKeyInfo of a 2048-bit key (fixed-length DER header). */
    private static byte[] pkcs1Of(byte[] spki) {
        // SEQUENCE(len 2) { AlgorithmIdentifier (15 bytes) BIT STRING(len 2, 0 unused) { RSAPublicKey } }: 4+15+4+1 = 24
        return java.util.Arrays.copyOfRange(spki, 24, spki.length);
    }

    /** One trail's chain being written, hour by hour. */
    public final class Chain {
        private final TrailId trail;
        private Instant end;
        private String previousKey;
        private String previousHash;
        private String previousSignature;
        private final List<String> digests = new ArrayList<>();

        Chain(TrailId trail, Instant firstEnd) {
            this.trail = trail;
            this.end = firstEnd;
        }

        public TrailId trail() {
            return trail;
        }

        public List<String> digests() {
            return digests;
        }

        /**
         * Writes {@code files} log files delivered in the next hour, and the hour's digest listing them, signed with
         * {@code key} ({@code pkcs1}: how the key's fingerprint is published); returns the hour.
         */
        public Hour hour(int files, KeyPair key, boolean pkcs1) throws IOException {
            return hour(files, key, pkcs1, (t, i) -> logContent(trail, t, i));
        }

        /** As {@link #hour(int, KeyPair, boolean)}, with each log file's content made by {@code content(time, index)}. */
        public Hour hour(int files, KeyPair key, boolean pkcs1,
                java.util.function.BiFunction<Instant, Integer, byte[]> content) throws IOException {
            Instant start = end.minus(Duration.ofHours(1));
            List<String> logs = new ArrayList<>();
            ArrayNode listed = JSON.createArrayNode();
            for (int i = 0; i < files; i++) {
                Instant t = start.plus(Duration.ofMinutes(5 + 10L * i));
                String k = Layout.logKey(trail.scope(), t, String.format("u%015d", unique++));
                byte[] bytes = content.apply(t, i);
                writeGzip(k, bytes, Deflater.DEFAULT_COMPRESSION);
                logs.add(k);
                ObjectNode e = listed.addObject();
                e.put("s3Bucket", bucket);
                e.put("s3Object", k);
                e.put("hashValue", Hashing.sha256(bytes));
                e.put("hashAlgorithm", "SHA-256");
                e.put("newestEventTime", ISO.format(t));
                e.put("oldestEventTime", ISO.format(t));
            }
            String dk = Layout.digestKey(trail, end);
            ObjectNode d = JSON.createObjectNode();
            d.put("awsAccountId", trail.account());
            d.put("digestStartTime", ISO.format(start));
            d.put("digestEndTime", ISO.format(end));
            d.put("digestS3Bucket", bucket);
            d.put("digestS3Object", dk);
            d.put("digestPublicKeyFingerprint", fingerprint(key, pkcs1));
            d.put("digestSignatureAlgorithm", DigestSignature.ALGORITHM);
            if (files == 0) {
                d.putNull("newestEventTime");
                d.putNull("oldestEventTime");
            } else {
                d.put("newestEventTime", ISO.format(start.plus(Duration.ofMinutes(5 + 10L * (files - 1)))));
                d.put("oldestEventTime", ISO.format(start.plus(Duration.ofMinutes(5))));
            }
            for (String f : List.of("previousDigestS3Bucket", "previousDigestS3Object", "previousDigestHashValue",
                    "previousDigestHashAlgorithm", "previousDigestSignature")) {
                d.putNull(f);
            }
            if (previousKey != null) {
                d.put("previousDigestS3Bucket", bucket);
                d.put("previousDigestS3Object", previousKey);
                d.put("previousDigestHashValue", previousHash);
                d.put("previousDigestHashAlgorithm", "SHA-256");
                d.put("previousDigestSignature", previousSignature);
            }
            d.set("logFiles", listed);
            byte[] digest = JSON.writeValueAsBytes(d);
            String hash = Hashing.sha256(digest);
            String signature = DigestSignature.sign(key.getPrivate(), DigestSignature.dataToSign(ISO.format(end), bucket,
                    dk, hash, previousSignature));
            writeGzip(dk, digest, Deflater.DEFAULT_COMPRESSION);
            LocalLogStore.writeMetadata(root.resolve(dk), Map.of("signature", signature,
                    "signature-algorithm", DigestSignature.ALGORITHM));
            previousKey = dk;
            previousHash = hash;
            previousSignature = signature;
            digests.add(dk);
            Hour h = new Hour(start, end, dk, logs);
            end = end.plus(Duration.ofHours(1));
            return h;
        }

        /** The trail stops logging for {@code hours} hours: no digests, and the chain resumes after. */
        public void stopLogging(int hours) {
            end = end.plus(Duration.ofHours(hours));
        }

        /** Log file validation is turned off for {@code hours} hours: the next digest starts a new chain. */
        public void validationOff(int hours) {
            end = end.plus(Duration.ofHours(hours));
            previousKey = null;
            previousHash = null;
            previousSignature = null;
        }
    }

    /** An hour written: its range, digest and log files. */
    public record Hour(Instant start, Instant end, String digest, List<String> logFiles) {
    }

    public Chain chain(TrailId trail, Instant firstEnd) {
        return new Chain(trail, firstEnd);
    }

    /** A log file no digest lists, at {@code time}. */
    public String strayLogFile(TrailId.LogScope scope, Instant time) throws IOException {
        String k = Layout.logKey(scope, time, String.format("x%015d", unique++));
        writeGzip(k, logContent(null, time, 0), Deflater.DEFAULT_COMPRESSION);
        return k;
    }

    /** Rewrites a log file with one event changed (same size class, valid gzip). */
    public void modify(String key) throws IOException {
        byte[] original = gunzip(key);
        String s = new String(original, StandardCharsets.UTF_8).replace("\"eventName\":\"", "\"eventName\":\"X");
        writeGzip(key, s.getBytes(StandardCharsets.UTF_8), Deflater.DEFAULT_COMPRESSION);
    }

    /** Re-compresses a log file at another level: the gzip bytes change, the content does not. */
    public void recompress(String key) throws IOException {
        writeGzip(key, gunzip(key), Deflater.BEST_COMPRESSION);
    }

    public void delete(String key) throws IOException {
        Files.delete(root.resolve(key));
        Files.deleteIfExists(root.resolve(key + LocalLogStore.METADATA_SUFFIX));
    }

    private byte[] gunzip(String key) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(root.resolve(key)))) {
            return in.readAllBytes();
        }
    }

    /** A small CloudTrail log file: two events of the trail's account and region. */
    static byte[] logContent(TrailId trail, Instant t, int i) {
        String account = trail == null ? "999999999999" : trail.account();
        String region = trail == null ? "us-east-1" : trail.region();
        String e = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"accountId\":\"" + account
                + "\",\"arn\":\"arn:aws:iam::" + account + ":user/u" + i + "\"},\"eventTime\":\"" + ISO.format(t)
                + "\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"awsRegion\":\"" + region
                + "\",\"sourceIPAddress\":\"192.0.2." + (i + 1) + "\",\"requestID\":\"r" + t.getEpochSecond() + i + "\"}";
        return ("{\"Records\":[" + e + "," + e.replace("GetObject", "ListBuckets") + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private void writeGzip(String key, byte[] content, int level) throws IOException {
        Path p = root.resolve(key);
        Files.createDirectories(p.getParent());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(b) {
            {
                def.setLevel(level);
            }
        }) {
            out.write(content);
        }
        Files.write(p, b.toByteArray());
    }
}
