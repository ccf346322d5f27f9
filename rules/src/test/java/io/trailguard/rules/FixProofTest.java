package io.trailguard.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.testing.Fixtures;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.FixProof;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.fix.FixPlan;
import io.trailguard.core.dsl.RuleDefinition.RuleTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fix is proven against the whole pack: for every rule with typed changes and every FAIL finding of that rule in
 * its own test fixtures, the changes (what the commands are rendered from) are applied and the WHOLE built-in pack
 * evaluated again; the finding must now pass and no finding of any other rule (or resource) may newly fail. A fix with
 * an unset parameter must say so and name it.
 */
class FixProofTest {
    /** Rules whose change alone makes another finding fail that that finding's own fix repairs, and why. */
    private static final Map<String, String> NEEDS_OTHER_FIXES = Map.of(
            "S3-12", "pointing a trail at the central bucket needs the bucket policy's grant of its prefix, S3-01's fix",
            "CT-14", "pointing a trail at the central bucket needs the bucket policy's grant of its prefix, S3-01's fix",
            "CT-04", "encrypting with the organisation key needs the key policy's grant of the trail, KMS-01's fix",
            "CT-01", "a trail created in the log-archive account delivers to a bucket of that account, which S3-12 reports");

    @TestFactory
    Stream<DynamicTest> everyTypedChangeIsProvenWithTheWholePack() {
        RulePack pack = BuiltinRules.fromFiles();
        List<DynamicTest> tests = new ArrayList<>();
        int withPatch = 0;
        for (RuleDefinition rule : pack.definitions()) {
            if (rule.fix() == null || rule.fix().changes().isEmpty()) {
                continue;
            }
            withPatch++;
            for (RuleTest t : rule.tests()) {
                if (t.givenFile() == null) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(rule.id() + " › " + t.name(), () -> prove(pack, rule, t)));
            }
        }
        assertTrue(withPatch >= 35, "expected at least 35 rules with typed changes, found " + withPatch);
        return tests.stream();
    }

    private static void prove(RulePack pack, RuleDefinition rule, RuleTest t) {
        Path file = rule.file().getParent().resolve(t.givenFile());
        Snapshot snapshot = Fixtures.read(file);
        Engine engine = Engine.withParams(params(rule, t));
        ScanResult before = engine.scan(pack, snapshot);
        List<String> problems = new ArrayList<>();
        for (Finding f : before.findings()) {
            if (!f.ruleId().equals(rule.id()) || f.status() != Status.FAIL) {
                continue;
            }
            if (f.fix() == null || !f.fix().isProvable()) {
                // No change for this resource (nothing to target), or a parameter only the user can set: the fix
                // must then say why, in words.
                if (f.fix() == null || f.fix().whyNotProvable() == null || f.fix().whyNotProvable().isBlank()) {
                    problems.add(f.resource().id() + ": the failing finding's fix is not provable and does not say why");
                }
                continue;
            }
            FixProof proof = engine.proveFix(pack, snapshot, f, before);
            String needs = NEEDS_OTHER_FIXES.get(rule.id());
            if (!proof.proven() && needs != null) {
                // proven only together with the fixes it needs: the scan's fix plan must clear the finding
                FixPlan plan = FixPlan.build(engine, pack, snapshot, before, before);
                if (!plan.proof().proven() && plan.proof().stillFailing().stream().anyMatch(s -> s.startsWith(
                        rule.id() + " on " + f.resource().id() + " "))) {
                    problems.add(f.resource().id() + ": not proven alone (" + needs + ") nor by the fix plan: "
                            + plan.proof().detail());
                }
                continue;
            }
            if (!proof.proven()) {
                problems.add(f.resource().id() + ": " + proof.explanation()
                        + proof.newFailures().stream().map(n -> "\n      " + n.ruleId() + " " + n.resource().id() + ": " + n.message())
                        .reduce("", String::concat));
            }
        }
        if (!problems.isEmpty()) {
            fail(file + ":\n  " + String.join("\n  ", problems));
        }
    }

    /** A patch that no fixture exercises proves nothing: each rule with a patch has a failure that carries it. */
    @org.junit.jupiter.api.Test
    void everyTypedChangeIsExercisedByAFixture() {
        RulePack pack = BuiltinRules.fromFiles();
        List<String> unexercised = new ArrayList<>();
        for (RuleDefinition rule : pack.definitions()) {
            if (rule.fix() == null || rule.fix().changes().isEmpty()) {
                continue;
            }
            boolean exercised = false;
            for (RuleTest t : rule.tests()) {
                if (t.givenFile() == null || exercised) {
                    continue;
                }
                Snapshot snapshot = Fixtures.read(rule.file().getParent().resolve(t.givenFile()));
                exercised = Engine.withParams(params(rule, t)).scan(pack, snapshot).findings().stream()
                        .anyMatch(f -> f.ruleId().equals(rule.id()) && f.status() == Status.FAIL
                                && f.fix() != null && !f.fix().changes().isEmpty());
            }
            if (!exercised) {
                unexercised.add(rule.id());
            }
        }
        assertTrue(unexercised.isEmpty(), "rules whose typed change no fixture exercises: " + unexercised);
    }

    /** The test case's parameter overrides, for this rule only, as the command line would pass them. */
    static Map<String, String> params(RuleDefinition rule, RuleTest t) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : t.params().entrySet()) {
            JsonNode v = e.getValue();
            String text;
            if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(x -> parts.add(x.asText()));
                text = String.join(",", parts);
            } else {
                text = v.asText();
            }
            out.put(rule.id() + "." + e.getKey(), text);
        }
        return out;
    }
}
