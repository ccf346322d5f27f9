package io.trailguard.cli;

import io.trailguard.cli.ScanCommand.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The report options of the {@code logs} commands, as {@code scan} has them ({@link ReportTargets}): {@code --format}
 * (repeatable), {@code -o FILE} (its extension chooses the format), {@code --output-dir DIR}; each file is written
 * whole or not at all. A command names the formats it writes; another is a usage error (exit 2) before anything is
 * read.
 */
final class LogReportOptions {
    @Option(names = "--format", paramLabel = "FORMAT", split = ",",
            description = "Report format, repeatable (text, json, and the others this command lists above; default: text, or what the --output file's extension says).")
    List<Format> formats = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", split = ",",
            description = "Write the n-th --format's report to FILE, whole or not at all; without --format the extension chooses it (.txt, .json, .csv, .html, .sarif, .junit.xml, .asff.json, .ocsf.json). Repeatable.")
    List<Path> outputs = new ArrayList<>();

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write every --format's report into DIR as trailguard-logs-<command>-<time>.<ext>.")
    Path outputDir;

    /** Checks the options against the formats the command writes: usage mistakes are exit 2 before a long read. */
    void check(String command, Set<Format> supported) {
        ReportTargets.check(formats, outputs, outputDir);
        for (ReportTargets.Target t : ReportTargets.resolve(formats, outputs, outputDir, Instant.EPOCH)) {
            if (!supported.contains(t.format())) {
                throw new Main.UserError("trailguard: " + command + " writes " + supported.stream().map(Enum::name)
                        .collect(Collectors.joining(", ")) + " reports, not " + t.format()
                        + (t.file() == null ? "" : " (--output " + t.file() + ")"));
            }
        }
    }

    /** The file of the one report a command writes without a choice of format (Athena SQL), or {@code null}. */
    Path single() {
        if (outputs.size() > 1 || outputDir != null) {
            throw new Main.UserError("trailguard: this output is one text: give at most one --output FILE");
        }
        return outputs.isEmpty() ? null : outputs.get(0);
    }

    /** Renders and writes every requested report. */
    void write(CommandSpec spec, Instant stamp, Function<Format, String> render) throws IOException {
        List<ReportTargets.Target> targets = ReportTargets.resolve(formats, outputs, outputDir,
                "trailguard-logs-" + spec.name(), stamp);
        if (outputDir != null) {
            Files.createDirectories(outputDir);
        }
        for (ReportTargets.Target t : targets) {
            LogAwsOptions.emit(spec, t.file(), render.apply(t.format()));
        }
    }
}
