package io.trailguard.core.fuzz;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The fuzz invariant, shared by the fuzz targets of every module: the action returns, or throws an exception the
 * predicate accepts, within {@link #SECONDS} seconds; anything else (another exception, an Error such as a stack
 * overflow or running out of memory, a hang) fails with the cause.
 */
public final class Bounds {
    /** The time one input may take. */
    public static final long SECONDS = 10;
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-input");
        t.setDaemon(true);
        return t;
    });

    private Bounds() {
    }

    /** A reader call that may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    public static void check(Action action, Predicate<Throwable> expected) {
        Future<?> f = POOL.submit(() -> {
            action.run();
            return null;
        });
        try {
            f.get(SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("the input took more than " + SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AssertionError a) {
                throw a;
            }
            if (!expected.test(cause)) {
                throw new AssertionError("not an input error with a position: " + cause, cause);
            }
        }
    }
}
