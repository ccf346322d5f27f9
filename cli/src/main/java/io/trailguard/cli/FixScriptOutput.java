package io.trailguard.cli;

import io.trailguard.core.Engine;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Snapshot;
import io.trailguard.core.fix.FixPlan;
import io.trailguard.core.fix.FixScript;
import io.trailguard.core.report.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code scan --fix-script FILE}: builds the scan's fix plan, writes it whole (bash, or JSON for {@code .json}), and prints its proof. */
final class FixScriptOutput {
    private FixScriptOutput() {
    }

    static void write(PrintWriter err, Engine engine, RulePack pack, Snapshot snap, ScanResult scanned, ScanResult shown,
                      String source, Path file) throws IOException {
        FixPlan plan = FixPlan.build(engine, pack, snap, scanned, shown);
        String captured = snap.capturedAt().toString();
        boolean json = file.getFileName() != null && file.getFileName().toString().endsWith(".json");
        String text = json ? FixScript.json(plan, source, captured) : FixScript.bash(plan, source, captured);
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        if (!json) {
            file.toFile().setExecutable(true, false);
        }
        err.println("Wrote fix plan to " + file + ": " + plan.commands().size() + " command(s) for " + plan.fixed().size()
                + " failing finding(s); " + plan.unfixable().size() + " not fixable by it.");
        err.println("Fix plan proof: " + plan.proof().result().toUpperCase(java.util.Locale.ROOT) + " - " + plan.proof().detail());
        plan.proof().stillFailing().forEach(s -> err.println("  still failing: " + s));
        plan.proof().newFailures().forEach(s -> err.println("  would newly fail: " + s));
    }
}
