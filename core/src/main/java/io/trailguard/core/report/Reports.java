package io.trailguard.core.report;

import io.trailguard.core.Finding;
import io.trailguard.core.Reference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the report writers (implementation). */
final class Reports {
    /** Where trailguard is documented, for formats that want a tool URL. */
    static final String INFORMATION_URI = "https://github.com/trailguard/trailguard";

    private Reports() {
    }

    /**
     * A fingerprint of what a finding is about, stable across runs and independent of its message and status:
     * SHA-256 of rule id, resource type, resource id and account.
     */
    static String fingerprint(Finding f) {
        return sha256(f.ruleId() + "\n" + f.resource().type() + "\n" + f.resource().id() + "\n"
                + f.resource().accountId());
    }

    /** The hex SHA-256 of a string's UTF-8 bytes. */
    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The topic of a rule: its id's prefix ({@code CT} for {@code CT-03}). */
    static String topic(String ruleId) {
        int dash = ruleId.indexOf('-');
        return dash > 0 ? ruleId.substring(0, dash) : ruleId;
    }

    /** The first finding of each rule, in order of first appearance. */
    static Map<String, Finding> firstByRule(List<Finding> findings) {
        Map<String, Finding> out = new LinkedHashMap<>();
        findings.forEach(f -> out.putIfAbsent(f.ruleId(), f));
        return out;
    }

    /** The first reference URL that is a valid absolute http(s) URI (RFC 3986), else {@code null}. */
    static String firstUrl(List<Reference> refs) {
        return refs.stream().map(Reference::url).filter(Reports::isWebUri).findFirst().orElse(null);
    }

    /** True for an absolute {@code http} or {@code https} URI that parses; rule files are user input. */
    static boolean isWebUri(String u) {
        if (u == null || u.isBlank()) {
            return false;
        }
        try {
            java.net.URI uri = new java.net.URI(u);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** At most {@code max} UTF-16 units, ending in an ellipsis when cut, never splitting a surrogate pair. */
    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /** A full stop after a word and before a capital: "acme.com. (account 1)" and "e.g. this" do not end one. */
    private static final java.util.regex.Pattern SENTENCE_END =
            java.util.regex.Pattern.compile("(?<=[\\p{L}\\p{N})\"'])\\.\\s+(?=\\p{Lu})");

    /** The first sentence of a message, white space folded. */
    static String firstSentence(String message) {
        String m = message.strip().replaceAll("\\s+", " ");
        java.util.regex.Matcher end = SENTENCE_END.matcher(m);
        return end.find() ? m.substring(0, end.start() + 1) : m;
    }

    /** At most {@code max} code points, ending in an ellipsis when cut. */
    static String cut(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** The name in a resource id: the part after its last {@code /} (or {@code :} in an ARN). */
    static String name(String id) {
        int cut = Math.max(id.lastIndexOf('/'), id.startsWith("arn:") ? id.lastIndexOf(':') : -1);
        return cut >= 0 && cut < id.length() - 1 ? id.substring(cut + 1) : id;
    }
}
