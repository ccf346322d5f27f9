package io.trailguard.core.logs.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.core.integrity.Futures;
import io.trailguard.core.integrity.LogStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads CloudTrail events from log files as delivered: gzip (or plain) JSON {@code {"Records": [...]}} (also a bare
 * array of records, as event samples are often kept), streamed one record at a time so that a file is never held
 * whole. Files are read by {@code parallelism} threads; the sink must be thread-safe. Digest and Insights files, and
 * anything not {@code .json} or {@code .json.gz}, are skipped; a file that cannot be read or parsed is recorded with
 * the reason, never silently dropped.
 *
 * @since 0.2.0
 */
public final class CloudTrailEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudTrailEvents() {
    }

    /** What a read covered: files, events, and the files that could not be read, each with why. */
    public record Summary(long files, long events, List<String> unreadable) {
        public Summary {
            unreadable = List.copyOf(unreadable);
        }
    }

    /** Calls {@code sink} with every event of every log file under {@code prefix}. */
    public static Summary read(LogStore store, String prefix, int parallelism, Consumer<CloudTrailEvent> sink)
            throws IOException {
        List<String> keys = new ArrayList<>();
        store.list(prefix, k -> {
            if ((k.endsWith(".json.gz") || k.endsWith(".json")) && !k.contains("/CloudTrail-Digest/")
                    && !k.contains("/CloudTrail-Insight/")) {
                keys.add(k);
            }
        });
        Collections.sort(keys);
        AtomicLong events = new AtomicLong();
        List<String> bad = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "trailguard-events");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String k : keys) {
                done.add(pool.submit(() -> {
                    try (InputStream in = store.open(k)) {
                        events.addAndGet(readFile(in, k, sink));
                    } catch (IOException | RuntimeException e) {
                        bad.add(store.describe(k) + ": " + e.getMessage());
                    }
                }));
            }
            for (Future<?> f : done) {
                Futures.join(f);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> sorted = new ArrayList<>(bad);
        Collections.sort(sorted);
        return new Summary(keys.size(), events.get(), sorted);
    }

    /** Streams one file's records to the sink; returns how many. */
    static long readFile(InputStream raw, String key, Consumer<CloudTrailEvent> sink) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream body = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
        long n = 0;
        try (JsonParser p = new JsonFactory(JSON).createParser(body)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if ("Records".equals(field) && v == JsonToken.START_ARRAY) {
                        n += records(p, key, sink);
                    } else {
                        p.skipChildren();
                    }
                }
            } else if (t == JsonToken.START_ARRAY) {
                n += records(p, key, sink);
            } else {
                throw new IOException("not a CloudTrail log file: expected {\"Records\": [...]} or a list of records");
            }
        }
        return n;
    }

    private static long records(JsonParser p, String key, Consumer<CloudTrailEvent> sink) throws IOException {
        long n = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode e = p.readValueAsTree();
            sink.accept(new CloudTrailEvent(e, key));
            n++;
        }
        return n;
    }
}
