package io.trailguard.cli;

import io.trailguard.core.RulePack;
import io.trailguard.rules.BuiltinRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that choose the rules: the built-in pack, plus or instead of rule directories. */
final class RuleOptions {
    @Option(names = "--rules", paramLabel = "DIR", description = "A directory (or file) of rule files to add. Repeatable.")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--no-builtin", description = "Do not load the built-in rule pack; use only --rules.")
    boolean noBuiltin;

    /** The rules to evaluate: the built-in pack precompiled (fast to load), plus or instead of {@code --rules}. */
    RulePack load() {
        return load(false);
    }

    /**
     * The rules to describe: the built-in pack from its YAML files, so that each rule names its file, plus or instead
     * of {@code --rules}.
     */
    RulePack loadWithFiles() {
        return load(true);
    }

    private RulePack load(boolean withFiles) {
        RulePack pack = noBuiltin ? RulePack.empty() : withFiles ? BuiltinRules.fromFiles() : BuiltinRules.pack();
        if (!ruleDirs.isEmpty()) {
            pack = pack.with(RulePack.load(ruleDirs));
        }
        return pack;
    }
}
