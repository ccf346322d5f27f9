package io.trailguard.aws.logs;

import io.trailguard.aws.collect.internal.Failure;
import io.trailguard.core.integrity.Futures;
import io.trailguard.core.integrity.Layout;
import io.trailguard.core.integrity.LocalLogStore;
import io.trailguard.core.report.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Copies a bucket's CloudTrail log and digest files under a prefix into a local directory in the layout
 * {@link LocalLogStore} reads: same keys, and each digest's S3 user metadata (its signature) in
 * {@code <digest>.metadata.json}. Objects are streamed to disk (written whole or not at all) by {@code concurrency}
 * threads; an object that cannot be read is recorded with AWS's error and the copy goes on.
 *
 * @since 0.2.0
 */
public final class LogFetcher {
    private LogFetcher() {
    }

    /** What a copy did: objects and bytes written, and the objects that could not be read. */
    public record Result(long objects, long bytes, List<String> failures) {
        public Result {
            failures = List.copyOf(failures);
        }
    }

    /** Copies every log and digest file under {@code prefix} whose key {@code wanted} accepts. */
    public static Result fetch(S3Client s3, String bucket, String prefix, Path dir, int concurrency,
            Predicate<String> wanted) throws IOException {
        List<String> keys = new ArrayList<>();
        new S3LogStore(s3, bucket, concurrency).list(prefix, k -> {
            if ((Layout.digest(k).isPresent() || Layout.log(k).isPresent()) && wanted.test(k)) {
                keys.add(k);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "trailguard-fetch");
            t.setDaemon(true);
            return t;
        });
        AtomicLong bytes = new AtomicLong();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String k : keys) {
                done.add(pool.submit(() -> copy(s3, bucket, k, dir, bytes, failures)));
            }
            for (Future<?> f : done) {
                Futures.join(f);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> sorted = new ArrayList<>(failures);
        java.util.Collections.sort(sorted);
        return new Result(keys.size() - sorted.size(), bytes.get(), sorted);
    }

    private static void copy(S3Client s3, String bucket, String key, Path dir, AtomicLong bytes, List<String> failures) {
        Path target = dir.resolve(key).normalize();
        if (!target.startsWith(dir.normalize())) {
            failures.add(key + ": the key leaves the target directory; not copied");
            return;
        }
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            Map<String, String> meta = in.response().metadata();
            AtomicFiles.write(target, out -> bytes.addAndGet(((InputStream) in).transferTo(out)));
            if (Layout.digest(key).isPresent()) {
                LocalLogStore.writeMetadata(target, meta);
            }
        } catch (SdkException e) {
            Failure f = Failure.of(e);
            failures.add("s3://" + bucket + "/" + key + ": GetObject: " + f.code() + ": " + f.message());
        } catch (IOException e) {
            failures.add("s3://" + bucket + "/" + key + ": " + e.getMessage());
        }
    }
}
