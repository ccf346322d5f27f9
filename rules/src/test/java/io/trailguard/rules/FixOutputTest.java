package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.testing.Fixtures;
import io.trailguard.core.Engine;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.RuleDefinition.RuleTest;
import io.trailguard.core.fix.FixCommand;
import io.trailguard.core.fix.FixCommands;
import io.trailguard.core.fix.FixPlan;
import io.trailguard.core.fix.FixScript;
import io.trailguard.core.report.AsffReport;
import io.trailguard.core.report.HtmlReport;
import io.trailguard.core.report.JsonReport;
import io.trailguard.core.report.JunitReport;
import io.trailguard.core.report.OcsfReport;
import io.trailguard.core.report.SarifReport;
import io.trailguard.core.report.TextReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the pack's fixes print: names only from the snapshot and the parameters, and command lines that run as printed
 * (every rule fixture and both examples).
 */
class FixOutputTest {
    private static final Path RENAMED = Path.of("src/test/resources/renamed/renamed-org.json");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    /** Placeholders fixes once printed instead of values. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\b(REGION|ACCOUNT|GROUP|ROLE|TRAIL-ARN|TRAIL|LOG-BUCKET|LOG-GROUP|DESTINATION-BUCKET|KEY-ARN[-A-Z]*|BUCKET)\\b|\\(none\\)|^null$|^'null'$");
    private static final List<String> EMPTY_POLICY_PARTS = List.of("\"Resource\":[]", "\"Action\":[]", "\"Principal\":{}",
            "\"Statement\":[]");

    @Test
    void noOutputOfAnOrganisationWithoutTheExampleNamesContainsOne() throws IOException {
        List<String> names = Files.readAllLines(Path.of("src/test/resources/renamed/example-names.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        RulePack pack = BuiltinRules.pack();
        Snapshot snap = Fixtures.read(RENAMED);
        ScanResult r = Engine.create().scan(pack, snap);
        FixPlan plan = FixPlan.build(Engine.create(), pack, snap, r, r);
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("text", TextReport.render(r, "renamed-org.json", true));
        outputs.put("json", JsonReport.render(r));
        outputs.put("html", HtmlReport.render(r, "report"));
        outputs.put("sarif", SarifReport.render(r, "0", true));
        outputs.put("junit", JunitReport.render(r));
        outputs.put("asff", AsffReport.render(r, "us-east-1"));
        outputs.put("ocsf", OcsfReport.render(r, "0"));
        outputs.put("fix script", FixScript.bash(plan, "renamed-org.json", "2026-11-20T09:00:00Z"));
        outputs.put("fix plan", FixScript.json(plan, "renamed-org.json", "2026-11-20T09:00:00Z"));
        assertThat(r.findings()).isNotEmpty();
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            String text = e.getValue().toLowerCase(Locale.ROOT);
            for (String n : names) {
                assertThat(text).as("the %s output names %s, which the snapshot does not", e.getKey(), n)
                        .doesNotContain(n.toLowerCase(Locale.ROOT));
            }
        }
    }

    @Test
    void everyCommandOfEveryFixtureAndExampleRunsAsPrinted() {
        RulePack pack = BuiltinRules.fromFiles();
        Set<Path> snapshots = new LinkedHashSet<>(List.of(Path.of("../examples/acme-org.json"),
                Path.of("../examples/well-configured-org.json"), RENAMED));
        for (RuleDefinition rule : pack.definitions()) {
            for (RuleTest t : rule.tests()) {
                if (t.givenFile() != null) {
                    snapshots.add(rule.file().getParent().resolve(t.givenFile()).normalize());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Set<String> lines = new LinkedHashSet<>();
        for (Path p : snapshots) {
            ScanResult r = Engine.create().scan(pack, Fixtures.read(p));
            for (FixCommand c : FixCommands.of(r)) {
                if (!lines.add(c.line())) {
                    continue;
                }
                problems.addAll(check(c).stream().map(m -> p.getFileName() + ": " + m + ": " + c.line()).toList());
            }
        }
        assertThat(lines).as("distinct command lines").hasSizeGreaterThan(100);
        assertThat(problems).isEmpty();
    }

    /** What is wrong with one command, if anything. */
    static List<String> check(FixCommand c) {
        List<String> out = new ArrayList<>();
        List<String> w = c.argv();
        int r = w.indexOf("--region");
        if (r < 0 || r + 1 >= w.size() || !REGION.matcher(w.get(r + 1)).matches() || !w.get(r + 1).equals(c.region())) {
            out.add("no --region with a region");
        }
        if (!c.account().matches("\\d{12}")) {
            out.add("no account");
        }
        if (w.size() < 2 || !w.get(0).matches("[a-z0-9]+") || !w.get(1).matches("[a-z0-9-]+")) {
            out.add("not 'aws SERVICE OPERATION'");
        }
        for (String word : w) {
            if (word.isEmpty()) {
                out.add("an empty word");
            }
            if (PLACEHOLDER.matcher(word).find()) {
                out.add("a placeholder in '" + word + "'");
            }
            for (String e : EMPTY_POLICY_PARTS) {
                if (word.replace(" ", "").contains(e)) {
                    out.add("an empty " + e);
                }
            }
        }
        if (!splitShellWords(c.line()).equals(c.words())) {
            out.add("the line does not split back into its words");
        }
        return out;
    }

    /** A POSIX shell word splitter for the quoting the renderer uses ('…', "${VAR}", bare words). */
    static List<String> splitShellWords(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == ' ' && cur != null) {
                out.add(cur.toString());
                cur = null;
                continue;
            } else if (ch == ' ') {
                continue;
            }
            if (cur == null) {
                cur = new StringBuilder();
            }
            if (ch == '\'') {
                int end = line.indexOf('\'', i + 1);
                cur.append(line, i + 1, end);
                i = end;
            } else if (ch == '"') {
                int end = line.indexOf('"', i + 1);
                cur.append(line, i + 1, end);
                i = end;
            } else if (ch == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else {
                cur.append(ch);
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

}
