package io.trailguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.diag.Suggestions;
import io.trailguard.core.yaml.SafeYaml;
import io.trailguard.core.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from a YAML file ({@code trailguard.yaml}): one section per command, named as on the command line
 * ({@code scan}, {@code collect}, {@code rules list}), with option names without dashes as keys:
 *
 * <pre>
 * scan:
 *   fail-on: high
 *   format: [text, sarif]
 *   output: [report.txt, report.sarif]
 *   param: {CT-05.maxDeliveryLag: 30m}
 *   skip-rule: [CT-13]
 * </pre>
 *
 * Command-line options override the file. Unknown sections and keys are errors with file, line and column.
 */
final class ConfigFileDefaults implements IDefaultValueProvider {
    static final String DEFAULT_FILE = "trailguard.yaml";

    private final JsonNode root;

    private ConfigFileDefaults(JsonNode root) {
        this.root = root;
    }

    /** Reads and checks the file against the commands' options; {@code null} when there is no file to read. */
    static ConfigFileDefaults load(Path file, CommandLine top) {
        String text = io.trailguard.core.diag.InputFiles.readUtf8(file, "the configuration file");
        YamlDocument doc = SafeYaml.parse(file.toString(), text);
        List<Problem> problems = new ArrayList<>();
        if (!doc.root().isObject()) {
            throw new InvalidInputException(doc.problem(doc.valueAt(""), "expected a mapping of command names "
                    + "(scan, collect, rules list, …) to their options"));
        }
        Map<String, CommandLine> commands = new java.util.LinkedHashMap<>();
        collect(top, "", commands);
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.root().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            String ptr = "/" + section.getKey();
            CommandLine cmd = commands.get(section.getKey());
            if (cmd == null) {
                problems.add(doc.problem(doc.keyAt(ptr), "unknown command '" + section.getKey() + "'"
                        + Suggestions.hint(section.getKey(), commands.keySet()) + "; expected one of "
                        + String.join(", ", commands.keySet())));
                continue;
            }
            if (!section.getValue().isObject()) {
                problems.add(doc.problem(doc.valueAt(ptr), "expected a mapping of option names to values"));
                continue;
            }
            List<String> names = cmd.getCommandSpec().options().stream().map(o -> o.longestName().replaceFirst("^-+", "")).toList();
            section.getValue().fields().forEachRemaining(f -> {
                String k = f.getKey();
                if (!names.contains(k) || k.equals("help") || k.equals("version")) {
                    problems.add(doc.problem(doc.keyAt(ptr + "/" + k), "unknown option '" + k + "' of '"
                            + section.getKey() + "'" + Suggestions.hint(k, names)));
                } else {
                    String bad = ConfigValues.check(cmd.getCommandSpec().findOption(k), f.getValue());
                    if (bad != null) {
                        problems.add(doc.problem(doc.valueAt(ptr + "/" + k), "'" + k + "' of '" + section.getKey()
                                + "': " + bad));
                    }
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ConfigFileDefaults(doc.root());
    }

    private static void collect(CommandLine cmd, String prefix, Map<String, CommandLine> out) {
        for (Map.Entry<String, CommandLine> e : cmd.getSubcommands().entrySet()) {
            String name = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
            out.put(name, e.getValue());
            collect(e.getValue(), name, out);
        }
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || arg.command() == null) {
            return null;
        }
        String qualified = arg.command().qualifiedName(" ");
        String section = qualified.contains(" ") ? qualified.substring(qualified.indexOf(' ') + 1) : qualified;
        JsonNode v = root.path(section).get(option.longestName().replaceFirst("^-+", ""));
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(x -> items.add(x.asText()));
            return String.join(",", items);
        }
        if (v.isObject()) {
            List<String> items = new ArrayList<>();
            v.fields().forEachRemaining(e -> items.add(e.getKey() + "=" + e.getValue().asText()));
            return String.join(",", items);
        }
        return v.asText();
    }
}
