package io.trailguard.core.integrity;

/**
 * One trail's digest chain in a bucket: the key prefix before {@code AWSLogs/}, the organisation id (organisation
 * trails only, else {@code null}), the account, the region the digests cover, the trail's name and home region — all
 * read from the digest's object key.
 *
 * @since 0.2.0
 */
public record TrailId(String prefix, String organizationId, String account, String region, String trail,
        String homeRegion) implements Comparable<TrailId> {

    /** Where the trail's log files are: the prefix, organisation, account and region. */
    public LogScope scope() {
        return new LogScope(prefix, organizationId, account, region);
    }

    @Override
    public int compareTo(TrailId o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return prefix + (organizationId == null ? "" : organizationId + "/") + account + "/" + region + "/" + trail
                + "@" + homeRegion;
    }

    /** A log file directory: {@code [prefix/]AWSLogs/[o-id/]account/CloudTrail/region/}. */
    public record LogScope(String prefix, String organizationId, String account, String region) {
    }
}
