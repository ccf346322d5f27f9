package io.trailguard.core.integrity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/**
 * The signature of a digest file, as documented in "Custom implementations of CloudTrail log file integrity
 * validation" (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html):
 * SHA256withRSA over the UTF-8 string
 * {@code digestEndTime + "\n" + digestS3Bucket + "/" + digestS3Object + "\n" + hex(SHA-256(uncompressed digest)) + "\n" + previousDigestSignature},
 * where a chain's starting digest has the string {@code null} for the previous signature; the signature is stored
 * hex-encoded in the digest object's {@code x-amz-meta-signature}.
 *
 * @since 0.2.0
 */
public final class DigestSignature {
    /** The only algorithm CloudTrail signs with. */
    public static final String ALGORITHM = "SHA256withRSA";

    private DigestSignature() {
    }

    /** The documented string to sign. */
    public static String dataToSign(String digestEndTime, String bucket, String key, String hexDigestHash,
            String previousSignature) {
        return digestEndTime + "\n" + bucket + "/" + key + "\n" + hexDigestHash + "\n"
                + (previousSignature == null ? "null" : previousSignature);
    }

    /** Whether the hex signature verifies over the string with the key. A malformed hex signature does not. */
    public static boolean verify(PublicKey key, String dataToSign, String hexSignature) {
        byte[] sig;
        try {
            sig = HexFormat.of().parseHex(hexSignature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(dataToSign.getBytes(StandardCharsets.UTF_8));
            return s.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs the string (hex), as CloudTrail does; for generators of test layouts. */
    public static String sign(PrivateKey key, String dataToSign) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(dataToSign.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
