package io.trailguard.core.integrity;

/**
 * What validation found wrong, or worth telling, about a trail's logs. {@link #failing()} kinds make the command exit
 * 1; the others are intervals reported so that nobody mistakes them for complete logs.
 *
 * @since 0.2.0
 */
public enum IssueKind {
    /** A log file's uncompressed SHA-256 differs from the hash its digest lists (or it is no longer gzip). */
    MODIFIED(true),
    /** A log file a digest lists is not in the bucket. */
    DELETED(true),
    /** A log file under the prefix that no digest lists (added after delivery, or delivered without validation). */
    NOT_COVERED(true),
    /** A digest's signature does not verify, it has no signature, or it is not where it says it is. */
    DIGEST_INVALID(true),
    /** A digest names a previous digest whose hash or signature is not the one stored: the previous one was replaced. */
    CHAIN_BROKEN(true),
    /** A digest the chain names is not in the bucket: a gap, with the time range nothing vouches for. */
    DIGEST_MISSING(true),
    /** An object could not be read, or its public key is not known: nothing can be said of its hour. */
    UNKNOWN(true),
    /** A valid chain link skips time: the trail was not logging (StopLogging) in between. */
    LOGGING_OFF(false),
    /** A new chain starts after an earlier one: log file validation was off (or the trail re-created) in between. */
    VALIDATION_OFF(false),
    /** Consecutive valid digests that list no log files: no events were delivered in those hours. */
    NO_LOG_FILES(false);

    private final boolean failing;

    IssueKind(boolean failing) {
        this.failing = failing;
    }

    /** Whether this kind means the logs cannot be trusted as complete and unmodified. */
    public boolean failing() {
        return failing;
    }
}
