package io.trailguard.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.RulePack;
import io.trailguard.core.snapshot.Json;
import io.trailguard.core.yaml.Position;
import io.trailguard.core.yaml.SafeYaml;
import io.trailguard.core.yaml.YamlDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build-time tool: precompiles the built-in pack's YAML rule files into one JSON document that {@link BuiltinRules#pack()}
 * reads at start-up instead of opening the jar as a file system, walking it and running the YAML parser 53 times
 * (docs/PERFORMANCE.md, cold start). The Maven build runs it after compiling this module; the YAML stays the source.
 *
 * <p>The document is {@code {"format": 1, "rules": [{"file", "positions", "rule"}]}}: per rule file (sorted by path
 * relative to the pack) its tree exactly as {@link SafeYaml} reads it, and the positions of its test cases
 * ({@code /tests/N}), the only positions a valid rule's parse keeps; the pack's {@code conditions.yaml} (named conditions)
 * is an entry like a rule file's. Every rule is parsed and checked first, so an
 * invalid pack fails the build rather than a user's start-up. The output is a function of the files alone.
 */
public final class PackCompiler {
    static final int FORMAT = 1;

    private PackCompiler() {
    }

    /** {@code PackCompiler PACK_DIR OUTPUT_FILE}: compiles the pack, writing the file only when its text changes. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: PackCompiler PACK_DIR OUTPUT_FILE");
        }
        Path out = Path.of(args[1]);
        String json = compile(Path.of(args[0]));
        if (!Files.exists(out) || !Files.readString(out, StandardCharsets.UTF_8).equals(json)) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json, StandardCharsets.UTF_8);
        }
    }

    /**
     * The compiled document of the rule files under {@code dir} (the files {@link RulePack#load(Path...)} reads).
     *
     * @throws io.trailguard.core.InvalidInputException when a rule file is not valid
     */
    public static String compile(Path dir) throws IOException {
        RulePack.load(dir); // every check, duplicate ids included, with the files' positions in messages
        ArrayNode rules = JsonNodeFactory.instance.arrayNode();
        for (Path file : ruleFiles(dir)) {
            String name = relative(dir, file);
            YamlDocument doc = SafeYaml.parse(name, Files.readString(file, StandardCharsets.UTF_8));
            ObjectNode positions = JsonNodeFactory.instance.objectNode();
            JsonNode tests = doc.root().path("tests");
            for (int i = 0; i < tests.size(); i++) {
                Position p = doc.valueAt("/tests/" + i);
                positions.putArray("/tests/" + i).add(p.line()).add(p.column());
            }
            ObjectNode entry = rules.addObject();
            entry.put("file", name);
            entry.set("positions", positions);
            entry.set("rule", doc.root());
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.set("rules", rules);
        return Json.compact(root) + "\n";
    }

    /**
     * Reads a compiled document back into one tree per rule file, named {@code prefix + file} in messages.
     *
     * @throws IllegalStateException when the document is not of this format
     */
    static List<YamlDocument> read(JsonNode compiled, String prefix) {
        if (compiled.path("format").asInt() != FORMAT) {
            throw new IllegalStateException("the precompiled rule pack is of format " + compiled.path("format")
                    + ", expected " + FORMAT + ": rebuild trailguard");
        }
        List<YamlDocument> docs = new ArrayList<>();
        for (JsonNode entry : compiled.path("rules")) {
            Map<String, Position> positions = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("positions").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                positions.put(p.getKey(), new Position(p.getValue().path(0).asInt(), p.getValue().path(1).asInt()));
            }
            docs.add(YamlDocument.of(prefix + entry.path("file").asText(), entry.path("rule"), positions));
        }
        return docs;
    }

    private static List<Path> ruleFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> {
                        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".yaml") || n.endsWith(".yml");
                    })
                    .filter(f -> !("/" + relative(dir, f)).contains("/fixtures/"))
                    .sorted((a, b) -> relative(dir, a).compareTo(relative(dir, b)))
                    .toList();
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }
}
