package io.trailguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fix tier: examples/acme-org.json built in moto_server (several accounts entered through assumed roles),
 * collected with the real collector, scanned, its fixes run with the AWS CLI against moto, collected and scanned
 * again. Skipped, with a message, where moto_server, the AWS CLI or boto3 is missing.
 *
 * <p>With {@code -Dtrailguard.fixcheck=FILE} it also measures every failing finding's own fix, one at a time on a
 * fresh build, and the whole script, and writes the table to FILE (docs/fix-verification.md, {@code bench/fixcheck.sh}).
 */
class MotoFixTierTest {
    @TempDir
    static Path work;
    static MotoFixBench bench;
    static Path before;
    static JsonNode report;
    /** The user's decisions, as {@code --param} words for every scan. */
    static String[] params;
    /**
     * Rules whose fix the moto tier cannot see take effect, with the reasons: the table "Fixes moto cannot show taking
     * effect" of docs/fix-verification.md, read from there ({@link MotoFixBench#cannotClear}).
     */
    static Set<String> motoCannotClear;

    @BeforeAll
    static void buildAndCollect() throws Exception {
        bench = MotoFixBench.start(work);
        motoCannotClear = bench.cannotClear();
        bench.build();
        before = bench.collect("before.json");
        params = bench.userParams(before).toArray(String[]::new);
        report = bench.scan(before, "before-report.json", params);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    void theCollectedOrganisationHoldsThePlantedFailuresAndTheAlarmTopics() throws Exception {
        JsonNode snapshot = MotoFixBench.JSON.readTree(before.toFile());
        assertEquals(4, snapshot.get("accounts").size());
        Set<String> topics = new TreeSet<>();
        snapshot.get("resources").forEach(r -> {
            if (r.get("type").asText().equals("AWS::SNS::Topic")) {
                topics.add(r.get("id").asText().replaceAll(".*:", ""));
            }
        });
        // the trail's topic and the two topics alarms notify (AlarmActions) are all read
        assertEquals(Set.of("acme-org-trail-delivery", "acme-security-alarms", "acme-noise-alarms"), topics);
        Map<String, JsonNode> failing = MotoFixBench.byStatus(report, "FAIL");
        Set<String> rules = new TreeSet<>();
        failing.values().forEach(f -> rules.add(f.get("ruleId").asText()));
        // README's planted failures that moto can hold
        for (String rule : List.of("S3-01", "KMS-01", "CT-03", "CT-04", "CT-06", "CT-08", "CT-10", "KMS-06", "CRR-02",
                "VPC-02", "VPC-04", "R53-01", "CFG-01")) {
            assertTrue(rules.contains(rule), rule + " fails on the moto build: " + rules);
        }
        // R53-03's fix associates the query logging config the user made, found in the collected snapshot (the
        // collector reads Route 53 Resolver query logging); no --param names it
        JsonNode r53 = failing.values().stream().filter(f -> f.get("ruleId").asText().equals("R53-03")).findFirst()
                .orElseThrow(() -> new AssertionError("R53-03 fails on the moto build: " + rules));
        JsonNode use = null;
        for (JsonNode p : r53.at("/fix/params")) {
            if (p.path("name").asText().equals("queryLogConfigId")) {
                use = p;
            }
        }
        assertTrue(use != null, r53.toString());
        assertEquals(bench.queryLogConfigId, use.path("value").asText(), use.toString());
        assertTrue(use.path("source").asText().startsWith("snapshot: "), use.toString());
        // the org's alarms notify a topic that exists: CW findings are about the filters, not an unread topic
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().startsWith("CW-")) {
                assertFalse(f.toString().contains("not collected"), f.toString());
            }
        }
    }

    @Test
    void theFixScriptRunAgainstMotoClearsEveryFindingItClaims() throws Exception {
        Assumptions.assumeTrue(System.getProperty("trailguard.fixcheck") == null,
                "SKIPPED: the measurement runs the whole script itself");
        Path script = work.resolve("fix.sh");
        Set<String> claimed = fixScript(script);
        Assumptions.assumeTrue(claimed != null, "SKIPPED: this build's scan has no --fix-script");
        WholeRun whole = runWhole(script, claimed);
        assertEquals(0, whole.exit.code(), "the fix script failed against moto:\n" + whole.exit.out());
        System.out.println("moto fix tier: the fix script claims " + whole.claimed.size() + " findings; "
                + whole.cleared.size() + " PASS after it, " + whole.stillFailing.size() + " still FAIL "
                + whole.stillFailing + ", " + whole.newFailures.size() + " new FAIL " + whole.newFailures);
        assertFalse(whole.claimed.isEmpty(), "the script claims to fix nothing");
        assertTrue(whole.newFailures.isEmpty(), "new failures after the fix script: " + whole.newFailures);
        // every claimed finding is PASS after the script, but for the rules docs/fix-verification.md lists as ones
        // moto cannot show cleared ...
        Set<String> still = new TreeSet<>(whole.stillFailing);
        still.removeIf(k -> motoCannotClear.contains(rule(k)));
        assertTrue(still.isEmpty(), "claimed fixed but still FAIL: " + still + "\n" + whole.why);
        // ... and every rule listed there that the script claims does stay FAIL: a rule moto now shows cleared
        // leaves the list
        Set<String> claimedRules = new TreeSet<>();
        whole.claimed.forEach(k -> claimedRules.add(rule(k)));
        Set<String> stillRules = new TreeSet<>();
        whole.stillFailing.forEach(k -> stillRules.add(rule(k)));
        Set<String> stale = new TreeSet<>(motoCannotClear);
        stale.retainAll(claimedRules);
        stale.removeAll(stillRules);
        assertTrue(stale.isEmpty(), "docs/fix-verification.md lists " + stale + " as rules whose fix moto cannot show"
                + " taking effect, but every claimed finding of theirs is PASS after the script: remove them there");
    }

    private static String rule(String findingKey) {
        return findingKey.substring(0, findingKey.indexOf(' '));
    }

    record WholeRun(MotoFixBench.Exec exit, Set<String> claimed, Set<String> cleared, Set<String> stillFailing,
                    Set<String> newFailures, String why) {
    }

    /**
     * Writes {@code scan --fix-script} for the first collection, as bash to {@code script} and as a JSON plan beside
     * it; returns the findings the plan claims to fix, or null where this build's scan has no {@code --fix-script}.
     */
    static Set<String> fixScript(Path script) throws Exception {
        Path plan = script.resolveSibling(script.getFileName() + ".json");
        CliRunner.Result r = CliRunner.run(withParams("scan", before.toString(), "--fix-script", script.toString()));
        if (r.exitCode() > 1 && r.err().contains("--fix-script")) {
            return null;
        }
        assertTrue(r.exitCode() <= 1, r.err());
        CliRunner.Result j = CliRunner.run(withParams("scan", before.toString(), "--fix-script", plan.toString()));
        assertTrue(j.exitCode() <= 1, j.err());
        JsonNode json = MotoFixBench.JSON.readTree(plan.toFile());
        List<String> broken = FixPlanSchemaTest.errors(json);
        assertTrue(broken.isEmpty(), "the plan does not conform to docs/fix-plan.schema.json: " + broken);
        return FixScript.claimed(json);
    }

    private static String[] withParams(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(params));
        return all.toArray(String[]::new);
    }

    /** Runs a whole script on the current build, collects and scans again, and compares with the first scan. */
    static WholeRun runWhole(Path script, Set<String> claimed) throws Exception {
        MotoFixBench.Exec exit = bench.runScript(script);
        JsonNode after = bench.scan(bench.collect("after-whole.json"), "after-whole-report.json", params);
        Map<String, JsonNode> failingAfter = MotoFixBench.byStatus(after, "FAIL");
        Set<String> still = new TreeSet<>();
        Set<String> cleared = new TreeSet<>();
        StringBuilder why = new StringBuilder();
        for (String k : claimed) {
            (failingAfter.containsKey(k) ? still : cleared).add(k);
            if (failingAfter.containsKey(k)) {
                why.append(k).append(": ").append(failingAfter.get(k).path("message").asText()).append('\n');
            }
        }
        Set<String> fresh = new TreeSet<>(failingAfter.keySet());
        fresh.removeAll(MotoFixBench.byStatus(report, "FAIL").keySet());
        return new WholeRun(exit, claimed, cleared, still, fresh, why.toString());
    }

    // ---- the measurement (docs/fix-verification.md) ----

    @Test
    @EnabledIfSystemProperty(named = "trailguard.fixcheck", matches = ".+")
    void measureEachOwnFixAndTheWholeScript() throws Exception {
        Map<String, JsonNode> failing = new TreeMap<>(MotoFixBench.byStatus(report, "FAIL"));
        Path target = Path.of(System.getProperty("trailguard.fixcheck"));
        // the whole script first: the scan's --fix-script where this build has it, else every own fix in turn
        bench.build();
        Path script = work.resolve("whole.sh");
        Set<String> claimed = fixScript(script);
        String kind = "scan --fix-script";
        if (claimed == null) {
            kind = "every own fix concatenated (this build has no --fix-script)";
            Files.writeString(script, FixScript.concatenated(failing.values()));
            claimed = FixScript.claimed(Files.readString(script));
        }
        WholeRun whole = runWhole(script, claimed);
        StringBuilder head = new StringBuilder();
        head.append("Failing findings moto holds: ").append(failing.size()).append('\n');
        head.append("Whole script (").append(kind).append("): exit ").append(whole.exit.code()).append(", claims ")
                .append(whole.claimed.size()).append(", cleared ").append(whole.cleared.size())
                .append(", still FAIL ").append(whole.stillFailing.size()).append(", new FAIL ")
                .append(whole.newFailures.size()).append('\n');
        if (!whole.stillFailing.isEmpty()) {
            head.append("  still FAIL: ").append(whole.stillFailing).append('\n');
        }
        if (!whole.newFailures.isEmpty()) {
            head.append("  new FAIL: ").append(whole.newFailures).append('\n');
        }
        if (whole.exit.code() != 0) {
            head.append("  last output: ").append(lastLine(whole.exit.out())).append('\n');
        }
        // then each finding's own fix on a fresh build, those moto can clear first; the table is rewritten after
        // each row, so an interrupted run still shows what it measured
        List<Map.Entry<String, JsonNode>> order = new ArrayList<>(failing.entrySet());
        order.sort(java.util.Comparator.comparing(e -> motoCannotClear.contains(e.getValue().get("ruleId").asText())));
        List<String[]> rows = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String c : List.of("turned PASS", "still FAIL", "command failed", "no commands",
                "needs a parameter")) {
            counts.put(c, 0);
        }
        for (Map.Entry<String, JsonNode> e : order) {
            JsonNode f = e.getValue();
            String outcome;
            String detail = "";
            if (MotoFixBench.commands(f).isEmpty()) {
                outcome = "no commands";
            } else if (!MotoFixBench.ready(f)) {
                outcome = "needs a parameter";
            } else {
                bench.build();
                Path own = work.resolve("own.sh");
                Files.writeString(own, MotoFixBench.ownFixScript(f));
                MotoFixBench.Exec x = bench.runScript(own);
                if (x.code() != 0) {
                    outcome = "command failed";
                    detail = lastLine(x.out());
                } else {
                    JsonNode after = bench.scan(bench.collect("after-own.json"), "after-own-report.json", params);
                    Map<String, JsonNode> failingAfter = MotoFixBench.byStatus(after, "FAIL");
                    outcome = failingAfter.containsKey(e.getKey()) ? "still FAIL" : "turned PASS";
                    Set<String> fresh = new TreeSet<>(failingAfter.keySet());
                    fresh.removeAll(failing.keySet());
                    detail = fresh.isEmpty() ? "" : "new FAIL: " + fresh;
                }
            }
            counts.merge(outcome, 1, Integer::sum);
            rows.add(new String[] {f.get("ruleId").asText(), f.at("/resource/id").asText(), outcome, detail});
            StringBuilder out = new StringBuilder(head);
            out.append("Own fixes measured: ").append(rows.size()).append(" of ").append(failing.size()).append('\n');
            counts.forEach((k, v) -> out.append("  own fix, ").append(k).append(": ").append(v).append('\n'));
            out.append("\n| rule | resource | own fix | detail |\n|---|---|---|---|\n");
            for (String[] row : rows) {
                out.append("| ").append(String.join(" | ", java.util.Arrays.stream(row)
                        .map(c -> c.replace("\n", " ").replace("|", "\\|")).toList())).append(" |\n");
            }
            Files.writeString(target, out);
        }
        System.out.println(Files.readString(target));
    }

    private static String lastLine(String s) {
        List<String> lines = s.lines().filter(l -> !l.isBlank()).toList();
        String l = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        return l.length() > 160 ? l.substring(0, 160) + "…" : l;
    }
}
