package io.trailguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailguard.core.Status;
import io.trailguard.core.dsl.FixSpec;
import io.trailguard.core.dsl.FixSpec.ChangeSpec;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.RuleDefinition.RuleTest;
import io.trailguard.core.dsl.Template;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The conventions every built-in rule follows; each failure names the rule and what is wrong. */
class RulePackConventionsTest {
    private final List<RuleDefinition> rules = BuiltinRules.fromFiles().definitions();

    @Test
    void idsAreUniqueAndEqualToTheirFileNames() {
        Set<String> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (RuleDefinition r : rules) {
            if (!seen.add(r.id())) {
                problems.add(r.id() + ": duplicate id");
            }
            String file = r.file().getFileName().toString();
            if (!file.equals(r.id() + ".yaml")) {
                problems.add(r.id() + ": defined in " + file);
            }
            if (!r.id().matches("[A-Z0-9]+-[0-9]{2}")) {
                problems.add(r.id() + ": not of the form FAMILY-NN");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRuleHasPassingFailingAndUnknownTestCases() {
        List<String> problems = new ArrayList<>();
        for (RuleDefinition r : rules) {
            Set<Status> covered = EnumSet.noneOf(Status.class);
            for (RuleTest t : r.tests()) {
                if (t.expectAll() != null) {
                    covered.add(t.expectAll());
                } else {
                    t.expectByStatus().forEach((s, ids) -> {
                        if (!ids.isEmpty()) {
                            covered.add(s);
                        }
                    });
                }
            }
            // every rule reads something that can fail to be collected, so every rule shows its honest UNKNOWN too
            for (Status s : List.of(Status.PASS, Status.FAIL, Status.UNKNOWN)) {
                if (!covered.contains(s)) {
                    problems.add(r.id() + ": no test case expects " + s);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRuleHasReferencesATitleAndAReason() {
        List<String> problems = new ArrayList<>();
        for (RuleDefinition r : rules) {
            if (r.references().isEmpty()) {
                problems.add(r.id() + ": no references");
            }
            if (r.references().stream().noneMatch(x -> x.kind().equals("doc"))) {
                problems.add(r.id() + ": no documentation page among its references");
            }
            String title = r.title().strip();
            if (title.endsWith(".") || title.endsWith("!")) {
                problems.add(r.id() + ": title ends with punctuation: " + title);
            }
            if (title.length() < 15 || !Character.isUpperCase(title.charAt(0))) {
                problems.add(r.id() + ": title too short or not capitalised: " + title);
            }
            String d = r.description() == null ? "" : r.description().strip();
            long sentences = d.chars().filter(c -> c == '.').count();
            if (d.length() < 200 || sentences < 2) {
                problems.add(r.id() + ": description is too thin to say why the rule matters (" + d.length() + " chars)");
            }
            if (d.toLowerCase().contains(title.toLowerCase()) && d.length() < title.length() + 100) {
                problems.add(r.id() + ": description only repeats the title");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyFixSaysWhatToDoAndHow() {
        List<String> problems = new ArrayList<>();
        for (RuleDefinition r : rules) {
            if (r.fix() == null) {
                problems.add(r.id() + ": no fix");
                continue;
            }
            if (r.fix().steps().isEmpty()) {
                problems.add(r.id() + ": fix has no steps");
            }
            if (r.fix().changes().isEmpty() && r.fix().manual() == null) {
                problems.add(r.id() + ": fix has neither a typed change nor says why (manual)");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** An unbound placeholder would make a failing finding's fix an EVALUATION_ERROR; the parser binds them all. */
    @Test
    void everyFixTemplateIsBoundInTheRulesScope() {
        List<String> problems = new ArrayList<>();
        int fixes = 0;
        for (RuleDefinition r : rules) {
            FixSpec f = r.fix();
            if (f == null) {
                continue;
            }
            fixes++;
            List<Template> ts = new ArrayList<>(List.of(f.summary()));
            ts.addAll(f.steps());
            f.checks().forEach(ts::addAll);
            ts.add(f.manual());
            for (ChangeSpec c : f.changes()) {
                ts.add(c.when());
                ts.add(c.unless());
                c.edits().forEach(e -> ts.add(e.path()));
                if (c.create() != null) {
                    ts.addAll(List.of(c.create().id(), c.create().account(), c.create().region()));
                }
            }
            ts.addAll(r.fixValueTemplates().values());
            for (Template t : ts) {
                if (t != null) {
                    t.expressions().stream().filter(e -> e.name() == null)
                            .forEach(e -> problems.add(r.id() + ": {{ " + e.text() + " }} in '" + t.source() + "' is unbound"));
                }
            }
        }
        assertThat(fixes).isPositive();
        assertThat(problems).isEmpty();
    }
}
