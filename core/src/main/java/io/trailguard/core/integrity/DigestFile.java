package io.trailguard.core.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A digest file's content (the fields of
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 * that validation reads). The {@code previousDigest…} fields are {@code null} in a chain's starting digest.
 *
 * @since 0.2.0
 */
public record DigestFile(String awsAccountId, String digestStartTimeText, String digestEndTimeText, Instant digestStartTime,
        Instant digestEndTime, String digestS3Bucket, String digestS3Object, String digestPublicKeyFingerprint,
        String digestSignatureAlgorithm, String previousDigestS3Bucket, String previousDigestS3Object,
        String previousDigestHashValue, String previousDigestHashAlgorithm, String previousDigestSignature,
        List<LogFileEntry> logFiles) {

    public DigestFile {
        logFiles = List.copyOf(logFiles);
    }

    /** One log file the digest lists. */
    public record LogFileEntry(String s3Bucket, String s3Object, String hashValue, String hashAlgorithm) {
    }

    /** Whether this digest starts a chain (no previous digest: validation was just turned on). */
    public boolean startsChain() {
        return previousDigestS3Object == null && previousDigestSignature == null;
    }

    /**
     * Parses a digest's uncompressed JSON.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static DigestFile parse(byte[] json) {
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<LogFileEntry> files = new ArrayList<>();
        JsonNode lf = n.get("logFiles");
        if (lf == null || !lf.isArray()) {
            throw new IllegalArgumentException("\"logFiles\" is missing or not a list");
        }
        for (JsonNode f : lf) {
            files.add(new LogFileEntry(text(f, "s3Bucket"), required(f, "s3Object"), required(f, "hashValue"),
                    text(f, "hashAlgorithm")));
        }
        String start = required(n, "digestStartTime");
        String end = required(n, "digestEndTime");
        return new DigestFile(required(n, "awsAccountId"), start, end, instant(start, "digestStartTime"),
                instant(end, "digestEndTime"), required(n, "digestS3Bucket"), required(n, "digestS3Object"),
                required(n, "digestPublicKeyFingerprint"), text(n, "digestSignatureAlgorithm"),
                text(n, "previousDigestS3Bucket"), text(n, "previousDigestS3Object"), text(n, "previousDigestHashValue"),
                text(n, "previousDigestHashAlgorithm"), text(n, "previousDigestSignature"), files);
    }

    private static Instant instant(String s, String field) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not a UTC timestamp: " + s);
        }
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not a string");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
