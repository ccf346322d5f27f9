package io.trailguard.core.suppress;

import io.trailguard.core.Finding;
import io.trailguard.core.Suppression;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of a suppressions file: which findings it accepts, why, until when, and where it is written.
 *
 * @param rule     the rule id the entry applies to (exact)
 * @param account  a 12-digit account id, or {@code null} for any account
 * @param region   a region, or {@code null} for any region
 * @param resource a glob over the resource id ({@code *} any run of characters, {@code ?} one), or {@code null}
 * @param reason   why the risk is accepted
 * @param expires  the last day the entry suppresses, or {@code null}
 * @param source   the file name
 * @param line     1-based line of the entry
 * @param column   1-based column of the entry
 * @since 0.1.0
 */
public record SuppressionEntry(String rule, String account, String region, String resource, String reason,
                               LocalDate expires, String source, int line, int column) {
    public SuppressionEntry {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
    }

    /** True when this entry names the finding's rule, account, region and resource (ignoring expiry). */
    public boolean matches(Finding f) {
        return rule.equals(f.ruleId())
                && (account == null || account.equals(f.resource().accountId()))
                && (region == null || region.equals(f.resource().region()))
                && (resource == null || glob(resource, f.resource().id()));
    }

    /** True when the entry no longer suppresses on {@code today} (it suppresses through its expiry day). */
    public boolean isExpired(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    /** {@code file:line:col}. */
    public String location() {
        return source + ":" + line + ":" + column;
    }

    /** The annotation a matching finding carries. */
    public Suppression toSuppression() {
        return new Suppression(reason, expires, location());
    }

    /** Glob match in O(pattern × text) time without backtracking blow-up: {@code *} and {@code ?} only. */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
