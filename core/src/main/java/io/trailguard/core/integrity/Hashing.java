package io.trailguard.core.integrity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** Streaming SHA-256 of gzip content, uncompressed, in a fixed buffer: a log file is never held whole. */
final class Hashing {
    private static final int BUFFER = 1 << 16;

    private Hashing() {
    }

    /** The hex SHA-256 of the stream's uncompressed content; closes the stream. */
    static String sha256OfGunzipped(InputStream raw) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = new GZIPInputStream(raw, BUFFER)) {
            byte[] buf = new byte[BUFFER];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The uncompressed bytes of a small gzip object (a digest file), at most {@code limit} bytes. */
    static byte[] gunzip(InputStream raw, int limit) throws IOException {
        try (InputStream in = new GZIPInputStream(raw, BUFFER)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[BUFFER];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                if (out.size() > limit) {
                    throw new IOException("larger than " + limit + " bytes uncompressed: not a digest file");
                }
            }
            return out.toByteArray();
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
