package io.trailguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailguard.core.Engine;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.report.JsonReport;
import io.trailguard.rules.BuiltinRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The measured operations, each run in a child JVM by {@link BenchMain}:
 * <ul>
 *   <li>{@code parse FILE}: the floor, Jackson reads the file into a tree and nothing else;</li>
 *   <li>{@code scan FILE OUT}: what {@code trailguard scan FILE --format json -o OUT} does: load the built-in pack,
 *       read and validate the snapshot, evaluate every rule, write the JSON report;</li>
 *   <li>{@code timing FILE OUT WARMUP MEASURED}: the first (cold) parse and scan of a fresh JVM, then warm medians.</li>
 * </ul>
 * Prints one line {@code key=value ...} of milliseconds.
 */
public final class Tasks {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Tasks() {
    }

    static JsonNode parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return MAPPER.readTree(in);
        }
    }

    static ScanResult scan(Path file, Path out) throws IOException {
        RulePack pack = BuiltinRules.pack();
        Snapshot snap = Snapshot.read(file);
        ScanResult result = Engine.create().scan(pack, snap);
        JsonReport.write(result, out);
        return result;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "parse" -> {
                long t = System.nanoTime();
                JsonNode n = parse(file);
                System.out.printf("parse=%.1f nodes=%d%n", millis(System.nanoTime() - t), n.size());
            }
            case "scan" -> {
                long t = System.nanoTime();
                ScanResult r = scan(file, Path.of(args[2]));
                System.out.printf("scan=%.1f findings=%d%n", millis(System.nanoTime() - t), r.findings().size());
            }
            case "timing" -> {
                Path out = Path.of(args[2]);
                int warmup = Integer.parseInt(args[3]);
                int measured = Integer.parseInt(args[4]);
                long t = System.nanoTime();
                parse(file);
                double coldParse = millis(System.nanoTime() - t);
                System.gc();
                t = System.nanoTime();
                ScanResult r = scan(file, out);
                double coldScan = millis(System.nanoTime() - t);
                List<Double> parses = new ArrayList<>();
                List<Double> scans = new ArrayList<>();
                for (int i = 0; i < warmup + measured; i++) {
                    System.gc();
                    t = System.nanoTime();
                    parse(file);
                    double p = millis(System.nanoTime() - t);
                    System.gc();
                    t = System.nanoTime();
                    scan(file, out);
                    double s = millis(System.nanoTime() - t);
                    if (i >= warmup) {
                        parses.add(p);
                        scans.add(s);
                    }
                }
                System.out.printf("coldParse=%.1f coldScan=%.1f warmParse=%.1f warmScan=%.1f findings=%d%n",
                        coldParse, coldScan, median(parses), median(scans), r.findings().size());
            }
            default -> throw new IllegalArgumentException("parse|scan|timing");
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
