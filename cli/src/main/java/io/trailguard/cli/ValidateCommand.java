package io.trailguard.cli;

import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.RulePack;
import io.trailguard.core.Snapshot;
import io.trailguard.core.testing.Fixtures;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailguard validate FILE...}: checks rule files ({@code .yaml}, {@code .yml}) and snapshots ({@code .json}). */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check rule files (.yaml, .yml, or directories of them) and snapshots (.json); report every problem with file, line and column.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Rule files, rule directories or snapshot files.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Problem> problems = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName() == null ? f.toString() : f.getFileName().toString().toLowerCase(Locale.ROOT);
            try {
                if (name.endsWith(".json") || Fixtures.isYamlFixture(f)) {
                    Snapshot s = Fixtures.read(f); // a whole snapshot, or a rule test fixture (short form, base + patch)
                    out.println(f + ": ok (snapshot: " + s.accountIds().size() + " accounts, " + s.resources().size()
                            + " resources, " + s.errors().size() + " collection errors)");
                } else if (Files.isDirectory(f) || name.endsWith(".yaml") || name.endsWith(".yml")) {
                    RulePack pack = RulePack.load(f);
                    out.println(io.trailguard.core.report.TerminalText.sanitize(f.toString()) + ": ok (" + pack.size()
                            + " rule" + (pack.size() == 1 ? "" : "s") + ")");
                } else {
                    problems.add(new Problem(f.toString(), 0, 0, "cannot tell what this is: expected a rule file "
                            + "(.yaml, .yml), a directory of rule files, a snapshot (.json) or a rule test fixture (.json, .yaml)", null));
                }
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        problems.forEach(p -> err.println(io.trailguard.core.report.TerminalText.sanitize(p.format())));
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
