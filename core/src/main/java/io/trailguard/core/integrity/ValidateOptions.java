package io.trailguard.core.integrity;

import java.time.Instant;
import java.util.Set;

/**
 * What to validate: the key prefix to look under (empty = the whole bucket; the part before {@code AWSLogs/} or a
 * deeper one), accounts and regions (empty = all), the time range of digest end times ({@code null} = open), the
 * public keys, and how many objects to read at once.
 *
 * @since 0.2.0
 */
public record ValidateOptions(String prefix, Set<String> accounts, Set<String> regions, Instant from, Instant to,
        PublicKeys keys, int parallelism) {

    public ValidateOptions {
        prefix = prefix == null ? "" : prefix;
        accounts = Set.copyOf(accounts);
        regions = Set.copyOf(regions);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the time range is empty: from " + from + " is not before to " + to);
        }
    }

    /** Everything under the prefix, with these keys, one reader per processor. */
    public static ValidateOptions of(String prefix, PublicKeys keys) {
        return new ValidateOptions(prefix, Set.of(), Set.of(), null, null, keys,
                Runtime.getRuntime().availableProcessors());
    }
}
