package io.trailguard.core.integrity;

/**
 * What validation found wrong, or worth telling, about a trail's logs. {@link #failing()} kinds make the command exit
 * 1; the others are intervals reported so that nobody mistakes them for complete logs.
 *
 * @since 0.2.0
 */
public enum IssueKind {
    /** A log file's uncompressed SHA-256 differs from the hash its digest lists (or it is no longer gzip). */
    MODIFIED(true, "Log file modified after delivery"),
    /** A log file a digest lists is not in the bucket. */
    DELETED(true, "Log file deleted"),
    /** A log file under the prefix that no digest lists (added after delivery, or delivered without validation). */
    NOT_COVERED(true, "Log file no digest lists"),
    /** A digest's signature does not verify, it has no signature, or it is not where it says it is. */
    DIGEST_INVALID(true, "Digest file invalid"),
    /** A digest names a previous digest whose hash or signature is not the one stored: the previous one was replaced. */
    CHAIN_BROKEN(true, "Digest chain broken"),
    /** A digest the chain names is not in the bucket: a gap, with the time range nothing vouches for. */
    DIGEST_MISSING(true, "Digest file missing (gap)"),
    /** An object could not be read, or its public key is not known: nothing can be said of its hour. */
    UNKNOWN(true, "Could not be checked"),
    /** A valid chain link skips time: the trail was not logging (StopLogging) in between. */
    LOGGING_OFF(false, "Logging off"),
    /** A new chain starts after an earlier one: log file validation was off (or the trail re-created) in between. */
    VALIDATION_OFF(false, "Log file validation off"),
    /** Consecutive valid digests that list no log files: no events were delivered in those hours. */
    NO_LOG_FILES(false, "No log files delivered");

    private final boolean failing;
    private final String title;

    IssueKind(boolean failing, String title) {
        this.failing = failing;
        this.title = title;
    }

    /** A short title for reports that name each kind (SARIF rules, JUnit, HTML, ASFF, OCSF). */
    public String title() {
        return title;
    }

    /** Whether this kind means the logs cannot be trusted as complete and unmodified. */
    public boolean failing() {
        return failing;
    }
}
