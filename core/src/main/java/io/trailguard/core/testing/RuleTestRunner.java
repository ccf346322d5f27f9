package io.trailguard.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.InvalidInputException;

import io.trailguard.core.RulePack;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.RuleDefinition.RuleTest;
import io.trailguard.core.engine.RuleRunner;
import io.trailguard.core.fix.Change;
import io.trailguard.core.snapshot.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs every test case of every rule of a pack: evaluates the rule on the case's snapshot, compares the outcome per
 * resource with the expectation, and for each failure with a patch, applies the patch and requires the resource to
 * pass (the fix is proven).
 *
 * @since 0.1.0
 */
public final class RuleTestRunner {
    private RuleTestRunner() {
    }

    /** Runs the cases of every rule, in rule order. */
    public static List<RuleTestResult> run(RulePack pack) {
        List<RuleTestResult> out = new ArrayList<>();
        for (RuleDefinition r : pack.definitions()) {
            for (int i = 0; i < r.tests().size(); i++) {
                out.add(run(pack, r, r.tests().get(i), i));
            }
        }
        return out;
    }

    /** Runs one case. */
    public static RuleTestResult run(RulePack pack, RuleDefinition rule, RuleTest test, int index) {
        String source = (rule.file() == null ? rule.id() : rule.file().toString()) + ":" + test.line();
        List<String> failures = new ArrayList<>();
        if (test.givenFile() != null) {
            fixture(rule, test, index); // a path outside the rule's directory is bad input, not a failing case
        }
        try {
            Snapshot snapshot = snapshot(rule, test, index);
            RulePack one = pack.filter(x -> x.id().equals(rule.id()));
            ObjectNode params = io.trailguard.core.engine.ParamValues.resolve(one, Map.of(), Map.of(rule.id(), test.params())).get(rule.id());
            RuleRunner runner = new RuleRunner(snapshot.index());
            List<Finding> findings = runner.run(rule, params);
            check(test, findings, failures);
            for (Finding f : findings) {
                if (f.status() == Status.FAIL && f.fix() != null && f.fix().isProvable()) {
                    proveFix(rule, params, snapshot, f, failures);
                }
            }
        } catch (InvalidInputException e) {
            failures.add("the test's snapshot is not valid:\n" + e.getMessage());
        } catch (RuntimeException e) {
            failures.add("evaluation failed: " + e);
        }
        return new RuleTestResult(rule.id(), test.name(), failures, source);
    }

    private static Snapshot snapshot(RuleDefinition rule, RuleTest test, int index) {
        Path dir = directory(rule);
        if (test.givenFile() != null) {
            return Fixtures.read(fixture(rule, test, index), dir);
        }
        JsonNode inline = test.givenInline();
        String source = (rule.file() == null ? rule.id() : rule.file().toString());
        if (inline.has("base")) {
            inline = Fixtures.inline(inline, dir, dir, source, test.line());
        }
        return Snapshot.parse(Json.compact(Fixtures.derive(inline.deepCopy())), source + " (tests[" + index + "].given)");
    }

    /** The rule file's directory: fixtures a test names must lie inside it. */
    private static Path directory(RuleDefinition rule) {
        return rule.file() == null || rule.file().toAbsolutePath().getParent() == null ? Path.of("").toAbsolutePath()
                : rule.file().toAbsolutePath().getParent();
    }

    /**
     * The fixture file a case names, confined to the rule file's directory: a rule from someone else must not make
     * {@code rules test} read (and quote in an error) {@code /proc/self/environ} or {@code ~/.aws/credentials}.
     *
     * @throws InvalidInputException when the path leaves the directory, also through a symbolic link
     */
    static Path fixture(RuleDefinition rule, RuleTest test, int index) {
        Path dir = directory(rule);
        String given = test.givenFile();
        Path file = dir.resolve(given).normalize();
        boolean inside = !Path.of(given).isAbsolute() && file.startsWith(dir.normalize());
        if (inside && java.nio.file.Files.exists(file)) {
            try {
                inside = file.toRealPath().startsWith(dir.toRealPath());
            } catch (java.io.IOException e) {
                inside = false;
            }
        }
        if (!inside) {
            throw new InvalidInputException(new io.trailguard.core.Problem(
                    (rule.file() == null ? rule.id() : rule.file().toString()), test.line(), 0,
                    "tests[" + index + "].given: '" + given + "' is outside the rule's directory " + dir
                    + "; a test's fixture is a file beside the rule or below it", null));
        }
        return file;
    }

    private static void check(RuleTest test, List<Finding> findings, List<String> failures) {
        if (findings.isEmpty()) {
            failures.add("the rule was evaluated for no resource: the snapshot has no subject of its type");
            return;
        }
        if (test.expectAll() != null) {
            Status want = test.expectAll();
            boolean any = false;
            for (Finding f : findings) {
                if (f.status() == want) {
                    any = true;
                } else if (f.status() != Status.NOT_APPLICABLE || want == Status.NOT_APPLICABLE) {
                    failures.add("expected " + want + " for " + f.resource().id() + ", got " + describe(f));
                }
            }
            if (!any && failures.isEmpty()) {
                failures.add("expected " + want + ", but every resource was NOT_APPLICABLE");
            }
            return;
        }
        Map<Status, List<String>> want = new EnumMap<>(test.expectByStatus());
        List<Finding> unmatched = new ArrayList<>(findings);
        for (Map.Entry<Status, List<String>> e : want.entrySet()) {
            for (String id : e.getValue()) {
                Finding f = findings.stream().filter(x -> matches(x, id)).findFirst().orElse(null);
                if (f == null) {
                    failures.add("expected " + e.getKey() + " for '" + id + "', but the rule produced no finding for it "
                            + "(findings: " + findings.stream().map(x -> x.resource().id()).collect(Collectors.joining(", ")) + ")");
                    continue;
                }
                unmatched.remove(f);
                if (f.status() != e.getKey()) {
                    failures.add("expected " + e.getKey() + " for '" + id + "', got " + describe(f));
                }
            }
        }
        for (Finding f : unmatched) {
            if (f.status() != Status.NOT_APPLICABLE) {
                failures.add("unexpected " + describe(f) + " for " + f.resource().id()
                        + " (list it under expect, or make it NOT_APPLICABLE)");
            }
        }
    }

    /** A finding matches an expected id when its resource id equals it or ends with "/id" or ":id". */
    static boolean matches(Finding f, String id) {
        String r = f.resource().id();
        return r.equals(id) || r.endsWith("/" + id) || r.endsWith(":" + id);
    }

    private static String describe(Finding f) {
        return f.status() + " (" + f.message() + ")";
    }

    private static void proveFix(RuleDefinition rule, ObjectNode params, Snapshot snapshot, Finding f, List<String> failures) {
        Snapshot patched;
        try {
            patched = snapshot.withChanges(f.fix().changes());
        } catch (IllegalArgumentException e) {
            failures.add("the fix for " + f.resource().id() + " does not apply: " + e.getMessage());
            return;
        }
        RuleRunner runner = new RuleRunner(patched.index());
        if (f.fix().changes().stream().anyMatch(c -> c instanceof Change.Delete && c.target().equals(f.resource()))) {
            // a replacement: the resource is deleted, and what the fix creates in its place must pass
            for (Change c : f.fix().changes()) {
                if (c instanceof Change.Create && c.target().type().equals(f.resource().type())) {
                    for (Finding r : runner.run(rule, params, c.target())) {
                        if (r.status() != Status.PASS) {
                            failures.add("the fix for " + f.resource().id() + " is not proven: its replacement "
                                    + c.target().id() + " gives " + r.status() + " (" + r.message() + ")");
                        }
                    }
                }
            }
            return;
        }
        List<Finding> after = runner.run(rule, params, f.resource());
        Status now = after.isEmpty() ? null : after.get(0).status();
        if (now != Status.PASS) {
            failures.add("the fix for " + f.resource().id() + " is not proven: after its change the rule gives " + now
                    + (after.isEmpty() ? "" : " (" + after.get(0).message() + ")"));
        }
    }

}
