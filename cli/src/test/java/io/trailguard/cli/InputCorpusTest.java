package io.trailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malformed-input corpus through the command line's entry point, in-process: every case of every input kind
 * (rule files, snapshots, IAM policies, metric filter patterns, suppressions, baselines, Config rule events, Config
 * snapshots, trailguard.yaml, command lines) is run and classified as a clean error with a position, handled (a
 * scan that evaluated it), a stack trace, a hang or a wrong exit code. The corpus files are the fuzz targets' seed
 * corpora (core/src/test/corpus/generate.py wrote them) plus {@code corpus/args}. The counts are printed and written
 * to {@code cli/target/input-corpus.txt}; any stack trace, hang, wrong exit code or error without a position fails.
 */
class InputCorpusTest {
    static final Path CORE = Path.of("core/src/test/resources/io/trailguard/core/fuzz/InputFuzzTestInputs");
    static final Path ADAPTER = Path.of("aws-adapter/src/test/resources/io/trailguard/aws/config/ConfigInputFuzzTestInputs");
    static final Path CLI = Path.of("cli/src/test/resources/io/trailguard/cli/ConfigFileFuzzTestInputs");
    static final Path ARGS = Path.of("cli/src/test/resources/corpus/args");
    static final String EXAMPLE = "examples/acme-org.json";
    /** file:line:col, or a JSON pointer where the format has no lines. */
    static final Pattern POSITION = Pattern.compile(":\\d+:\\d+|\\bat /\\S*|\\bpointer /\\S*|: /[A-Za-z0-9_~]");
    static final Pattern TRACE = Pattern.compile("\\n\\s+at [a-z]\\S+\\(|internal error|Exception in thread");
    static final long TIMEOUT_SECONDS = 20;

    enum Outcome { CLEAN_ERROR_WITH_POSITION, HANDLED, ERROR_WITHOUT_POSITION, STACK_TRACE, HANG, WRONG_EXIT_CODE }

    record Case(String kind, Path file, List<String> args, List<Integer> expected, boolean positionRequired) {
    }

    record Classified(Case c, Outcome outcome, int exit, String err) {
    }

    @TempDir
    Path tmp;

    @Test
    void everyMalformedInputGivesACleanErrorWithItsPosition() throws Exception {
        Files.writeString(tmp.resolve("regular.txt"), "x");
        Files.writeString(tmp.resolve("real.txt"), "old");
        Files.createSymbolicLink(tmp.resolve("link.txt"), Path.of("real.txt"));
        Files.createSymbolicLink(tmp.resolve("dangling.txt"), Path.of("missing-target.txt"));
        List<Case> cases = cases();
        List<Classified> results = new ArrayList<>();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "corpus-case");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Case c : cases) {
                results.add(run(pool, c));
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        StringBuilder report = new StringBuilder();
        for (Classified r : results) {
            counts.merge(r.outcome(), 1, Integer::sum);
            report.append(r.outcome()).append('\t').append(r.exit()).append('\t').append(r.c().kind()).append('\t')
                    .append(r.c().file()).append('\n');
        }
        StringBuilder summary = new StringBuilder("input corpus: " + results.size() + " cases");
        counts.forEach((o, n) -> summary.append(", ").append(o.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ')).append(' ').append(n));
        System.out.println(summary);
        Files.createDirectories(Path.of("cli/target"));
        Files.writeString(Path.of("cli/target/input-corpus.txt"), summary + "\n" + report);
        assertThat(Files.isSymbolicLink(tmp.resolve("link.txt"))).as("-o onto a symlink keeps the link").isTrue();
        assertThat(Files.readString(tmp.resolve("real.txt"))).as("and writes through it").contains("CT-");
        assertThat(Files.readAttributes(Path.of("/dev/null"), java.nio.file.attribute.BasicFileAttributes.class).isOther())
                .as("-o /dev/null leaves the device").isTrue();
        List<String> bad = results.stream().filter(r -> r.outcome() != Outcome.CLEAN_ERROR_WITH_POSITION
                        && r.outcome() != Outcome.HANDLED)
                .map(r -> r.outcome() + " (exit " + r.exit() + ", expected " + r.c().expected() + ") " + r.c().kind()
                        + " " + r.c().file() + ":\n" + r.err().lines().limit(8).reduce("", (a, b) -> a + "    " + b + "\n"))
                .toList();
        assertThat(bad).as(summary.toString()).isEmpty();
    }

    private Classified run(ExecutorService pool, Case c) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Future<Integer> f = pool.submit(() -> Main.run(c.args().toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true)));
        int exit;
        try {
            exit = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Classified(c, Outcome.HANG, -1, "no answer within " + TIMEOUT_SECONDS + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            StringWriter trace = new StringWriter();
            e.getCause().printStackTrace(new PrintWriter(trace));
            return new Classified(c, Outcome.STACK_TRACE, -1, trace.toString());
        }
        String e = err.toString();
        Outcome o;
        if (TRACE.matcher(e).find() || exit == ExitCodes.INTERNAL_ERROR) {
            o = Outcome.STACK_TRACE;
        } else if (!c.expected().contains(exit)) {
            o = Outcome.WRONG_EXIT_CODE;
        } else if (exit != ExitCodes.BAD_INPUT) {
            o = Outcome.HANDLED;
        } else if (c.positionRequired() && !POSITION.matcher(e).find()) {
            o = Outcome.ERROR_WITHOUT_POSITION;
        } else {
            o = Outcome.CLEAN_ERROR_WITH_POSITION;
        }
        return new Classified(c, o, exit, e);
    }

    private List<Case> cases() throws IOException {
        java.util.Properties overrides = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("cli/src/test/resources/corpus/expected-exit.properties"))) {
            overrides.load(in);
        }
        List<Case> out = new ArrayList<>();
        for (Case c : corpus()) {
            String key = c.file().getParent().getFileName() + "/" + c.file().getFileName();
            String codes = overrides.getProperty(key);
            out.add(codes == null ? c : new Case(c.kind(), c.file(), c.args(),
                    Stream.of(codes.split(",")).map(String::trim).map(Integer::valueOf).toList(), false));
        }
        return out;
    }

    private List<Case> corpus() throws IOException {
        List<Case> out = new ArrayList<>();
        for (Path f : files(CORE.resolve("ruleFile"))) {
            out.add(new Case("rule file", f, List.of("rules", "test", f.toString()), List.of(2), true));
        }
        for (Path f : files(CORE.resolve("snapshot"))) {
            out.add(new Case("snapshot", f, List.of("scan", f.toString()), List.of(2), true));
        }
        for (Path f : files(CORE.resolve("policy"))) {
            out.add(new Case("policy", f, List.of("policy", "evaluate", f.toString(), "--principal",
                    "cloudtrail.amazonaws.com", "--action", "s3:PutObject", "--resource", "arn:aws:s3:::logs/k"),
                    List.of(2), true));
        }
        for (Path f : files(CORE.resolve("filterPattern"))) {
            Path snap = withFilterPattern(f);
            // a snapshot value, not an input error: the scan evaluates it (FAIL or UNKNOWN, so exit 1)
            out.add(new Case("metric filter pattern", f, List.of("scan", snap.toString(), "--rule", "CW-01"),
                    List.of(1), false));
        }
        for (Path f : files(CORE.resolve("suppressions"))) {
            out.add(new Case("suppressions", f, List.of("scan", EXAMPLE, "--suppressions", f.toString()), List.of(2), true));
        }
        for (Path f : files(CORE.resolve("baseline"))) {
            out.add(new Case("baseline", f, List.of("scan", EXAMPLE, "--baseline", f.toString()), List.of(2), true));
        }
        for (Path f : files(ADAPTER.resolve("configEvent"))) {
            out.add(new Case("Config rule event", f, List.of("config-rule", "invoke", "--event", f.toString(),
                    "--endpoint-url", "http://127.0.0.1:9"), List.of(2), true));
        }
        for (Path f : files(ADAPTER.resolve("configSnapshot"))) {
            out.add(new Case("Config snapshot", f, List.of("scan", "--config-snapshot", f.toString()), List.of(2), true));
        }
        for (Path f : files(CLI.resolve("configFile"))) {
            out.add(new Case("trailguard.yaml", f, List.of("--config", f.toString(), "scan", EXAMPLE),
                    List.of(2), true));
        }
        for (Path f : files(ARGS)) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            String header = lines.get(0);
            List<Integer> expected = List.of(Integer.parseInt(header.replaceAll("\\D+", "")));
            List<String> args = lines.stream().skip(1).map(a -> a.replace("{example}", EXAMPLE)
                    .replace("{tmp}", tmp.toString()).replace("{corpus}", "cli/src/test/resources/corpus")).toList();
            out.add(new Case("command line", f, args, expected, false));
        }
        return out;
    }

    /** The example organisation with its root-usage metric filter's pattern replaced by the case's text. */
    private Path withFilterPattern(Path patternFile) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode snap = (ObjectNode) json.readTree(Path.of(EXAMPLE).toFile());
        String pattern = Files.readString(patternFile, StandardCharsets.UTF_8);
        snap.withArray("resources").forEach(r -> r.path("configuration").path("MetricFilters").forEach(m -> {
            if (m.path("filterPattern").asText().contains("userIdentity.type = \"root\"")) {
                ((ObjectNode) m).put("filterPattern", pattern);
            }
        }));
        Path out = tmp.resolve("filter-" + patternFile.getFileName() + ".json");
        json.writeValue(out.toFile(), snap);
        return out;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
