package io.trailguard.core.integrity;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CloudTrail's object keys: digest files
 * ({@code [prefix/]AWSLogs/[o-id/]account/CloudTrail-Digest/region/YYYY/MM/DD/account_CloudTrail-Digest_region_trail_homeRegion_YYYYMMDDTHHmmssZ[_backfill].json.gz})
 * and log files ({@code …/CloudTrail/region/YYYY/MM/DD/account_CloudTrail_region_YYYYMMDDTHHmmZ_unique.json.gz}), as
 * documented in
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 * and https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html
 *
 * @since 0.2.0
 */
public final class Layout {
    private static final String HEAD = "^(?<prefix>(?:[^/]+/)*?)AWSLogs/(?:(?<org>o-[a-z0-9]{10,32})/)?(?<acct>\\d{12})/";
    private static final Pattern DIGEST = Pattern.compile(HEAD
            + "CloudTrail-Digest/(?<region>[a-z0-9-]+)/\\d{4}/\\d{2}/\\d{2}/(?<file>[^/]+)$");
    private static final Pattern DIGEST_FILE = Pattern.compile(
            "^(?<acct>\\d{12})_CloudTrail-Digest_(?<region>[a-z0-9-]+)_(?<trail>.+)_(?<home>[a-z]{2}(?:-[a-z]+)+-\\d+)_"
                    + "(?<ts>\\d{8}T\\d{6}Z)(?<backfill>_backfill)?\\.json\\.gz$");
    private static final Pattern LOG = Pattern.compile(HEAD
            + "CloudTrail/(?<region>[a-z0-9-]+)/\\d{4}/\\d{2}/\\d{2}/(?<acct2>\\d{12})_CloudTrail_[a-z0-9-]+_"
            + "(?<ts>\\d{8}T\\d{4}Z)_[^/]+\\.json\\.gz$");
    private static final DateTimeFormatter DIGEST_TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final DateTimeFormatter LOG_TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");

    private Layout() {
    }

    /** A digest file's key read: its trail, its end time (from the name), and whether it is a backfill digest. */
    public record DigestKey(String key, TrailId trail, Instant endTime, boolean backfill) {
    }

    /** A log file's key read: where it is and its time (from the name). */
    public record LogKey(String key, TrailId.LogScope scope, Instant time) {
    }

    /** The digest file this key names, if it is one. */
    public static Optional<DigestKey> digest(String key) {
        Matcher m = DIGEST.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        Matcher f = DIGEST_FILE.matcher(m.group("file"));
        if (!f.matches() || !f.group("acct").equals(m.group("acct")) || !f.group("region").equals(m.group("region"))) {
            return Optional.empty();
        }
        Instant end = LocalDateTime.parse(f.group("ts"), DIGEST_TS).toInstant(ZoneOffset.UTC);
        return Optional.of(new DigestKey(key, new TrailId(m.group("prefix"), m.group("org"), m.group("acct"),
                m.group("region"), f.group("trail"), f.group("home")), end, f.group("backfill") != null));
    }

    /** The log file this key names, if it is one. */
    public static Optional<LogKey> log(String key) {
        Matcher m = LOG.matcher(key);
        if (!m.matches() || !m.group("acct").equals(m.group("acct2"))) {
            return Optional.empty();
        }
        Instant t = LocalDateTime.parse(m.group("ts"), LOG_TS).toInstant(ZoneOffset.UTC);
        return Optional.of(new LogKey(key, new TrailId.LogScope(m.group("prefix"), m.group("org"), m.group("acct"),
                m.group("region")), t));
    }

    /** The key of a digest file of this trail ending at {@code end} (what CloudTrail writes; used by generators). */
    public static String digestKey(TrailId t, Instant end) {
        String ts = DIGEST_TS.format(end.atOffset(ZoneOffset.UTC));
        String day = DateTimeFormatter.ofPattern("yyyy/MM/dd").format(end.atOffset(ZoneOffset.UTC));
        return base(t.prefix(), t.organizationId(), t.account()) + "CloudTrail-Digest/" + t.region() + "/" + day + "/"
                + t.account() + "_CloudTrail-Digest_" + t.region() + "_" + t.trail() + "_" + t.homeRegion() + "_" + ts
                + ".json.gz";
    }

    /** The key of a log file delivered at {@code time} with the given unique suffix. */
    public static String logKey(TrailId.LogScope s, Instant time, String unique) {
        String ts = LOG_TS.format(time.atOffset(ZoneOffset.UTC));
        String day = DateTimeFormatter.ofPattern("yyyy/MM/dd").format(time.atOffset(ZoneOffset.UTC));
        return base(s.prefix(), s.organizationId(), s.account()) + "CloudTrail/" + s.region() + "/" + day + "/"
                + s.account() + "_CloudTrail_" + s.region() + "_" + ts + "_" + unique + ".json.gz";
    }

    private static String base(String prefix, String org, String account) {
        return (prefix == null ? "" : prefix) + "AWSLogs/" + (org == null ? "" : org + "/") + account + "/";
    }
}
