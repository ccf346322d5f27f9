package io.trailguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.aws.config.ConfigSnapshotReader;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.FixProof;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.report.AtomicFiles;
import io.trailguard.core.report.JsonReport;
import io.trailguard.core.report.TextReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailguard scan}: evaluates the rules against a snapshot file and reports the findings. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Evaluate the rules against a snapshot and report what is broken and how to fix it.")
final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SNAPSHOT", description = "A snapshot JSON file (see docs/snapshot-format.md); omit it with --live or --config-snapshot.")
    Path snapshot;

    @Option(names = "--live", description = "Collect the snapshot from AWS now (the collect command's options apply) instead of reading a file.")
    boolean live;

    @Option(names = "--config-snapshot", paramLabel = "FILE", description = "Read an AWS Config snapshot or history file (as delivered to S3, optionally gzipped) instead of a trailguard snapshot; fields Config does not record are UNKNOWN (see docs/config-rule.md).")
    Path configSnapshot;

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Mixin
    RuleOptions rules = new RuleOptions();

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (whole or not at all) instead of standard output.")
    Path output;

    @Option(names = "--fail-on", defaultValue = "low", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "Exit 1 when a finding fails at or above this severity: critical, high, medium, low, info (default: ${DEFAULT-VALUE}).")
    Severity failOn;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "Override a rule parameter for every rule that has it, or one rule's as RULE-ID.NAME=VALUE. Repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--show-passed", description = "Also list passing findings in the text report.")
    boolean showPassed;

    @Option(names = "--verify-fixes", description = "Apply each failing finding's patch to the snapshot, evaluate again, and report any fix that does not turn its finding into PASS or that makes another finding fail.")
    boolean verifyFixes;

    enum Format { text, json }

    @Override
    public Integer call() throws IOException {
        int inputs = (live ? 1 : 0) + (snapshot != null ? 1 : 0) + (configSnapshot != null ? 1 : 0);
        if (inputs != 1) {
            throw new Main.UserError(inputs > 1 ? "give only one of SNAPSHOT, --live and --config-snapshot"
                    : "missing SNAPSHOT: give a snapshot file, --live to collect one from AWS now, or --config-snapshot FILE");
        }
        RulePack pack = rules.load();
        Snapshot snap = live ? Snapshot.parse(CollectCommand.collect(spec, aws).toString(), "live collection")
                : configSnapshot != null ? Snapshot.parse(readConfigSnapshot(configSnapshot).toString(), configSnapshot.toString())
                : Snapshot.read(snapshot);
        String source = live ? "live collection" : configSnapshot != null ? configSnapshot.toString() : snapshot.toString();
        Engine engine = Engine.withParams(params);
        ScanResult result = engine.scan(pack, snap);
        String report = switch (format) {
            case text -> TextReport.render(result, source, showPassed);
            case json -> JsonReport.render(result);
        };
        if (output != null) {
            AtomicFiles.write(output, report.getBytes(StandardCharsets.UTF_8));
            spec.commandLine().getErr().println("Wrote " + format + " report to " + output + ". " + TextReport.summary(result));
        } else {
            spec.commandLine().getOut().print(report);
        }
        if (verifyFixes) {
            verify(engine, pack, snap, result);
        }
        spec.commandLine().getOut().flush();
        return result.hasFailuresAtOrAbove(failOn) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static JsonNode readConfigSnapshot(Path file) {
        try {
            return ConfigSnapshotReader.read(file);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new Main.UserError("trailguard: " + e.getMessage());
        }
    }

    private void verify(Engine engine, RulePack pack, Snapshot snap, ScanResult result) {
        List<FixProof> proofs = new ArrayList<>();
        int withoutPatch = 0;
        for (Finding f : result.findings()) {
            if (f.status() != Status.FAIL) {
                continue;
            }
            if (f.fix() == null || !f.fix().hasPatch()) {
                withoutPatch++;
                continue;
            }
            proofs.add(engine.proveFix(pack, snap, f, result));
        }
        var err = spec.commandLine().getErr();
        long proven = proofs.stream().filter(FixProof::proven).count();
        err.println("Fix proofs: " + proven + " of " + proofs.size() + " patches proven; " + withoutPatch
                + " failing finding(s) have a fix without a patch (commands only).");
        for (FixProof p : proofs) {
            if (!p.proven()) {
                err.println("  NOT PROVEN " + p.finding().ruleId() + " on " + p.finding().resource().id() + ": " + p.explanation());
            }
        }
    }

    /** Parses a severity label with a helpful message. */
    static final class SeverityConverter implements ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            return Severity.parse(value);
        }
    }
}
