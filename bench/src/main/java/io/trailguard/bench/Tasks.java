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

    /** Milliseconds of the last scan's phases: read + validate + index, evaluate, write the report. */
    static final double[] PHASES = new double[3];

    static ScanResult scan(Path file, Path out) throws IOException {
        long t0 = System.nanoTime();
        RulePack pack = BuiltinRules.pack();
        Snapshot snap = Snapshot.read(file);
        long t1 = System.nanoTime();
        ScanResult result = Engine.create().scan(pack, snap);
        long t2 = System.nanoTime();
        JsonReport.write(result, out);
        long t3 = System.nanoTime();
        PHASES[0] = millis(t1 - t0);
        PHASES[1] = millis(t2 - t1);
        PHASES[2] = millis(t3 - t2);
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
                System.out.printf(java.util.Locale.ROOT, "parse=%.1f nodes=%d%n", millis(System.nanoTime() - t), n.size());
            }
            case "scan" -> {
                long t = System.nanoTime();
                ScanResult r = scan(file, Path.of(args[2]));
                System.out.printf(java.util.Locale.ROOT, "scan=%.1f findings=%d%n", millis(System.nanoTime() - t), r.findings().size());
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
                List<List<Double>> phases = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                // warm up for at least `warmup` rounds and 10 s, so that small snapshots are measured compiled too
                long warmUntil = System.nanoTime() + 10_000_000_000L;
                int rounds = 0;
                for (int i = 0; rounds < measured; i++) {
                    System.gc();
                    t = System.nanoTime();
                    parse(file);
                    double p = millis(System.nanoTime() - t);
                    System.gc();
                    t = System.nanoTime();
                    scan(file, out);
                    double s = millis(System.nanoTime() - t);
                    if (i >= warmup && System.nanoTime() > warmUntil) {
                        parses.add(p);
                        scans.add(s);
                        for (int k = 0; k < 3; k++) {
                            phases.get(k).add(PHASES[k]);
                        }
                        rounds++;
                    }
                }
                System.out.printf(java.util.Locale.ROOT, "coldParse=%.1f coldScan=%.1f warmParse=%.1f warmScan=%.1f "
                        + "warmRead=%.1f warmEval=%.1f warmReport=%.1f findings=%d%n", coldParse, coldScan,
                        median(parses), median(scans), median(phases.get(0)), median(phases.get(1)),
                        median(phases.get(2)), r.findings().size());
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
