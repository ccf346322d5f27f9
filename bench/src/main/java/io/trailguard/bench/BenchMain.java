package io.trailguard.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the whole-process benchmarks and prints one table (also written to {@code bench/target/bench-results.md}).
 * Every figure comes from child JVMs: a fresh JVM per repetition, so that one measurement's heap and JIT state do not
 * leak into the next.
 *
 * <pre>
 * BenchMain [--sizes 1000,10000,100000] [--reps 3] [--warmup 2] [--measured 3] [--starts 10] [--no-heap] [--no-config-rule] [--no-jmh]
 * </pre>
 */
public final class BenchMain {
    private static final long SEED = 42;
    private static final int REGIONS = 2;

    private final Path root;
    private final Path work;
    private final String classpath;
    private final String java;
    private final Map<String, String> opts;
    private final StringBuilder out = new StringBuilder();

    private BenchMain(Path root, Map<String, String> opts) {
        this.root = root;
        this.work = root.resolve("bench/target/bench");
        this.classpath = System.getProperty("java.class.path");
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--no-")) {
                opts.put(a.substring(5), "true"); // --no-heap, --no-config-rule, --no-jmh
            } else if (a.startsWith("--")) {
                opts.put(a.substring(2), args[++i]);
            }
        }
        Path root = Path.of(opts.getOrDefault("root", ".")).toAbsolutePath().normalize();
        new BenchMain(root, opts).run();
    }

    private int opt(String name, int def) {
        return Integer.parseInt(opts.getOrDefault(name, String.valueOf(def)));
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        List<Integer> sizes = new ArrayList<>();
        for (String s : opts.getOrDefault("sizes", "1000,10000,100000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        int reps = opt("reps", 3);
        int warmup = opt("warmup", 2);
        int measured = opt("measured", 3);
        String loadBefore = load();
        line("# trailguard benchmarks");
        line("");
        line("Machine: " + machine() + "; load average before: " + loadBefore + "; " + Instant.now());
        line("Snapshots: OrgGenerator seed " + SEED + ", " + REGIONS + " regions, 5% of accounts misconfigured; "
                + "every figure is the median of " + reps + " fresh JVMs [min–max]; \"warm\": median of " + measured
                + " rounds after at least " + warmup + " rounds and 10 s of warm-up in that JVM (heap fixed at 4 GB, G1).");
        line("");

        List<Path> files = new ArrayList<>();
        List<OrgGenerator.Stats> stats = new ArrayList<>();
        for (int size : sizes) {
            int accounts = OrgGenerator.accountsFor(size);
            Path f = work.resolve("org-" + accounts + "a-" + REGIONS + "r-s" + SEED + ".json");
            System.err.println("generating " + f.getFileName() + " ...");
            stats.add(OrgGenerator.write(f, accounts, REGIONS, SEED, 0.05));
            files.add(f);
        }

        List<Map<String, List<Double>>> timings = new ArrayList<>();
        List<Long> reportSizes = new ArrayList<>();
        for (Path f : files) {
            Map<String, List<Double>> t = new LinkedHashMap<>();
            for (int r = 0; r < reps; r++) {
                System.err.println("timing " + f.getFileName() + " rep " + (r + 1) + " ...");
                // a fixed heap: left to size itself, G1 grows the young generation differently for each snapshot size,
                // and its copying of the (long-lived) snapshot tree then dominates the mid-size figures
                Map<String, Double> m = child(List.of("-Xms4g", "-Xmx4g", "-cp", classpath, Tasks.class.getName(), "timing",
                        f.toString(), work.resolve("report.json").toString(), String.valueOf(warmup),
                        String.valueOf(measured)));
                m.forEach((k, v) -> t.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
            timings.add(t);
            reportSizes.add(Files.size(work.resolve("report.json")));
        }

        List<long[]> heaps = new ArrayList<>();
        boolean heap = !opts.containsKey("heap");
        if (heap) {
            for (Path f : files) {
                long size = Files.size(f);
                System.err.println("minimum heap for " + f.getFileName() + " ...");
                long parse = minHeap(List.of("-cp", classpath, Tasks.class.getName(), "parse", f.toString()), size);
                long scan = minHeap(List.of("-jar", cliJar().toString(), "scan", f.toString(), "--format", "json",
                        "-o", work.resolve("report.json").toString()), size);
                heaps.add(new long[] {parse, scan});
            }
        }

        line("| | " + String.join(" | ", sizes.stream().map(s -> "~" + human(s)).toList()) + " | goal |");
        line("|---|" + "---|".repeat(sizes.size()) + "---|");
        row("resources (accounts)", sizes.size(), i -> stats.get(i).resources() + " (" + stats.get(i).accounts() + ")", "");
        row("snapshot file", sizes.size(), i -> mb(stats.get(i).bytes()), "");
        row("JSON report file", sizes.size(), i -> mb(reportSizes.get(i)), "");
        row("parse only, Jackson tree (warm)", sizes.size(), i -> ms(timings.get(i).get("warmParse")), "floor");
        row("full scan: read + evaluate pack + JSON report (warm)", sizes.size(),
                i -> ms(timings.get(i).get("warmScan")), "");
        row("… of which read + validate + index", sizes.size(), i -> ms(timings.get(i).get("warmRead")), "");
        row("… of which evaluate the pack", sizes.size(), i -> ms(timings.get(i).get("warmEval")), "");
        row("… of which write the JSON report", sizes.size(), i -> ms(timings.get(i).get("warmReport")), "");
        row("full scan ÷ parse (warm)", sizes.size(), i -> ratio(timings.get(i).get("warmScan"),
                timings.get(i).get("warmParse")), "≤ 1.5×");
        row("parse only, first in a fresh JVM", sizes.size(), i -> ms(timings.get(i).get("coldParse")), "");
        row("full scan, first in a fresh JVM", sizes.size(), i -> ms(timings.get(i).get("coldScan")), "");
        row("full scan per resource (warm)", sizes.size(), i -> String.format(Locale.ROOT, "%.1f µs",
                median(timings.get(i).get("warmScan")) * 1000 / stats.get(i).resources()), "flat ±10%");
        if (sizes.size() > 1) {
            double first = median(timings.get(0).get("warmScan")) / stats.get(0).resources();
            row("per resource vs the smallest", sizes.size(), i -> String.format(Locale.ROOT, "%.2f×",
                    median(timings.get(i).get("warmScan")) / stats.get(i).resources() / first), "≤ 1.10×");
        }
        if (heap) {
            row("min heap, parse only (-Xmx that succeeds)", sizes.size(), i -> mb(heaps.get(i)[0]) + " ("
                    + String.format(Locale.ROOT, "%.1f×", heaps.get(i)[0] / (double) stats.get(i).bytes()) + ")", "");
            row("min heap, CLI scan --format json -o (-Xmx that succeeds)", sizes.size(), i -> mb(heaps.get(i)[1])
                    + " (" + String.format(Locale.ROOT, "%.1f×", heaps.get(i)[1] / (double) stats.get(i).bytes())
                    + ")", "≤ 3× file");
        }
        line("");
        if (!opts.containsKey("config-rule")) {
            configRule(reps);
        }

        if (!opts.containsKey("starts-skip")) {
            coldStart(opt("starts", 10));
        }
        line("");
        line("Load average after: " + load());
        String text = out.toString();
        Files.writeString(work.resolve("../bench-results.md"), text);
        System.out.println();
        System.out.print(text);

        if (!opts.containsKey("jmh")) {
            System.out.println();
            System.out.println("## JMH micro-benchmarks");
            org.openjdk.jmh.Main.main(new String[] {"io.trailguard.bench.jmh", "-f", "1", "-wi", "3", "-w", "1s",
                    "-i", "5", "-r", "1s", "-rf", "text", "-rff", work.resolve("../jmh-results.txt").toString()});
        }
    }

    private void coldStart(int starts) throws Exception {
        Path jar = cliJar();
        Path example = root.resolve("examples/acme-org.json");
        Path jsa = work.resolve("trailguard-cds.jsa");
        Files.deleteIfExists(jsa);
        exec(List.of(java, "-XX:ArchiveClassesAtExit=" + jsa, "-jar", jar.toString(), "scan", example.toString()));
        String javaHome = System.getProperty("java.home");
        List<String> hello17 = List.of(java, "-cp", root.resolve("bench/target/classes").toString(), Hello.class.getName());
        List<String> launcher = launcher(javaHome, example);
        Path jdk25 = java25();
        List<String> hello25 = jdk25 == null ? null
                : List.of(jdk25.resolve("bin/java").toString(), "-cp", root.resolve("bench/target/classes").toString(),
                        Hello.class.getName());
        List<String> launcher25 = jdk25 == null ? null : launcher(jdk25.toString(), example);
        wall(launcher); // the launcher trains its class archive on its first run, as for a user
        if (launcher25 != null) {
            wall(launcher25);
        }
        List<Double> hello = new ArrayList<>();
        List<Double> scan = new ArrayList<>();
        List<Double> cds = new ArrayList<>();
        List<Double> version = new ArrayList<>();
        List<Double> user = new ArrayList<>();
        List<Double> hello2 = new ArrayList<>();
        List<Double> user2 = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            hello.add(wall(hello17));
            scan.add(wall(List.of(java, "-jar", jar.toString(), "scan", example.toString())));
            if (Files.exists(jsa)) {
                cds.add(wall(List.of(java, "-XX:SharedArchiveFile=" + jsa, "-jar", jar.toString(), "scan",
                        example.toString())));
            }
            version.add(wall(List.of(java, "-jar", jar.toString(), "--version")));
            user.add(wall(launcher));
            if (jdk25 != null) {
                hello2.add(wall(hello25));
                user2.add(wall(launcher25));
            }
        }
        String v = Runtime.version().toString();
        line("Cold start, wall time of the whole process, median of " + starts + " [min–max], interleaved:");
        line("");
        line("| process | wall | × hello | goal |");
        line("|---|---|---|---|");
        line("| `java -cp bench/target/classes " + Hello.class.getName() + "` (Java " + v + ") | " + ms(hello)
                + " | 1.0× | |");
        line("| `java -jar cli/target/trailguard.jar --version` | " + ms(version) + " | " + ratio(version, hello) + " | |");
        line("| `java -jar cli/target/trailguard.jar scan examples/acme-org.json` | " + ms(scan) + " | "
                + ratio(scan, hello) + " | ≤ 4× |");
        if (!cds.isEmpty()) {
            line("| the same with AppCDS (`-XX:SharedArchiveFile`, archive from one run) | " + ms(cds) + " | "
                    + ratio(cds, hello) + " | ≤ 4× |");
        }
        line("| `./trailguard scan examples/acme-org.json`, what users run (C1 only, " + archiveKind(Runtime.version()
                .feature()) + ") | " + ms(user) + " | " + ratio(user, hello) + " | ≤ 4× |");
        if (jdk25 == null) {
            line("| Java 25: skipped, no JDK 25 or later found (set TRAILGUARD_BENCH_JAVA25 to one, or install it in "
                    + "/usr/lib/jvm) | | | |");
        } else {
            String v25 = javaVersion(jdk25);
            line("| `java -cp bench/target/classes " + Hello.class.getName() + "` (Java " + v25 + ") | " + ms(hello2)
                    + " | " + ratio(hello2, hello) + " | |");
            line("| `JAVA_HOME=" + jdk25 + " ./trailguard scan examples/acme-org.json` (C1 only, "
                    + archiveKind(major(v25)) + ") | " + ms(user2) + " | " + ratio(user2, hello) + "; "
                    + ratio(user2, hello2) + " of the Java " + major(v25) + " hello | ≤ 4× |");
        }
    }

    /** The {@code ./trailguard} launcher on the example, with the JDK it is given. */
    private List<String> launcher(String javaHome, Path example) {
        return List.of("env", "JAVA_HOME=" + javaHome, "sh", root.resolve("trailguard").toString(), "scan",
                example.toString());
    }

    private static String archiveKind(int major) {
        return major >= 25 ? "AOT cache" : "AppCDS archive";
    }

    /** A JDK of Java 25 or later: TRAILGUARD_BENCH_JAVA25, else the newest in /usr/lib/jvm; {@code null} if none. */
    private static Path java25() throws IOException {
        String env = System.getenv("TRAILGUARD_BENCH_JAVA25");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (var s = Files.list(jvms)) {
            return s.filter(d -> major(javaVersion(d)) >= 25 && Files.isExecutable(d.resolve("bin/java")))
                    .max((a, b) -> Integer.compare(major(javaVersion(a)), major(javaVersion(b)))).orElse(null);
        }
    }

    /** JAVA_VERSION of a JDK's release file, or "" when it has none. */
    private static String javaVersion(Path jdk) {
        try {
            for (String l : Files.readAllLines(jdk.resolve("release"))) {
                if (l.startsWith("JAVA_VERSION=")) {
                    return l.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    private static int major(String version) {
        String m = version.split("[.+-]", 2)[0];
        return m.matches("\\d+") ? Integer.parseInt(m) : 0;
    }

    private Path cliJar() {
        Path jar = root.resolve("cli/target/trailguard.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the CLI first: " + jar + " is missing");
        }
        return jar;
    }

    /** The smallest -Xmx (in bytes, to ~5%) with which the command succeeds (exit 0 or 1, no OutOfMemoryError). */
    private long minHeap(List<String> command, long fileSize) throws Exception {
        long lo = 8L << 20;
        long hi = Math.max(64L << 20, fileSize * 8);
        while (!succeeds(hi, command)) {
            lo = hi;
            hi *= 2;
            if (hi > (16L << 30)) {
                return -1;
            }
        }
        while (hi - lo > Math.max(2L << 20, hi / 20)) {
            long mid = (lo + hi) / 2;
            if (succeeds(mid, command)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private boolean succeeds(long heap, List<String> command) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx" + (heap >> 20) + "m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.addAll(command);
        Result r = exec(cmd);
        System.err.println("  -Xmx" + (heap >> 20) + "m: exit " + r.code);
        return (r.code == 0 || r.code == 1) && !r.output.contains("OutOfMemoryError");
    }

    /**
     * The AWS Config rule handler ({@link ConfigRuleTask}) in fresh JVMs against moto_server on loopback: cold
     * initialisation, first and warm evaluation of a scheduled event for one account and region.
     */
    private void configRule(int reps) throws Exception {
        String moto = onPath("moto_server");
        if (moto == null) {
            line("Config rule handler: not measured, moto_server is not on PATH (pip install 'moto[server]').");
            line("");
            return;
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder(moto, "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(work.resolve("moto.log").toFile()).start();
        try {
            awaitPort(port, server);
            Map<String, String> env = Map.of("TRAILGUARD_ENDPOINT_URL", "http://127.0.0.1:" + port,
                    "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");
            List<String> cmd = List.of("-cp", classpath, ConfigRuleTask.class.getName(), "5");
            child(cmd, env); // moto answers its first requests slowly: one unmeasured run
            Map<String, List<Double>> t = new LinkedHashMap<>();
            for (int r = 0; r < reps; r++) {
                System.err.println("Config rule handler rep " + (r + 1) + " ...");
                child(cmd, env).forEach((k, v) -> t.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
            line("Config rule handler (`" + ConfigRuleTask.class.getName() + "`, a fresh JVM per run, moto_server on "
                    + "loopback, a scheduled evaluation of one empty account in one region; median of " + reps
                    + " [min–max]):");
            line("");
            line("| cold initialisation (classes, pack, handler) | first evaluation (collect + scan) | warm evaluation |");
            line("|---|---|---|");
            line("| " + ms(t.get("init")) + " | " + ms(t.get("first")) + " | " + ms(t.get("warm")) + " |");
            line("");
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    private static void awaitPort(int port, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket connected = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new IllegalStateException("moto_server did not start on port " + port);
                }
                Thread.sleep(100);
            }
        }
    }

    private record Result(int code, String output) {
    }

    private Result exec(List<String> cmd) throws Exception {
        return exec(cmd, Map.of());
    }

    private Result exec(List<String> cmd, Map<String, String> env) throws Exception {
        Path log = work.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private double wall(List<String> cmd) throws Exception {
        long t = System.nanoTime();
        Result r = exec(cmd);
        double ms = (System.nanoTime() - t) / 1e6;
        if (r.code > 1) {
            throw new IllegalStateException("failed (" + r.code + "): " + cmd + "\n" + r.output);
        }
        return ms;
    }

    private Map<String, Double> child(List<String> args) throws Exception {
        return child(args, Map.of());
    }

    private Map<String, Double> child(List<String> args, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(args);
        Result r = exec(cmd, env);
        if (r.code != 0) {
            throw new IllegalStateException("child failed (" + r.code + "): " + r.output);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        String last = r.output.strip().lines().reduce((a, b) -> b).orElse("");
        for (String kv : last.split(" ")) {
            String[] p = kv.split("=");
            if (p.length == 2) {
                m.put(p[0], Double.parseDouble(p[1]));
            }
        }
        return m;
    }

    private interface Cell {
        String at(int i);
    }

    private void row(String name, int n, Cell cell, String goal) {
        StringBuilder sb = new StringBuilder("| " + name + " |");
        for (int i = 0; i < n; i++) {
            sb.append(' ').append(cell.at(i)).append(" |");
        }
        line(sb.append(' ').append(goal).append(" |").toString());
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    static double median(List<Double> xs) {
        return Tasks.median(xs);
    }

    private static String ms(List<Double> xs) {
        if (xs == null || xs.isEmpty()) {
            return "n/a";
        }
        double min = Collections.min(xs);
        double max = Collections.max(xs);
        return xs.size() == 1 ? fmt(median(xs)) : fmt(median(xs)) + " [" + fmt(min) + "–" + fmt(max) + "]";
    }

    private static String fmt(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static String ratio(List<Double> a, List<Double> b) {
        List<Double> rs = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            rs.add(a.get(i) / b.get(i));
        }
        return String.format(Locale.ROOT, "%.2f× [%.2f–%.2f]", median(a) / median(b), Collections.min(rs),
                Collections.max(rs));
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String human(int n) {
        return n >= 1000 ? n / 1000 + "k" : String.valueOf(n);
    }

    static String machine() {
        long mem = -1;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    mem = Long.parseLong(l.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // not Linux
        }
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim() + ", ").orElse("");
        } catch (IOException e) {
            // not Linux
        }
        return cpu + Runtime.getRuntime().availableProcessors() + " cores, "
                + (mem > 0 ? String.format(Locale.ROOT, "%.1f GB RAM", mem / 1e9) : "? RAM") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    static String load() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
