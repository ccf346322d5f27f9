package io.trailguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.aws.config.ConfigSnapshotReader;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.FixProof;
import io.trailguard.core.Problem;
import io.trailguard.core.RuleInfo;
import io.trailguard.core.RulePack;
import io.trailguard.core.ScanResult;
import io.trailguard.core.Severity;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.report.AsffReport;
import io.trailguard.core.report.AtomicFiles;
import io.trailguard.core.report.CsvReport;
import io.trailguard.core.report.HtmlReport;
import io.trailguard.core.report.JsonReport;
import io.trailguard.core.report.JunitReport;
import io.trailguard.core.report.OcsfReport;
import io.trailguard.core.report.SarifReport;
import io.trailguard.core.report.TextReport;
import io.trailguard.core.suppress.Baseline;
import io.trailguard.core.suppress.SuppressionOutcome;
import io.trailguard.core.suppress.Suppressions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

/** {@code trailguard scan}: evaluates the rules against a snapshot and writes the reports. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Evaluate the rules against a snapshot and report what is broken and how to fix it.",
        footer = {"", "Several --format/--output pairs write several reports in one run: the n-th --output goes with "
                + "the n-th --format; a format without an output goes to standard output (only one may).",
                "Settings can also come from trailguard.yaml in the current directory (or --config FILE): "
                        + "see the README's \"trailguard.yaml\" section; docs/trailguard.schema.json gives editors completion."})
final class ScanCommand implements Callable<Integer> {
    static final String DEFAULT_SUPPRESSIONS = ".trailguard-suppressions.yaml";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SNAPSHOT",
            description = "A snapshot JSON file (see docs/snapshot-format.md); omit it with --live or --config-snapshot.")
    Path snapshot;

    @Option(names = "--live", description = "Collect the snapshot from AWS now (the collect command's options apply) instead of reading a file.")
    boolean live;

    @Option(names = "--config-snapshot", paramLabel = "FILE",
            description = "Read an AWS Config snapshot or history file (as delivered to S3, optionally gzipped) instead of a trailguard snapshot; fields Config does not record are UNKNOWN (see docs/config-rule.md).")
    Path configSnapshot;

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Mixin
    RuleOptions rules = new RuleOptions();

    @Option(names = "--format", paramLabel = "FORMAT", split = ",",
            description = "Report format, repeatable: ${COMPLETION-CANDIDATES} (default: text, or what the --output file's extension says).")
    List<Format> formats = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", split = ",",
            description = "Write the n-th --format's report to FILE, whole or not at all; without --format the extension chooses it (.json, .html, .sarif, .csv, .txt). Repeatable.")
    List<Path> outputs = new ArrayList<>();

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write every --format's report into DIR as trailguard-<capture time>.<ext> (json, html, sarif, csv, txt, junit.xml, asff.json, ocsf.json).")
    Path outputDir;

    @Option(names = "--details", description = "Text report: every resource's whole message, all evidence, each rule's rationale and every fix step.")
    boolean details;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors and warnings: no report on standard output, no summary; --output files are still written and the exit code tells the result.")
    boolean quiet;

    @Option(names = "--fail-on", defaultValue = "low", paramLabel = "SEVERITY", converter = FailOnConverter.class,
            description = "Exit 1 when an unsuppressed finding fails at or above this severity: critical, high, medium, low, info, or none to exit 0 whatever is found (default: ${DEFAULT-VALUE}).")
    Severity failOn;

    @Option(names = "--unknown-ok", description = "Exit 0 even when findings at or above --fail-on are UNKNOWN (inputs that could not be read); by default they fail the scan like a FAIL.")
    boolean unknownOk;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", split = ",(?=[^,=]+=)",
            description = "Override a rule parameter for every rule that has it, or one rule's as RULE-ID.NAME=VALUE. Repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--rule", paramLabel = "ID", split = ",", description = "Evaluate only these rules. Repeatable.")
    List<String> onlyRules = new ArrayList<>();

    @Option(names = "--skip-rule", paramLabel = "ID", split = ",", description = "Do not evaluate these rules. Repeatable.")
    List<String> skipRules = new ArrayList<>();

    @Option(names = "--severity", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "Evaluate only rules of this severity or above.")
    Severity minSeverity;

    @Option(names = "--account", paramLabel = "ID", split = ",", description = "Report only findings of these accounts. Repeatable.")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--region", paramLabel = "REGION", split = ",", description = "Report only findings of these regions (and global ones). Repeatable.")
    List<String> regionFilter = new ArrayList<>();

    @Option(names = "--suppressions", paramLabel = "FILE",
            description = "Accepted risks: a YAML list of {rule, account, region, resource, reason, expires}. "
                    + "Default: " + DEFAULT_SUPPRESSIONS + " when present.")
    Path suppressions;

    @Option(names = "--baseline", paramLabel = "REPORT.json", description = "Report only failures that are new since this previous JSON report.")
    Path baseline;

    @Option(names = "--show-passed", description = "Also list passing findings in the text report.")
    boolean showPassed;

    @Option(names = "--include-not-applicable",
            description = "Also keep a NOT_APPLICABLE finding (message and evidence) for every resource a rule does not apply to, and write them in the reports that list findings (json, html, asff, ocsf). Without it they are only counted, which keeps large scans fast and small.")
    boolean includeNotApplicable;

    @Option(names = "--color", defaultValue = "auto", paramLabel = "WHEN",
            description = "Colour the text report: auto (on a terminal, unless NO_COLOR is set), always, never.")
    String color;

    @Option(names = "--verify-fixes", description = "Apply each failing finding's typed change (what its commands are rendered from) to the snapshot, evaluate again, and report any fix that does not turn its finding into PASS or that makes another finding fail.")
    boolean verifyFixes;

    @Option(names = "--fix-script", paramLabel = "FILE",
            description = "Write one fix plan for every failing finding, proven as a whole: a bash script, or JSON when FILE ends in .json.")
    Path fixScript;

    @Option(names = "--asff-region", defaultValue = "us-east-1", paramLabel = "REGION",
            description = "The Security Hub region the asff report is for (its ProductArn names it; default: ${DEFAULT-VALUE}).")
    String asffRegion;

    @Option(names = "--today", hidden = true, description = "The date suppression expiry is judged against (tests).")
    LocalDate today;

    /** The report formats. */
    enum Format { text, json, html, sarif, junit, asff, ocsf, csv }

    @Override
    public Integer call() throws IOException {
        int inputs = (live ? 1 : 0) + (snapshot != null ? 1 : 0) + (configSnapshot != null ? 1 : 0);
        if (inputs != 1) {
            throw new Main.UserError(inputs > 1 ? "give only one of SNAPSHOT, --live and --config-snapshot"
                    : "missing SNAPSHOT: give a snapshot file, --live to collect one from AWS now, or --config-snapshot FILE");
        }
        ReportTargets.check(formats, outputs, outputDir);
        ReportTargets.resolve(formats, outputs, outputDir, java.time.Instant.EPOCH); // usage errors before the scan
        if (live && !regionFilter.isEmpty() && aws.regions.equalsIgnoreCase("all")) {
            aws.regions = String.join(",", regionFilter); // collect only the regions asked for
        }
        RulePack pack = select(rules.load());
        Snapshot snap = live ? Snapshot.parse(CollectCommand.collect(spec, aws).toString(), "live collection")
                : configSnapshot != null ? Snapshot.parse(readConfigSnapshot(configSnapshot).toString(), configSnapshot.toString())
                : Snapshot.read(snapshot);
        ScanFilters.check(accounts, regionFilter, snap);
        List<ReportTargets.Target> targets = ReportTargets.resolve(formats, outputs, outputDir, snap.capturedAt());
        if (outputDir != null) {
            Files.createDirectories(outputDir);
        }
        String source = live ? "live collection" : configSnapshot != null ? configSnapshot.toString() : snapshot.toString();
        Engine engine = Engine.withParams(params);
        if (includeNotApplicable) {
            engine = engine.keepingNotApplicable();
        }
        ScanResult scanned = engine.scan(pack, snap);
        ScanResult result = narrow(scanned);
        PrintWriter err = spec.commandLine().getErr();
        Path suppressionFile = suppressions != null ? suppressions
                : Files.exists(Path.of(DEFAULT_SUPPRESSIONS)) ? Path.of(DEFAULT_SUPPRESSIONS) : null;
        if (suppressionFile != null) {
            SuppressionOutcome outcome = Suppressions.read(suppressionFile)
                    .apply(result, today != null ? today : LocalDate.now(ZoneOffset.UTC));
            outcome.warnings().forEach(w -> err.println("warning: " + w.format()));
            result = outcome.result();
        }
        if (baseline != null) {
            result = Baseline.read(baseline).onlyNew(result);
        }
        boolean toStdout = false;
        for (ReportTargets.Target t : targets) {
            Format f = t.format();
            if (t.file() != null && f == Format.json) {
                JsonReport.write(result, t.file()); // streamed: a large report is never held in memory
                if (!quiet) {
                    err.println("Wrote " + f + " report to " + t.file() + ".");
                }
                continue;
            }
            if (t.file() == null && quiet) {
                continue;
            }
            String report = render(f, result, source, snap);
            if (t.file() != null) {
                AtomicFiles.write(t.file(), report.getBytes(StandardCharsets.UTF_8));
                if (!quiet) {
                    err.println("Wrote " + f + " report to " + t.file() + ".");
                }
            } else {
                toStdout = true;
                spec.commandLine().getOut().print(report);
            }
        }
        if (!toStdout && !quiet) {
            err.println(TextReport.summary(result));
        }
        if (verifyFixes) {
            verify(engine, pack, snap, scanned);
        }
        if (fixScript != null) {
            FixScriptOutput.write(err, engine, pack, snap, scanned, result, source, fixScript);
        }
        spec.commandLine().getOut().flush();
        return ScanExit.code(result, snap, failOn, unknownOk, err);
    }

    private static JsonNode readConfigSnapshot(Path file) {
        try {
            return ConfigSnapshotReader.read(file);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new Main.UserError("trailguard: " + e.getMessage());
        }
    }

    private String render(Format f, ScanResult result, String source, Snapshot snap) {
        String version = new Main.Version().getVersion()[0].replace("trailguard ", "");
        return switch (f) {
            case text -> TextReport.render(result, source, new TextReport.Options(showPassed, useColor(), details));
            case json -> JsonReport.render(result);
            case html -> HtmlReport.render(result, "trailguard report: " + source, snap);
            case sarif -> SarifReport.render(result, version, true, live ? null : source.replace('\\', '/'));
            case junit -> JunitReport.render(result);
            case asff -> AsffReport.render(result, asffRegion);
            case ocsf -> OcsfReport.render(result, version);
            case csv -> CsvReport.render(result);
        };
    }

    private boolean useColor() {
        return switch (color) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> System.console() != null && System.getenv("NO_COLOR") == null
                    && outputDir == null && outputs.size() < Math.max(1, formats.size());
            default -> throw new Main.UserError("--color: expected auto, always or never, found '" + color + "'");
        };
    }

    private RulePack select(RulePack pack) {
        List<String> known = pack.rules().stream().map(RuleInfo::id).toList();
        List<Problem> problems = new ArrayList<>();
        for (String id : concat(onlyRules, skipRules)) {
            if (!known.contains(id)) {
                problems.add(new Problem("--rule/--skip-rule " + id, 0, 0, "no rule with id '" + id + "'"
                        + io.trailguard.core.diag.Suggestions.hint(id, known), null));
            }
        }
        if (!problems.isEmpty()) {
            throw new io.trailguard.core.InvalidInputException(problems);
        }
        return pack.filter(r -> (onlyRules.isEmpty() || onlyRules.contains(r.id())) && !skipRules.contains(r.id())
                && (minSeverity == null || r.severity().atLeast(minSeverity)));
    }

    private ScanResult narrow(ScanResult result) {
        if (accounts.isEmpty() && regionFilter.isEmpty()) {
            return result;
        }
        return result.restrictedTo(r -> (accounts.isEmpty() || accounts.contains(r.accountId()))
                && (regionFilter.isEmpty() || r.region().equals("global") || regionFilter.contains(r.region())));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private void verify(Engine engine, RulePack pack, Snapshot snap, ScanResult result) {
        List<FixProof> proofs = new ArrayList<>();
        int withoutChange = 0;
        int failing = 0;
        for (Finding f : result.findings()) {
            if (f.status() != Status.FAIL) {
                continue;
            }
            failing++;
            if (f.fix() == null || f.fix().changes().isEmpty()) {
                withoutChange++;
                continue;
            }
            proofs.add(engine.proveFix(pack, snap, f, result));
        }
        PrintWriter err = spec.commandLine().getErr();
        long proven = proofs.stream().filter(FixProof::proven).count();
        err.println("Fix proofs: " + proven + " of " + failing + " failing finding(s) have a proven typed change; "
                + (proofs.size() - proven) + " typed change(s) not proven; " + withoutChange
                + " fix(es) without a typed change (steps only).");
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
            try {
                return Severity.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A severity, or {@code none} ({@code null}): never exit 1 for findings. */
    static final class FailOnConverter implements ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            if (value.trim().equalsIgnoreCase("none")) {
                return null;
            }
            try {
                return Severity.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage().replace("info", "info, none"));
            }
        }
    }
}
