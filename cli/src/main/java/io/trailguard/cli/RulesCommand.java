package io.trailguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.Reference;
import io.trailguard.core.RuleInfo;
import io.trailguard.core.RulePack;
import io.trailguard.core.testing.RuleTestResult;
import io.trailguard.core.testing.RuleTestRunner;
import io.trailguard.rules.BuiltinRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailguard rules}: list, explain and test rules. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List, explain and test rules.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Explain.class, RulesCommand.Test.class})
final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code trailguard rules list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the rules: id, severity, scope and title.")
    static final class ListRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RuleOptions rules = new RuleOptions();

        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Override
        public Integer call() throws Exception {
            RulePack pack = rules.loadWithFiles();
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ArrayNode a = m.createArrayNode();
                for (RuleInfo r : pack.rules()) {
                    ObjectNode o = a.addObject().put("id", r.id()).put("title", r.title())
                            .put("severity", r.severity().label()).put("scope", r.scope());
                    r.resourceTypes().forEach(o.putArray("resourceTypes")::add);
                    ArrayNode refs = o.putArray("references");
                    for (Reference ref : r.references()) {
                        refs.addObject().put("kind", ref.kind()).put("id", ref.id());
                    }
                    o.put("fix", r.hasFix()).put("patch", r.hasPatch()).put("tests", r.testCount()).put("source", r.source());
                }
                out.println(m.writeValueAsString(a));
                return ExitCodes.OK;
            }
            if (!format.equals("text")) {
                throw new Main.UserError("--format: expected text or json, found '" + format + "'");
            }
            out.printf("%-8s %-9s %-30s %s%n", "ID", "SEVERITY", "APPLIES TO", "TITLE");
            for (RuleInfo r : pack.rules()) {
                String scope = r.scope().equals("resource") ? String.join(", ", r.resourceTypes()) : r.scope();
                out.printf("%-8s %-9s %-30s %s%n", r.id(), r.severity().label(), scope,
                        io.trailguard.core.report.TerminalText.sanitize(r.title()));
            }
            out.println(pack.size() + " rules");
            return ExitCodes.OK;
        }
    }

    /** {@code trailguard rules explain ID}. */
    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Explain a rule: what it checks and how, the relations it follows, its parameters and fix.")
    static final class Explain implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The rule id, such as CT-03.")
        String id;

        @Mixin
        RuleOptions rules = new RuleOptions();

        @Override
        public Integer call() {
            RulePack pack = rules.loadWithFiles();
            String text = pack.explain(id).orElseThrow(() -> new Main.UserError("no rule with id '" + id + "'"
                    + io.trailguard.core.diag.Suggestions.hint(id, pack.rules().stream().map(RuleInfo::id).toList())
                    + "; see 'trailguard rules list'"));
            spec.commandLine().getOut().print(io.trailguard.core.report.TerminalText.sanitize(text));
            return ExitCodes.OK;
        }
    }

    /** {@code trailguard rules test [DIR...]}. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run the test cases that rule files carry; with no DIR, the built-in pack's.")
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "0..*", description = "Rule directories or files.")
        List<Path> dirs = new ArrayList<>();

        @Option(names = {"-v", "--verbose"}, description = "List every case, not only failures.")
        boolean verbose;

        @Override
        public Integer call() {
            RulePack pack = dirs.isEmpty() ? BuiltinRules.fromFiles() : RulePack.load(dirs);
            List<RuleTestResult> results = RuleTestRunner.run(pack);
            PrintWriter out = spec.commandLine().getOut();
            int passed = 0;
            int failed = 0;
            for (RuleTestResult r : results) {
                if (r.passed()) {
                    passed++;
                    if (verbose) {
                        out.println("PASS " + io.trailguard.core.report.TerminalText.sanitize(r.displayName()));
                    }
                } else {
                    failed++;
                    out.println(io.trailguard.core.report.TerminalText.sanitize("FAIL " + r.displayName() + "  ("
                            + r.source() + ")"));
                    r.failures().forEach(f -> out.println("     "
                            + io.trailguard.core.report.TerminalText.sanitize(f).replace("\n", "\n     ")));
                }
            }
            long untested = pack.rules().stream().filter(r -> r.testCount() == 0).count();
            if (untested > 0) {
                out.println(untested + " rule(s) have no test cases: "
                        + String.join(", ", pack.rules().stream().filter(r -> r.testCount() == 0).map(RuleInfo::id).toList()));
            }
            out.println(passed + " passed, " + failed + " failed");
            return failed == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }
}
