package io.trailguard.core.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.Snapshot;
import io.trailguard.core.diag.SourceText;
import io.trailguard.core.snapshot.Json;
import io.trailguard.core.yaml.Position;
import io.trailguard.core.yaml.SafeYaml;
import io.trailguard.core.yaml.YamlDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rule test's fixture: a whole snapshot, or a lean one that names a {@code base} fixture and carries only its
 * differences as a {@code patch} (see {@link KeyedPatch} and docs/rule-dsl.md, "Lean fixtures"). A base may itself be
 * lean; every file a fixture names must lie inside {@code root} (the rule's directory), so a rule from someone else
 * cannot make a test read files elsewhere. Errors name the fixture file, line and column of the operation at fault.
 *
 * @since 0.1.0
 */
public final class Fixtures {
    private static final int MAX_DEPTH = 16;
    private static final JsonFactory FACTORY = new JsonFactory();

    private Fixtures() {
    }

    /** The snapshot a fixture file stands for; files it names must lie inside {@code root}. */
    public static Snapshot read(Path file, Path root) {
        boolean lean = isLean(file);
        if (!lean && !isYaml(file)) {
            return Snapshot.read(file); // a whole JSON snapshot, read as it is: its errors keep their line and column
        }
        return Snapshot.parse(Json.pretty(materialise(file, root)), file + (lean ? " (base + patch)" : ""));
    }

    /**
     * The snapshot a fixture file stands for, its files confined to the directory that holds its {@code fixtures}
     * directory (the rule directory, by the pack's layout), or to its own directory when it is not under one.
     */
    public static Snapshot read(Path file) {
        return read(file, defaultRoot(file));
    }

    /** The JSON text of the whole snapshot a fixture file stands for (a whole snapshot's text as it is). */
    public static String json(Path file, Path root) {
        return Json.pretty(materialise(file, root));
    }

    /** {@link #json(Path, Path)} with the files confined as by {@link #read(Path)}. */
    public static String json(Path file) {
        return json(file, defaultRoot(file));
    }

    /** The directory that holds the nearest enclosing {@code fixtures} directory, else the file's own directory. */
    static Path defaultRoot(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("fixtures") && p.getParent() != null) {
                return p.getParent();
            }
        }
        return abs.getParent();
    }

    /**
     * Whether a YAML file is a rule test fixture (a snapshot, or a lean fixture with a {@code base}) rather than a rule
     * file: {@code trailguard validate} reads each as what it is.
     */
    public static boolean isYamlFixture(Path file) {
        if (!isYaml(file) || Files.isDirectory(file)) {
            return false;
        }
        JsonNode root = parseYaml(file, text(file)).root();
        return root.has("snapshotVersion") || root.has("base");
    }

    /** Whether a fixture file is written in YAML (by its name: {@code .yaml} or {@code .yml}). */
    static boolean isYaml(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /** Whether a fixture file is lean: an object with a top-level {@code base} member. */
    static boolean isLean(Path file) {
        if (isYaml(file)) {
            return parseYaml(file, text(file)).root().has("base");
        }
        try (JsonParser p = FACTORY.createParser(Files.newInputStream(file))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (p.currentName().equals("base")) {
                    return true;
                }
                p.nextToken();
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false; // Snapshot.read reports what is wrong with the file, with its position
        }
    }

    /** The whole JSON document a fixture file stands for. */
    static JsonNode materialise(Path file, Path root) {
        return materialise(file, root, new HashSet<>());
    }

    /** The members of a snapshot's resource; a fixture's resource may state its configuration's beside them. */
    private static final Set<String> ENVELOPE = Set.of("type", "id", "accountId", "region", "configuration");

    /**
     * The snapshot the short resources of a YAML fixture, a patch or an inline {@code given:} stand for, so a test
     * states each fact once:
     * <ul>
     * <li>a resource without {@code configuration} has as its configuration its members other than {@code type},
     *     {@code id}, {@code accountId} and {@code region};</li>
     * <li>a resource whose id is an ARN may leave out {@code accountId} and {@code region}: they are read from the
     *     ARN ({@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}, AWS's ARN format,
     *     https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). An ARN without them (an S3 bucket's,
     *     an IAM role's region) leaves them to be stated.</li>
     * </ul>
     * Changes {@code doc} in place and returns it.
     */
    static JsonNode derive(JsonNode doc) {
        if (!(doc.path("resources") instanceof ArrayNode resources)) {
            return doc;
        }
        for (JsonNode r : resources) {
            if (!(r instanceof ObjectNode o)) {
                continue;
            }
            Map<String, JsonNode> was = new LinkedHashMap<>();
            o.fields().forEachRemaining(e -> was.put(e.getKey(), e.getValue()));
            String[] arn = r.path("id").isTextual() ? r.get("id").asText().split(":", 6) : new String[0];
            boolean isArn = arn.length == 6 && arn[0].equals("arn");
            ObjectNode configuration = o.has("configuration") ? null : Json.MAPPER.createObjectNode();
            o.removeAll();
            for (String k : List.of("type", "id")) {
                if (was.containsKey(k)) {
                    o.set(k, was.get(k));
                }
            }
            if (was.containsKey("accountId") || !isArn || arn[4].isEmpty()) {
                setIfPresent(o, "accountId", was.get("accountId"));
            } else {
                o.put("accountId", arn[4]);
            }
            if (was.containsKey("region") || !isArn || arn[3].isEmpty()) {
                setIfPresent(o, "region", was.get("region"));
            } else {
                o.put("region", arn[3]);
            }
            was.forEach((k, v) -> {
                if (!ENVELOPE.contains(k) && configuration != null) {
                    configuration.set(k, v);
                } else if (!o.has(k)) {
                    o.set(k, v); // configuration, or a member the snapshot's reader will refuse by name
                }
            });
            if (configuration != null) {
                o.set("configuration", configuration);
            }
        }
        return doc;
    }

    /**
     * A whole resource in the short form {@link #derive} reads back to it: without the account and region its ARN
     * names, and with its configuration's members beside {@code type} and {@code id} unless one of them is named like
     * a member of the resource (then under {@code configuration}); an empty configuration is left out. Both are JSON
     * text of one resource.
     */
    public static String shorten(String resource) {
        return Json.compact(shorten((ObjectNode) Json.parse(resource)));
    }

    static ObjectNode shorten(ObjectNode resource) {
        String[] arn = resource.path("id").asText().split(":", 6);
        boolean isArn = arn.length == 6 && arn[0].equals("arn");
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("type", resource.get("type"));
        out.set("id", resource.get("id"));
        if (!(isArn && resource.path("accountId").asText().equals(arn[4]))) {
            out.set("accountId", resource.get("accountId"));
        }
        if (!(isArn && resource.path("region").asText().equals(arn[3]))) {
            out.set("region", resource.get("region"));
        }
        JsonNode conf = resource.get("configuration");
        if (conf == null || conf.isObject() && conf.isEmpty()) {
            return out;
        }
        List<String> names = new java.util.ArrayList<>();
        conf.fieldNames().forEachRemaining(names::add);
        if (!conf.isObject() || names.stream().anyMatch(ENVELOPE::contains)) {
            out.set("configuration", conf);
        } else {
            conf.fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static void setIfPresent(ObjectNode o, String name, JsonNode value) {
        if (value != null) {
            o.set(name, value);
        }
    }

    private static JsonNode materialise(Path file, Path root, Set<Path> seen) {
        String text = text(file);
        YamlDocument yaml = isYaml(file) ? parseYaml(file, text) : null;
        JsonNode doc;
        if (yaml != null) {
            doc = yaml.root();
        } else {
            try {
                doc = Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw problem(file, text, null, "not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (!doc.isObject() || !doc.has("base")) {
            // a whole JSON file is a snapshot as it is; a patch addresses the snapshot a YAML base stands for
            return yaml != null ? derive(doc) : doc;
        }
        if (!seen.add(file.toAbsolutePath().normalize()) || seen.size() > MAX_DEPTH) {
            throw problem(file, text, "/base", "the chain of bases loops back to this file or is deeper than " + MAX_DEPTH);
        }
        for (var it = doc.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("base") && !k.equals("patch")) {
                throw problem(file, text, "/" + k, "unknown key '" + k + "' in a lean fixture: expected 'base' (a "
                        + "fixture file) and 'patch' (a list of operations, or a file holding one)");
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!doc.get("base").isTextual()) {
            throw problem(file, text, "/base", "expected 'base': the file name of the fixture this one changes");
        }
        Path base = inside(dir, doc.get("base").asText(), root, file, text, "/base");
        JsonNode ops = doc.path("patch");
        String opsPtr = "/patch";
        Path opsFile = file;
        String opsText = text;
        if (ops.isTextual()) {
            opsFile = inside(dir, ops.asText(), root, file, text, "/patch");
            opsText = text(opsFile);
            opsPtr = "";
            if (isYaml(opsFile)) {
                ops = parseYaml(opsFile, opsText).root();
            } else {
                try {
                    ops = Json.MAPPER.readTree(opsText);
                } catch (JsonProcessingException e) {
                    throw problem(opsFile, opsText, null, "not valid JSON: " + e.getOriginalMessage());
                }
            }
        } else if (ops.isMissingNode()) {
            ops = Json.MAPPER.createArrayNode();
        }
        JsonNode from = materialise(base, root, seen);
        try {
            return derive(KeyedPatch.apply(from, ops));
        } catch (KeyedPatch.PatchException e) {
            throw problem(opsFile, opsText, opsPtr + e.pointer, e.getMessage() + " (base " + doc.get("base").asText() + ")");
        }
    }

    /**
     * The whole JSON document an inline {@code given: {base: FILE, patch: [...]}} stands for; {@code source} and
     * {@code line} name the test case in messages.
     */
    static JsonNode inline(JsonNode given, Path dir, Path root, String source, int line) {
        JsonNode base = given.get("base");
        if (base == null || !base.isTextual()) {
            throw new InvalidInputException(new Problem(source, line, 0, "given.base: expected the file name of a fixture", null));
        }
        Path file = dir.resolve(base.asText()).normalize();
        if (!confined(file, root)) {
            throw new InvalidInputException(new Problem(source, line, 0, "given.base: '" + base.asText()
                    + "' is outside the rule's directory " + root + "; a fixture is a file beside the rule or below it", null));
        }
        JsonNode ops = given.path("patch");
        if (ops.isTextual()) {
            Path opsFile = dir.resolve(ops.asText()).normalize();
            if (!confined(opsFile, root)) {
                throw new InvalidInputException(new Problem(source, line, 0, "given.patch: '" + ops.asText()
                        + "' is outside the rule's directory " + root, null));
            }
            String text = text(opsFile);
            try {
                return KeyedPatch.apply(materialise(file, root), Json.MAPPER.readTree(text));
            } catch (KeyedPatch.PatchException e) {
                throw problem(opsFile, text, e.pointer, e.getMessage() + " (base " + base.asText() + ")");
            } catch (JsonProcessingException e) {
                throw problem(opsFile, text, null, "not valid JSON: " + e.getOriginalMessage());
            }
        }
        try {
            return KeyedPatch.apply(materialise(file, root), ops.isMissingNode() ? Json.MAPPER.createArrayNode() : ops);
        } catch (KeyedPatch.PatchException e) {
            throw new InvalidInputException(new Problem(source, line, 0, "given/patch" + e.pointer + ": " + e.getMessage()
                    + " (base " + base.asText() + ")", null));
        }
    }

    private static Path inside(Path dir, String name, Path root, Path file, String text, String ptr) {
        Path p = dir.resolve(name).normalize();
        if (Path.of(name).isAbsolute() || !confined(p, root)) {
            throw problem(file, text, ptr, "'" + name + "' is outside the rule's directory " + root
                    + "; a fixture's base and patch are files beside the rule or below it");
        }
        return p;
    }

    static boolean confined(Path file, Path root) {
        Path r = root.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        if (!f.startsWith(r)) {
            return false;
        }
        try {
            return !Files.exists(f) || f.toRealPath().startsWith(r.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(file.toString(), 0, 0, "cannot read the fixture: " + e.getMessage(), null));
        }
    }

    private static YamlDocument parseYaml(Path file, String text) {
        return SafeYaml.parse(file.toString(), text);
    }

    private static InvalidInputException problem(Path file, String text, String pointer, String message) {
        int[] at = pointer == null ? null : isYaml(file) ? locateYaml(file, text, pointer) : locate(text, pointer);
        int line = at == null ? 0 : at[0];
        int col = at == null ? 0 : at[1];
        String where = pointer == null || pointer.isEmpty() ? "" : pointer + ": ";
        return new InvalidInputException(new Problem(file.toString(), line, col, where + message,
                line > 0 ? new SourceText(text).line(line) : null));
    }

    private static int[] locateYaml(Path file, String text, String pointer) {
        Position p = parseYaml(file, text).valueAt(pointer);
        return p.equals(Position.UNKNOWN) ? null : new int[] {p.line(), p.column()};
    }

    /** Line and column of the value at a JSON pointer in {@code text}, or {@code null}. */
    static int[] locate(String text, String pointer) {
        try (JsonParser p = FACTORY.createParser(text)) {
            p.nextToken();
            return walk(p, "", pointer);
        } catch (IOException e) {
            return null;
        }
    }

    private static int[] walk(JsonParser p, String here, String target) throws IOException {
        if (here.equals(target)) {
            var loc = p.currentTokenLocation();
            return new int[] {loc.getLineNr(), loc.getColumnNr()};
        }
        boolean onPath = target.startsWith(here + "/");
        if (p.currentToken() == JsonToken.START_OBJECT && onPath) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName().replace("~", "~0").replace("/", "~1");
                p.nextToken();
                int[] r = walk(p, here + "/" + name, target);
                if (r != null) {
                    return r;
                }
            }
        } else if (p.currentToken() == JsonToken.START_ARRAY && onPath) {
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                int[] r = walk(p, here + "/" + i, target);
                if (r != null) {
                    return r;
                }
            }
        } else {
            p.skipChildren();
        }
        return null;
    }
}
