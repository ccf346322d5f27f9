package io.trailguard.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trailguard.aws.collect.CollectOptions;
import io.trailguard.aws.logs.LogClients;
import io.trailguard.aws.logs.S3LogStore;
import io.trailguard.core.integrity.DigestLayoutGenerator;
import io.trailguard.core.integrity.IntegrityReport;
import io.trailguard.core.integrity.IntegrityValidator;
import io.trailguard.core.integrity.LocalLogStore;
import io.trailguard.core.integrity.PublicKeys;
import io.trailguard.core.integrity.TrailId;
import io.trailguard.core.integrity.ValidateOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The {@code logs validate} benchmark (bench/logs-bench.sh): generates an organisation trail's log files and signed
 * digests (accounts × regions × hours × files, each file a gzip CloudTrail log of realistic events), then times
 * (1) {@code trailguard logs validate DIR} (the CLI jar in a child JVM) against {@code zcat FILE | sha256sum} over the
 * same log files on every core ({@code xargs -P nproc}), the physical limit, and (2) S3 mode in-process against a stub
 * S3 with a fixed latency per request, against the floor {@code requests × latency ÷ concurrency}.
 */
public final class LogsBench {
    private static final String BUCKET = "bench-org-trail-logs";
    private static final String[] NAMES = {"GetObject", "PutObject", "AssumeRole", "DescribeInstances", "Decrypt",
            "GenerateDataKey", "ListBuckets", "GetCallerIdentity", "CreateLogStream", "PutLogEvents"};

    private LogsBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path root = Path.of(a.getOrDefault("root", "."));
        Path dir = Path.of(a.getOrDefault("dir", "bench/target/logs-org"));
        int accounts = Integer.parseInt(a.getOrDefault("accounts", "8"));
        int regions = Integer.parseInt(a.getOrDefault("regions", "2"));
        int hours = Integer.parseInt(a.getOrDefault("hours", "24"));
        int files = Integer.parseInt(a.getOrDefault("files", "12"));
        int events = Integer.parseInt(a.getOrDefault("events", "250"));
        int latency = Integer.parseInt(a.getOrDefault("latency-ms", "20"));
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "16"));
        int reps = Integer.parseInt(a.getOrDefault("reps", "3"));
        StringBuilder md = new StringBuilder();
        int cores = Runtime.getRuntime().availableProcessors();
        md.append("machine: ").append(cores).append(" cores (shared), Java ").append(System.getProperty("java.version")).append('\n');

        long t0 = System.nanoTime();
        long[] sizes = generate(dir, accounts, regions, hours, files, events);
        double genS = (System.nanoTime() - t0) / 1e9;
        md.append(String.format("organisation: %d accounts × %d regions × %d hours × %d files of %d events = %d log files, "
                + "%.2f GB uncompressed, %.2f GB gzip, %d digests (generated in %.0f s)%n", accounts, regions, hours, files,
                events, sizes[0], sizes[1] / 1e9, sizes[2] / 1e9, sizes[3], genS));

        if (a.containsKey("s3-only")) { // only the S3-mode figures (a small organisation is enough for them)
            md.append(s3(dir, latency, concurrency));
            md.append(listing(Integer.parseInt(a.getOrDefault("list-accounts", "16")), latency, concurrency));
            System.out.print(md);
            Files.writeString(root.resolve("bench/target/logs-bench.md"), md.toString());
            System.exit(0);
        }
        // warm the page cache, then alternate the two measurements
        run(List.of("sh", "-c", "cat $(find " + dir + " -name '*.json.gz') > /dev/null"), root);
        String jar = root.resolve("cli/target/trailguard.jar").toString();
        List<Double> ours = new ArrayList<>();
        List<Double> zcat = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            zcat.add(run(List.of("sh", "-c", "find " + dir + " -path '*/CloudTrail/*' -name '*.json.gz' -print0 | xargs -0 -P "
                    + cores + " -n 64 sh -c 'for f do zcat \"$f\" | sha256sum; done' sh > /dev/null"), root));
            ours.add(run(List.of("java", "-jar", jar, "logs", "validate", dir.toString(), "--public-keys",
                    dir.resolve("public-keys.json").toString(), "--format", "json", "-o",
                    root.resolve("bench/target/logs-validate-report.json").toString()), root));
        }
        double o = median(ours);
        double z = median(zcat);
        double gb = sizes[1] / 1e9;
        md.append(String.format("%n| local mode (median of %d) | wall s | uncompressed GB/s | ÷ zcat time |%n|---|---|---|---|%n", reps));
        md.append(String.format("| `zcat FILE \\| sha256sum`, xargs -P %d | %.2f | %.3f | 1.00 |%n", cores, z, gb / z));
        md.append(String.format("| `trailguard logs validate DIR` (JVM start included; also checks %d signatures and the chains) "
                + "| %.2f | %.3f | %.2f |%n", sizes[3], o, gb / o, z / o));
        md.append("runs (s): zcat ").append(zcat).append(", trailguard ").append(ours).append('\n');

        // S3 mode: one account's logs behind a stub with fixed latency
        md.append(s3(dir, latency, concurrency));
        System.out.print(md);
        Files.writeString(root.resolve("bench/target/logs-bench.md"), md.toString());
        System.exit(0); // the stub's executor threads
    }

    /** Generates the organisation; returns {log files, uncompressed bytes, gzip bytes, digests}. */
    static long[] generate(Path dir, int accounts, int regions, int hours, int files, int events) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        KeyPair key = DigestLayoutGenerator.keyPair();
        Instant first = Instant.parse("2026-03-01T01:00:31Z");
        DigestLayoutGenerator.writePublicKeys(dir.resolve("public-keys.json"), List.of(DigestLayoutGenerator
                .publicKeyEntry(key, true, first.minus(Duration.ofDays(1)), first.plus(Duration.ofDays(hours / 24 + 2)))));
        AtomicLong logs = new AtomicLong();
        AtomicLong raw = new AtomicLong();
        AtomicLong digests = new AtomicLong();
        String[] regionNames = {"us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"};
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<?>> done = new ArrayList<>();
        for (int ac = 0; ac < accounts; ac++) {
            for (int rg = 0; rg < regions; rg++) {
                String account = String.format("%012d", 100000000000L + ac);
                String region = regionNames[rg % regionNames.length];
                done.add(pool.submit(() -> {
                    DigestLayoutGenerator g = new DigestLayoutGenerator(dir, BUCKET);
                    TrailId t = new TrailId("", "o-bench000001", account, region, "org-trail", "us-east-1");
                    DigestLayoutGenerator.Chain c = g.chain(t, first);
                    Random rnd = new Random(account.hashCode() * 31L + region.hashCode());
                    for (int h = 0; h < hours; h++) {
                        c.hour(files, key, true, (time, i) -> {
                            byte[] b = content(rnd, account, region, time, events);
                            raw.addAndGet(b.length);
                            logs.incrementAndGet();
                            return b;
                        });
                        digests.incrementAndGet();
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long gz;
        try (Stream<Path> s = Files.walk(dir)) {
            gz = s.filter(p -> p.toString().contains("/CloudTrail/")).mapToLong(p -> p.toFile().length()).sum();
        }
        return new long[] {logs.get(), raw.get(), gz, digests.get()};
    }

    /** A CloudTrail log file of {@code n} events with the variety of real ones (ids, addresses, agents, parameters). */
    static byte[] content(Random rnd, String account, String region, Instant t, int n) {
        StringBuilder b = new StringBuilder(n * 1100).append("{\"Records\":[");
        for (int i = 0; i < n; i++) {
            String name = NAMES[rnd.nextInt(NAMES.length)];
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA")
                    .append(Long.toHexString(rnd.nextLong()).toUpperCase()).append(":session-").append(rnd.nextInt(500))
                    .append("\",\"arn\":\"arn:aws:sts::").append(account).append(":assumed-role/app-").append(rnd.nextInt(40))
                    .append("/session-").append(rnd.nextInt(500)).append("\",\"accountId\":\"").append(account)
                    .append("\",\"accessKeyId\":\"ASIA").append(Long.toHexString(rnd.nextLong()).toUpperCase())
                    .append("\",\"sessionContext\":{\"attributes\":{\"creationDate\":\"").append(t.minusSeconds(rnd.nextInt(3600)))
                    .append("\",\"mfaAuthenticated\":\"false\"}}},\"eventTime\":\"").append(t.plusSeconds(rnd.nextInt(300)))
                    .append("\",\"eventSource\":\"").append(name.contains("Object") || name.contains("Bucket") ? "s3" : "ec2")
                    .append(".amazonaws.com\",\"eventName\":\"").append(name).append("\",\"awsRegion\":\"").append(region)
                    .append("\",\"sourceIPAddress\":\"10.").append(rnd.nextInt(256)).append('.').append(rnd.nextInt(256)).append('.')
                    .append(rnd.nextInt(256)).append("\",\"userAgent\":\"aws-sdk-java/2.").append(rnd.nextInt(40)).append('.')
                    .append(rnd.nextInt(20)).append(" Linux/6.1 OpenJDK_64-Bit_Server_VM/21\",\"requestParameters\":{\"bucketName\":\"data-")
                    .append(rnd.nextInt(100)).append("\",\"key\":\"").append(Long.toString(rnd.nextLong() & Long.MAX_VALUE, 36))
                    .append("/part-").append(rnd.nextInt(10000)).append(".parquet\"},\"responseElements\":null,\"requestID\":\"")
                    .append(Long.toHexString(rnd.nextLong())).append("\",\"eventID\":\"").append(new java.util.UUID(rnd.nextLong(), rnd.nextLong()))
                    .append("\",\"readOnly\":").append(rnd.nextBoolean()).append(",\"eventType\":\"AwsApiCall\",\"managementEvent\":")
                    .append(rnd.nextBoolean()).append(",\"recipientAccountId\":\"").append(account)
                    .append("\",\"eventCategory\":\"Data\",\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\"}}");
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static double run(List<String> cmd, Path cwd) throws Exception {
        long t = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + code);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[s.length / 2];
    }

    /** S3 mode against a stub with a fixed latency per request: one account's chains (both regions). */
    static String s3(Path dir, int latencyMs, int concurrency) throws Exception {
        AtomicLong requests = new AtomicLong();
        java.util.NavigableSet<String> keys;
        try (Stream<Path> s = Files.walk(dir)) {
            keys = s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(k -> k.startsWith("AWSLogs/o-bench000001/100000000000/") && !k.endsWith(LocalLogStore.METADATA_SUFFIX))
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
        HttpServer server = stub(latencyMs, concurrency, requests, dir, keys);
        try {
            CollectOptions o = CollectOptions.defaults().withConcurrency(concurrency)
                    .withEndpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .withCredentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")));
            PublicKeys keysFile;
            try (InputStream in = Files.newInputStream(dir.resolve("public-keys.json"))) {
                keysFile = PublicKeys.read(in);
            }
            IntegrityReport r = null;
            List<Double> walls = new ArrayList<>();
            List<Double> cpus = new ArrayList<>();
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            ValidateOptions vo = new ValidateOptions("AWSLogs/o-bench000001/100000000000/", java.util.Set.of(),
                    java.util.Set.of(), null, null, keysFile, concurrency);
            try (LogClients c = new LogClients(o); var s3 = c.s3("us-east-1")) {
                new IntegrityValidator(new S3LogStore(s3, BUCKET, concurrency), vo).validate(Instant.now()); // warm-up: JIT, SDK
                for (int i = 0; i < 3; i++) {
                    requests.set(0);
                    long cpu = os.getProcessCpuTime();
                    long t = System.nanoTime();
                    r = new IntegrityValidator(new S3LogStore(s3, BUCKET, concurrency), vo).validate(Instant.now());
                    walls.add((System.nanoTime() - t) / 1e9);
                    cpus.add((os.getProcessCpuTime() - cpu) / 1e9);
                }
            }
            double wall = median(walls);
            double floor = requests.get() * (latencyMs / 1000.0) / concurrency;
            if (r.failing()) {
                throw new IllegalStateException("S3 mode found failures in a clean layout: " + r.issues());
            }
            return String.format("%n| S3 mode, stub with %d ms per request | requests | concurrency | floor s | wall s (median of 3) | wall ÷ floor |"
                    + " process CPU s (client and stub) |%n"
                    + "|---|---|---|---|---|---|---|%n| one account, %d digests, %d log files | %d | %d | %.2f | %.2f | %.2f | %.2f |%n"
                    + "runs: wall %s, CPU %s; cores available: %d, load average %.1f%n",
                    latencyMs, r.counts().digests(), r.counts().logFiles(), requests.get(), concurrency, floor, wall, wall / floor,
                    median(cpus), walls, cpus, Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
        } finally {
            server.stop(0);
        }
    }

    /**
     * Listing alone, on a synthetic organisation bucket (names only, nothing to read): {@code accounts} accounts × 4
     * regions × 60 days, each hour a digest and 4 log files; sequential pages of 1,000 keys against the parallel walk.
     */
    static String listing(int accounts, int latencyMs, int concurrency) throws Exception {
        java.util.NavigableSet<String> keys = new java.util.TreeSet<>();
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        for (int a = 0; a < accounts; a++) {
            String acct = String.format("%012d", 200000000000L + a);
            for (String region : List.of("us-east-1", "us-west-2", "eu-west-1", "eu-central-1")) {
                for (int h = 0; h < 60 * 24; h++) {
                    Instant t = t0.plusSeconds(3600L * h);
                    String day = t.toString().substring(0, 10).replace('-', '/');
                    String stamp = t.toString().replaceAll("[-:]", "").substring(0, 13) + "00Z";
                    String base = "AWSLogs/o-bench000001/" + acct + "/";
                    keys.add(base + "CloudTrail-Digest/" + region + "/" + day + "/" + acct + "_CloudTrail-Digest_" + region
                            + "_org_us-east-1_" + stamp + ".json.gz");
                    for (int f = 0; f < 4; f++) {
                        keys.add(base + "CloudTrail/" + region + "/" + day + "/" + acct + "_CloudTrail_" + region + "_"
                                + stamp.substring(0, 13) + "Z_" + f + "a" + h + ".json.gz");
                    }
                }
            }
        }
        AtomicLong requests = new AtomicLong();
        HttpServer server = stub(latencyMs, concurrency, requests, null, keys);
        StringBuilder md = new StringBuilder(String.format("%n| listing alone, stub with %d ms per request, %,d keys "
                + "(%d accounts × 4 regions × 60 days) | requests | wall s |%n|---|---|---|%n", latencyMs, keys.size(), accounts));
        try {
            CollectOptions o = CollectOptions.defaults().withConcurrency(concurrency)
                    .withEndpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .withCredentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")));
            try (LogClients c = new LogClients(o); var s3 = c.s3("us-east-1")) {
                for (int n : new int[] {1, concurrency}) {
                    new S3LogStore(s3, BUCKET, n).list("", k -> { }); // warm-up
                    requests.set(0);
                    AtomicLong listed = new AtomicLong();
                    long t = System.nanoTime();
                    new S3LogStore(s3, BUCKET, n).list("", k -> listed.incrementAndGet());
                    double wall = (System.nanoTime() - t) / 1e9;
                    if (listed.get() != keys.size()) {
                        throw new IllegalStateException("listed " + listed + " of " + keys.size() + " keys");
                    }
                    md.append(String.format("| %s | %d | %.2f |%n", n == 1 ? "sequential (pages of 1,000)"
                            : "parallel walk to month folders, " + n + " at once", requests.get(), wall));
                }
            }
        } finally {
            server.stop(0);
        }
        return md.toString();
    }

    /** The stub S3, started: every request counted and answered after {@code latencyMs}; objects read from {@code dir}. */
    private static HttpServer stub(int latencyMs, int concurrency, AtomicLong requests, Path dir,
            java.util.NavigableSet<String> keys) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(Math.max(64, concurrency * 2)));
        server.createContext("/", x -> {
            requests.incrementAndGet();
            try {
                Thread.sleep(latencyMs);
                serve(x, dir, keys);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                x.close();
            }
        });
        server.start();
        return server;
    }

    private static void serve(HttpExchange x, Path dir, java.util.NavigableSet<String> keys) throws IOException {
        String path = URLDecoder.decode(x.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
        String prefix = "/" + BUCKET;
        if (path.equals(prefix) || path.equals(prefix + "/")) {
            Map<String, String> q = new java.util.HashMap<>();
            String raw = x.getRequestURI().getRawQuery();
            for (String kv : raw == null ? new String[0] : raw.split("&")) {
                String[] p = kv.split("=", 2);
                q.put(p[0], p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
            String pre = q.getOrDefault("prefix", "");
            String delimiter = q.get("delimiter");
            // a page of up to 1,000 keys under the prefix after the token, those past a delimiter rolled up into one
            // common prefix ending in it; the token names the last entry: "k:" a key, "p:" a common prefix (past all under it)
            java.util.NavigableSet<String> under = keys.subSet(pre, true, pre + Character.MAX_VALUE, false);
            String token = q.get("continuation-token");
            java.util.Iterator<String> it = (token == null ? under : under.tailSet(token.startsWith("p:")
                    ? token.substring(2) + Character.MAX_VALUE : token.substring(2), false)).iterator();
            List<String> page = new ArrayList<>();
            boolean more = false;
            while (it.hasNext()) {
                String k = it.next();
                if (page.size() == 1000) {
                    more = true;
                    break;
                }
                int d = delimiter == null || delimiter.isEmpty() ? -1 : k.indexOf(delimiter, pre.length());
                if (d < 0) {
                    page.add(k);
                } else {
                    String common = k.substring(0, d + delimiter.length());
                    page.add(common);
                    it = under.tailSet(common + Character.MAX_VALUE, false).iterator();
                }
            }
            String last = page.isEmpty() ? "" : page.get(page.size() - 1);
            StringBuilder b = new StringBuilder("<ListBucketResult><Name>").append(BUCKET).append("</Name><KeyCount>")
                    .append(page.size()).append("</KeyCount><IsTruncated>").append(more).append("</IsTruncated>");
            if (more) {
                b.append("<NextContinuationToken>").append(delimiter != null && last.endsWith(delimiter)
                        ? "p:" + last : "k:" + last).append("</NextContinuationToken>");
            }
            page.forEach(k -> b.append(delimiter != null && k.endsWith(delimiter)
                    ? "<CommonPrefixes><Prefix>" + k + "</Prefix></CommonPrefixes>"
                    : "<Contents><Key>" + k + "</Key></Contents>"));
            byte[] body = b.append("</ListBucketResult>").toString().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/xml");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            return;
        }
        String key = path.substring(prefix.length() + 1);
        Path f = dir.resolve(key);
        if (!Files.isRegularFile(f)) {
            byte[] body = "<Error><Code>NoSuchKey</Code><Message>no such key</Message></Error>".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(404, x.getRequestMethod().equals("HEAD") ? -1 : body.length);
            if (!x.getRequestMethod().equals("HEAD")) {
                x.getResponseBody().write(body);
            }
            return;
        }
        Path meta = f.resolveSibling(f.getFileName() + LocalLogStore.METADATA_SUFFIX);
        if (Files.exists(meta)) {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(meta.toFile()).fields()
                    .forEachRemaining(e -> x.getResponseHeaders().add("x-amz-meta-" + e.getKey(), e.getValue().asText()));
        }
        long len = Files.size(f);
        x.getResponseHeaders().add("Content-Type", "application/octet-stream");
        if (x.getRequestMethod().equals("HEAD")) {
            x.getResponseHeaders().add("Content-Length", Long.toString(len));
            x.sendResponseHeaders(200, -1);
            return;
        }
        x.sendResponseHeaders(200, len);
        try (OutputStream out = x.getResponseBody()) {
            Files.copy(f, out);
        }
    }
}
