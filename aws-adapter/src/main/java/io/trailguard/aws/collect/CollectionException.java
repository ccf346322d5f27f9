package io.trailguard.aws.collect;

/** The collection could not start at all (no credentials, no identity). Partial failures go to the snapshot's errors. */
public class CollectionException extends RuntimeException {
    public CollectionException(String message, Throwable cause) {
        super(message, cause);
    }

    public CollectionException(String message) {
        super(message);
    }
}
