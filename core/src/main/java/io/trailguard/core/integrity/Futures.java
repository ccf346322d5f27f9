package io.trailguard.core.integrity;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for the tasks that read log files in parallel, shared by validation, event reading and fetching: an
 * interruption becomes an {@link InterruptedIOException} (the interrupt flag kept), a task's unchecked exception or
 * error is rethrown as it is, and any other failure becomes an {@link IOException}.
 *
 * @since 0.2.0
 */
public final class Futures {
    private Futures() {
    }

    /** The task's result, once it is done. */
    public static <T> T join(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }
}
