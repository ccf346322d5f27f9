package io.trailguard.core.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudTrail's digest-signing public keys by fingerprint, from a {@code cloudtrail:ListPublicKeys} response
 * ({@code {"PublicKeyList": [{"Value", "ValidityStartTime", "ValidityEndTime", "Fingerprint"}]}}; the AWS CLI's and
 * the SDK's field names). A key's {@code Value} is base64 DER, either PKCS#1 {@code RSAPublicKey} (what the API
 * returns) or X.509 {@code SubjectPublicKeyInfo}; both are accepted. The fingerprint is the hex MD5 of the decoded
 * value (checked: a key whose fingerprint does not match is rejected). Immutable.
 *
 * @since 0.2.0
 */
public final class PublicKeys {
    private static final byte[] RSA_ALGORITHM_ID = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    private final Map<String, Key> keys;

    /** One key: its fingerprint, the key, and the time range it signs digests for (either may be {@code null}). */
    public record Key(String fingerprint, PublicKey key, Instant validFrom, Instant validTo) {
    }

    private PublicKeys(Map<String, Key> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** The keys given. */
    public static PublicKeys of(List<Key> keys) {
        Map<String, Key> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k.fingerprint(), k));
        return new PublicKeys(m);
    }

    /** No keys. */
    public static PublicKeys none() {
        return new PublicKeys(Map.of());
    }

    /** This set and {@code other}'s keys. */
    public PublicKeys plus(PublicKeys other) {
        Map<String, Key> m = new LinkedHashMap<>(keys);
        m.putAll(other.keys);
        return new PublicKeys(m);
    }

    public Optional<Key> byFingerprint(String fingerprint) {
        return Optional.ofNullable(fingerprint == null ? null : keys.get(fingerprint.toLowerCase(java.util.Locale.ROOT)));
    }

    public int size() {
        return keys.size();
    }

    /**
     * Reads a ListPublicKeys response (also {@code publicKeyList} as in AWS's documentation sample, and a bare list of
     * keys). Validity times are epoch seconds (numbers or numeric strings, as the API and the CLI print them) or ISO
     * 8601.
     *
     * @throws IllegalArgumentException with the index of the key and what is wrong with it
     */
    public static PublicKeys read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        JsonNode list = root == null ? null : root.isArray() ? root
                : root.has("PublicKeyList") ? root.get("PublicKeyList") : root.get("publicKeyList");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("expected a ListPublicKeys response: an object with \"PublicKeyList\": [...]");
        }
        List<Key> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode k = list.get(i);
            String where = "PublicKeyList[" + i + "]";
            if (!k.path("Value").isTextual()) {
                throw new IllegalArgumentException(where + ": \"Value\" (the base64 key) is missing");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(k.get("Value").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": \"Value\" is not base64: " + e.getMessage());
            }
            String fp = fingerprint(der);
            String stated = k.path("Fingerprint").asText(null);
            if (stated != null && !stated.equalsIgnoreCase(fp)) {
                throw new IllegalArgumentException(where + ": \"Fingerprint\" " + stated
                        + " is not the MD5 of the key (" + fp + "): the key or its fingerprint was altered");
            }
            out.add(new Key(fp, decode(der, where), time(k.get("ValidityStartTime")), time(k.get("ValidityEndTime"))));
        }
        return of(out);
    }

    /** The hex MD5 of a key's DER bytes: CloudTrail's fingerprint. */
    public static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An RSA public key from PKCS#1 RSAPublicKey or X.509 SubjectPublicKeyInfo DER.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static PublicKey rsaKey(byte[] der) {
        return decode(der, "the key");
    }

    /** An RSA public key from PKCS#1 RSAPublicKey or X.509 SubjectPublicKeyInfo DER. */
    static PublicKey decode(byte[] der, String where) {
        KeyFactory rsa;
        try {
            rsa = KeyFactory.getInstance("RSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            return rsa.generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException notSpki) {
            try {
                return rsa.generatePublic(new X509EncodedKeySpec(spki(der)));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(where + ": not an RSA public key (PKCS#1 or X.509): " + e.getMessage());
            }
        }
    }

    /** Wraps PKCS#1 RSAPublicKey DER in a SubjectPublicKeyInfo (RFC 5280 §4.1, RFC 8017 appendix A.1). */
    private static byte[] spki(byte[] pkcs1) {
        ByteArrayOutputStream bitString = new ByteArrayOutputStream();
        bitString.write(0); // no unused bits
        bitString.writeBytes(pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(RSA_ALGORITHM_ID);
        body.writeBytes(tlv(0x03, bitString.toByteArray()));
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(tag);
        int n = value.length;
        if (n < 0x80) {
            o.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            o.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                o.write(n >>> (8 * i));
            }
        }
        o.writeBytes(value);
        return o.toByteArray();
    }

    private static Instant time(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.asText();
        try {
            BigDecimal seconds = new BigDecimal(s);
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        } catch (NumberFormatException notNumeric) {
            return Instant.parse(s);
        }
    }
}
