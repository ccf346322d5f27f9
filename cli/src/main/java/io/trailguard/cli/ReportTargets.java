package io.trailguard.cli;

import io.trailguard.cli.ScanCommand.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where each report of a scan goes, following the habits users bring: the format of {@code -o report.json} comes
 * from its extension when no {@code --format} is given; {@code --output json} (the AWS CLI's option) is reported as
 * the likely mistake it is; {@code --output-dir DIR} writes every requested format under a standard name
 * ({@code trailguard-20261120-090000.json}, as Prowler users expect).
 */
final class ReportTargets {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One report: its format and its file, or {@code null} for standard output. */
    record Target(Format format, Path file) {
    }

    private ReportTargets() {
    }

    /** Checks what picocli parsed, before anything is read: usage mistakes are exit 2 before a long scan. */
    static void check(List<Format> formats, List<Path> outputs, Path outputDir) {
        for (Path o : outputs) {
            String name = o.toString();
            if (o.getNameCount() == 1 && !name.contains(".") && !Files.exists(o) && isFormat(name)) {
                throw new Main.UserError("--output " + name + ": --output (-o) names a FILE; to choose the report "
                        + "format use --format " + name + " (and -o FILE to write it to a file)");
            }
        }
        if (outputDir != null && !outputs.isEmpty()) {
            throw new Main.UserError("give either --output FILE or --output-dir DIR, not both");
        }
        if (outputDir != null && Files.exists(outputDir) && !Files.isDirectory(outputDir)) {
            throw new Main.UserError("--output-dir " + outputDir + ": exists and is not a directory");
        }
    }

    /**
     * The reports to write.
     *
     * @param capturedAt when the snapshot was captured: the time stamp in the standard names
     */
    static List<Target> resolve(List<Format> formats, List<Path> outputs, Path outputDir, Instant capturedAt) {
        return resolve(formats, outputs, outputDir, "trailguard", capturedAt);
    }

    /**
     * The reports to write, named {@code <stem>-<time>.<ext>} in {@code outputDir}: each command its own stem, so a
     * scan's and a log validation's reports of the same second do not overwrite each other.
     */
    static List<Target> resolve(List<Format> formats, List<Path> outputs, Path outputDir, String stem,
                                Instant capturedAt) {
        List<Format> fs = new ArrayList<>(formats);
        if (fs.isEmpty()) {
            if (outputDir != null) {
                fs.add(Format.text);
            }
            for (Path o : outputs) {
                Format f = fromExtension(o);
                String file = o.getFileName() == null ? "" : o.getFileName().toString();
                if (f == null && !file.contains(".")) {
                    f = Format.text; // no extension at all (report, /dev/null): the default format, as before
                }
                if (f == null) {
                    throw new Main.UserError("--output " + o + ": cannot tell the format from the file name; give "
                            + "--format (one of " + String.join(", ", names()) + ") or a file ending in .json, "
                            + ".html, .sarif, .csv, .txt, .xml");
                }
                fs.add(f);
            }
            if (fs.isEmpty()) {
                fs.add(Format.text);
            }
        }
        List<Target> out = new ArrayList<>();
        if (outputDir != null) {
            String name = stem + "-" + STAMP.format(capturedAt);
            for (Format f : fs) {
                out.add(new Target(f, outputDir.resolve(name + "." + extension(f))));
            }
            return out;
        }
        if (outputs.size() > fs.size()) {
            throw new Main.UserError("more --output files (" + outputs.size() + ") than --format values (" + fs.size()
                    + "): give one --format per --output");
        }
        if (fs.size() - outputs.size() > 1) {
            throw new Main.UserError("only one report can go to standard output: give an --output for each --format "
                    + "but one, or --output-dir DIR for all of them");
        }
        for (int i = 0; i < fs.size(); i++) {
            out.add(new Target(fs.get(i), i < outputs.size() ? outputs.get(i) : null));
        }
        return out;
    }

    /** The standard file extension of a format. */
    static String extension(Format f) {
        return switch (f) {
            case text -> "txt";
            case json -> "json";
            case html -> "html";
            case sarif -> "sarif";
            case junit -> "junit.xml";
            case asff -> "asff.json";
            case ocsf -> "ocsf.json";
            case csv -> "csv";
        };
    }

    /** The format a file name implies, or {@code null}. */
    static Format fromExtension(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (Format f : new Format[] {Format.asff, Format.ocsf, Format.junit}) {
            if (n.endsWith("." + extension(f))) {
                return f;
            }
        }
        if (n.endsWith(".sarif.json")) {
            return Format.sarif;
        }
        int dot = n.lastIndexOf('.');
        return switch (dot < 0 ? "" : n.substring(dot + 1)) {
            case "json" -> Format.json;
            case "html", "htm" -> Format.html;
            case "sarif" -> Format.sarif;
            case "csv" -> Format.csv;
            case "txt", "text" -> Format.text;
            case "xml" -> Format.junit;
            default -> null;
        };
    }

    private static boolean isFormat(String name) {
        return names().contains(name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase("table")
                || name.equalsIgnoreCase("yaml");
    }

    private static List<String> names() {
        return Arrays.stream(Format.values()).map(Enum::name).toList();
    }
}
