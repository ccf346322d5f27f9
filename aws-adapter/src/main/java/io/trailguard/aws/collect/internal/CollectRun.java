package io.trailguard.aws.collect.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.aws.collect.ProgressListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * One collection: the options, the worker pool that bounds concurrent API calls, the HTTP client shared by every
 * service client, and the resources and errors gathered so far. Tasks submitted here never wait for one another
 * (follow-ups are chained with {@link CompletableFuture#thenCompose}), so {@code concurrency} worker threads bound
 * the number of calls in flight without any risk of the pool starving itself.
 */
public final class CollectRun implements AutoCloseable {
    public final CollectOptions options;
    private final ProgressListener listener;
    public final SdkHttpClient http;
    private final ExecutorService pool;
    private final ConcurrentLinkedQueue<ObjectNode> resources = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ObjectNode> errors = new ConcurrentLinkedQueue<>();
    private final AtomicLong calls = new AtomicLong();
    public final AtomicInteger accountsDone = new AtomicInteger();
    public final AtomicInteger accountsTotal = new AtomicInteger();
    public final AtomicInteger regionsDone = new AtomicInteger();
    public final AtomicInteger regionsTotal = new AtomicInteger();
    public final ExecutionInterceptor callCounter = new ExecutionInterceptor() {
        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attrs) {
            calls.incrementAndGet();
            progress();
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attrs) {
            calls.incrementAndGet();
            progress();
        }
    };

    public CollectRun(CollectOptions options, ProgressListener listener) {
        this.options = options;
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.http = UrlConnectionHttpClient.builder()
                .socketTimeout(options.attemptTimeout())
                .connectionTimeout(java.time.Duration.ofSeconds(10).compareTo(options.attemptTimeout()) < 0
                        ? java.time.Duration.ofSeconds(10) : options.attemptTimeout())
                .build();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "trailguard-collect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(options.concurrency(), tf);
    }

    public void progress() {
        try {
            listener.onProgress(accountsDone.get(), accountsTotal.get(), regionsDone.get(), regionsTotal.get(),
                    calls.get());
        } catch (RuntimeException e) {
            // a broken progress display must not break the collection
        }
    }

    public long calls() {
        return calls.get();
    }

    // ---- tasks ----

    public CompletableFuture<Void> submit(Runnable task) {
        return CompletableFuture.runAsync(guard(task), pool);
    }

    public <T> CompletableFuture<T> supply(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, pool);
    }

    public static CompletableFuture<Void> all(Collection<? extends CompletableFuture<?>> fs) {
        return CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new));
    }

    /** Runs {@code task} for every item, each as its own pool task. */
    public <I> CompletableFuture<Void> forEach(Collection<I> items, java.util.function.Consumer<I> task) {
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (I i : items) {
            fs.add(submit(() -> task.accept(i)));
        }
        return all(fs);
    }

    private Runnable guard(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                // collectors record their own failures; anything escaping is a bug, kept as an error, not lost
                Failure f = Failure.of(e);
                errorNode("unknown", "unknown", "trailguard", "collect", f, null, null, null);
            }
        };
    }

    // ---- calls ----

    /**
     * Makes one API call (or one paginated listing). Codes in {@code absentCodes} mean "not configured" and give an
     * absent result; any other failure is recorded as a snapshot error against {@code target}.
     */
    public <T> Result<T> call(String accountId, String region, String service, String operation, Target target,
                              Set<String> absentCodes, Supplier<T> fn) {
        return call(accountId, region, service, operation, target, absentCodes, fn, true);
    }

    /** As above; with {@code record} false a failure is returned to the caller, who records it as it sees fit. */
    public <T> Result<T> call(String accountId, String region, String service, String operation, Target target,
                              Set<String> absentCodes, Supplier<T> fn, boolean record) {
        try {
            return new Result<>(fn.get(), false, null);
        } catch (RuntimeException e) {
            Failure f = Failure.of(e);
            if (absentCodes.contains(f.code())) {
                return new Result<>(null, true, null);
            }
            if (record) {
                errorNode(accountId, region, service, operation, f, target.resourceType(), target.resourceId(),
                        target.fields());
            }
            return new Result<>(null, false, f);
        }
    }

    public <T> Result<T> call(String accountId, String region, String service, String operation, Target target,
                              Supplier<T> fn) {
        return call(accountId, region, service, operation, target, Set.of(), fn);
    }

    public void errorNode(String accountId, String region, String service, String operation, Failure f,
                          String resourceType, String resourceId, List<String> fields) {
        ObjectNode e = SdkJson.F.objectNode();
        e.put("accountId", accountId);
        e.put("region", region);
        e.put("service", service);
        e.put("operation", operation);
        e.put("code", f.code());
        e.put("message", f.message());
        if (resourceType != null) {
            e.put("resourceType", resourceType);
        }
        if (resourceId != null) {
            e.put("resourceId", resourceId);
        }
        if (fields != null && !fields.isEmpty()) {
            ArrayNode a = e.putArray("fields");
            fields.forEach(a::add);
        }
        errors.add(e);
    }

    public void resource(String type, String id, String accountId, String region, ObjectNode configuration) {
        ObjectNode r = SdkJson.F.objectNode();
        r.put("type", type);
        r.put("id", id);
        r.put("accountId", accountId);
        r.put("region", region);
        r.set("configuration", configuration);
        resources.add(r);
    }

    /** Resources sorted (account, type, region, id), the first of any duplicate (type, id) kept. */
    public List<ObjectNode> resources() {
        List<ObjectNode> all = new ArrayList<>(resources);
        all.sort(Comparator.<ObjectNode, String>comparing(r -> r.path("accountId").asText())
                .thenComparing(r -> r.path("type").asText())
                .thenComparing(r -> r.path("region").asText())
                .thenComparing(r -> r.path("id").asText()));
        Map<String, ObjectNode> unique = new LinkedHashMap<>();
        for (ObjectNode r : all) {
            unique.putIfAbsent(r.path("type").asText() + "\u0000" + r.path("id").asText(), r);
        }
        return new ArrayList<>(unique.values());
    }

    public List<ObjectNode> errors() {
        List<ObjectNode> all = new ArrayList<>(errors);
        all.sort(Comparator.<ObjectNode, String>comparing(r -> r.path("accountId").asText())
                .thenComparing(r -> r.path("region").asText())
                .thenComparing(r -> r.path("service").asText())
                .thenComparing(r -> r.path("operation").asText())
                .thenComparing(r -> r.path("resourceId").asText()));
        return all;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        http.close();
    }
}
