package io.trailguard.aws.collect.internal;

import java.util.Optional;

/** The outcome of one API call: a value, an answer that means "not configured", or a recorded failure. */
public record Result<T>(T value, boolean absent, Failure failure) {
    public boolean ok() {
        return failure == null && !absent;
    }

    public boolean failed() {
        return failure != null;
    }

    public Optional<T> optional() {
        return Optional.ofNullable(ok() ? value : null);
    }
}
