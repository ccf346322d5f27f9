package io.trailguard.aws.logs;

import io.trailguard.aws.collect.internal.Failure;
import io.trailguard.core.integrity.LogStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A log bucket read through S3: {@code ListObjectsV2}, and one streamed {@code GetObject} per object (a digest's
 * {@code x-amz-meta-signature} comes in that response's headers). A missing object is {@link NoSuchFileException};
 * any other failure (after the client's retries) is an {@link IOException} with AWS's error code, which validation
 * reports as UNKNOWN for its hour.
 *
 * <p>Listing with a concurrency above one walks the tree with the {@code /} delimiter, a request per folder, at most
 * {@code concurrency} requests at once, down to the month folders {@code …/AWSLogs/[o-id/]account/CloudTrail[-Digest]/
 * region/YYYY/MM/}, each then listed whole: the accounts, regions and months are listed in parallel instead of one
 * page of 1,000 keys after the other. Months, not days: a day folder often holds far fewer than a page's 1,000 keys
 * (a quiet region's 24 digests), and a request per day would multiply the requests without shortening the walk much.
 * Under an account only the {@code CloudTrail} and {@code CloudTrail-Digest} folders are listed (a shared bucket's
 * other services' logs are never CloudTrail's).
 *
 * @since 0.2.0
 */
public final class S3LogStore implements LogStore {
    /** A month folder of CloudTrail log or digest files: listed whole. */
    private static final Pattern MONTH = Pattern.compile(
            "(?:^|.*/)AWSLogs/(?:o-[a-z0-9]+/)?\\d{12}/CloudTrail(?:-Digest)?/[^/]+/\\d{4}/\\d{2}/");
    /** An account folder: only its CloudTrail folders are descended into. */
    private static final Pattern ACCOUNT = Pattern.compile("(?:^|.*/)AWSLogs/(?:o-[a-z0-9]+/)?\\d{12}/");
    /** Below this many levels under the listed prefix, list whole whatever the layout (an unusual tree). */
    private static final int MAX_DEPTH = 12;

    private final S3Client s3;
    private final String bucket;
    private final int concurrency;

    /** Lists sequentially (the Lambda handler, which validates one digest and lists nothing). */
    public S3LogStore(S3Client s3, String bucket) {
        this(s3, bucket, 1);
    }

    /** Lists with up to {@code concurrency} {@code ListObjectsV2} requests at once. */
    public S3LogStore(S3Client s3, String bucket, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive: " + concurrency);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.concurrency = concurrency;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public void list(String prefix, Consumer<String> sink) throws IOException {
        String root = prefix == null ? "" : prefix;
        if (concurrency == 1) {
            listWhole(root, sink);
            return;
        }
        Queue<String> keys = new ConcurrentLinkedQueue<>();
        AtomicReference<IOException> failed = new AtomicReference<>();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "trailguard-list-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Pending pending = new Pending();
        try {
            walk(pool, pending, root, 0, keys, failed);
            pending.done(); // the root's own count: the walk ends when every listed folder has been
            pending.all.join();
        } finally {
            pool.shutdownNow();
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        keys.forEach(sink); // the caller's sink need not be thread-safe
    }

    /** Lists {@code prefix} (a folder, or the root) on the pool: whole at a month folder, else one level. */
    private void walk(ExecutorService pool, Pending pending, String prefix, int depth, Queue<String> keys,
            AtomicReference<IOException> failed) {
        pending.count.incrementAndGet();
        pool.execute(() -> {
            try {
                if (failed.get() != null) {
                    return;
                }
                if (depth >= MAX_DEPTH || MONTH.matcher(prefix).matches()) {
                    listWhole(prefix, keys::add);
                    return;
                }
                boolean account = ACCOUNT.matcher(prefix).matches();
                for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)
                        .delimiter("/"))) {
                    page.contents().forEach(o -> keys.add(o.key()));
                    for (CommonPrefix p : page.commonPrefixes()) {
                        String sub = p.prefix();
                        if (account && !sub.endsWith("/CloudTrail/") && !sub.endsWith("/CloudTrail-Digest/")) {
                            continue;
                        }
                        walk(pool, pending, sub, depth + 1, keys, failed);
                    }
                }
            } catch (SdkException e) {
                failed.compareAndSet(null, failure("ListObjectsV2 s3://" + bucket + "/" + prefix, e));
            } catch (IOException e) {
                failed.compareAndSet(null, e);
            } catch (RuntimeException e) {
                failed.compareAndSet(null, new IOException("listing s3://" + bucket + "/" + prefix + ": " + e, e));
            } finally {
                pending.done();
            }
        });
    }

    /** Folders submitted and not yet listed (plus one for the root until it is submitted). */
    private static final class Pending {
        final AtomicInteger count = new AtomicInteger(1);
        final CompletableFuture<Void> all = new CompletableFuture<>();

        void done() {
            if (count.decrementAndGet() == 0) {
                all.complete(null);
            }
        }
    }

    private void listWhole(String prefix, Consumer<String> sink) throws IOException {
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                sink.accept(o.key());
            }
        } catch (SdkException e) {
            throw failure("ListObjectsV2 s3://" + bucket + "/" + prefix, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return get(key);
    }

    @Override
    public Opened openWithMetadata(String key) throws IOException {
        ResponseInputStream<GetObjectResponse> in = get(key);
        return new Opened(in, in.response().metadata());
    }

    private ResponseInputStream<GetObjectResponse> get(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("GetObject " + describe(key), e);
        }
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private static IOException failure(String call, SdkException e) {
        if (e instanceof NoSuchKeyException || e instanceof S3Exception s && s.statusCode() == 404
                && !"NoSuchBucket".equals(s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode())) {
            return new NoSuchFileException(call);
        }
        Failure f = Failure.of(e);
        return new IOException(call + ": " + f.code() + ": " + f.message(), e);
    }
}
