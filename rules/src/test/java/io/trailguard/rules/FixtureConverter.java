package io.trailguard.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trailguard.core.snapshot.Json;
import io.trailguard.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Rewrites the rule test fixtures of a pack into lean form (docs/rule-dsl.md, "Lean fixtures"): per directory that
 * holds a {@code fixtures/} directory, one shared {@code fixtures/base.json} (for each resource and account id, its
 * most common form across the fixtures) and every fixture as {@code {"base": …, "patch": […]}} against the base or
 * against a sibling fixture, whichever gives the shorter file. Whole snapshots and lean fixtures are both read (as
 * what they materialise to), so running it again after someone adds whole-snapshot fixtures folds them in, and
 * running it twice gives the same files. Nothing is kept unless every rewritten fixture materialises, through the
 * loader the tests use, to exactly the JSON it stood for before; otherwise every file is restored.
 *
 * <p>Run {@code rules/convert-fixtures.sh [PACK_DIR…]} (default: the built-in pack).
 */
public final class FixtureConverter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 120;
    /** Fields that identify an element of an array, in order of preference. */
    private static final List<String> KEYS = List.of("id", "Id", "ID", "Name", "name", "Sid", "Key", "filterName",
            "AlarmName", "TrailARN", "TopicArn", "logGroupName", "FlowLogId", "SubnetId", "VpcId");
    private static final int MAX_CHAIN = 4;
    private static final String BASE = "base.json";

    private FixtureConverter() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> roots = new ArrayList<>();
        for (String a : args.length == 0 ? new String[] {"rules/src/main/resources/io/trailguard/rules/pack"} : args) {
            try (Stream<Path> s = Files.walk(Path.of(a))) {
                s.filter(p -> p.getFileName().toString().equals("fixtures") && Files.isDirectory(p)).sorted().forEach(roots::add);
            }
        }
        int before = 0;
        int after = 0;
        for (Path fixtures : roots) {
            int[] r = convert(fixtures);
            before += r[0];
            after += r[1];
            System.out.printf("%s: %d fixtures, %d -> %d lines%n", fixtures, r[2], r[0], r[1]);
        }
        System.out.printf("total: %d -> %d lines (each fixture checked to materialise to what it stood for)%n", before, after);
    }

    /** Converts one {@code fixtures} directory; returns {lines before, lines after, fixture count}. */
    static int[] convert(Path fixtures) throws IOException {
        Path ruleDir = fixtures.getParent();
        Path basePath = fixtures.resolve(BASE);
        Map<Path, String> texts = new TreeMap<>();
        try (Stream<Path> s = Files.walk(fixtures)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList()) {
                texts.put(p, Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        Map<Path, JsonNode> docs = new LinkedHashMap<>();
        for (Path p : texts.keySet()) {
            JsonNode d = JSON.readTree(Fixtures.json(p, ruleDir));
            if (!p.equals(basePath) && d.isObject() && d.path("resources").isArray()) {
                docs.put(p, d);
            }
        }
        int before = texts.values().stream().mapToInt(FixtureConverter::lines).sum();
        if (docs.isEmpty()) {
            return new int[] {before, before, 0};
        }
        ObjectNode base = base(docs.values());
        Map<Path, String> out = new TreeMap<>();
        out.put(basePath, format(base, 0) + "\n");
        plan(base, basePath, docs, out);
        boolean hadBase = texts.containsKey(basePath);
        out.forEach(FixtureConverter::write);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<Path, JsonNode> e : docs.entrySet()) {
            JsonNode now = JSON.readTree(Fixtures.json(e.getKey(), ruleDir));
            if (!now.equals(e.getValue())) {
                wrong.add(e.getKey().toString());
            }
        }
        if (!wrong.isEmpty()) {
            texts.forEach(FixtureConverter::write);
            if (!hadBase) {
                Files.deleteIfExists(basePath);
            }
            throw new IllegalStateException("converted fixtures do not materialise to the originals, all restored: " + wrong);
        }
        int after = 0;
        for (Path p : texts.keySet()) {
            after += lines(Files.readString(p));
        }
        if (!hadBase) {
            after += lines(out.get(basePath));
        }
        return new int[] {before, after, docs.size()};
    }

    /** Each fixture's parent (the base or a sibling), chosen greedily by the shortest patch (Prim's tree). */
    private static void plan(ObjectNode base, Path basePath, Map<Path, JsonNode> docs, Map<Path, String> out) {
        List<Path> files = new ArrayList<>(docs.keySet());
        Map<Path, Integer> depth = new HashMap<>();
        depth.put(basePath, 0);
        Map<Path, JsonNode> tree = new LinkedHashMap<>();
        tree.put(basePath, base);
        Map<String, String> memo = new HashMap<>();
        Set<Path> left = new LinkedHashSet<>(files);
        while (!left.isEmpty()) {
            String best = null;
            Path bestFile = null;
            Path bestParent = null;
            int bestLines = Integer.MAX_VALUE;
            for (Path f : left) {
                for (Map.Entry<Path, JsonNode> parent : tree.entrySet()) {
                    if (depth.get(parent.getKey()) >= MAX_CHAIN) {
                        continue;
                    }
                    String text = memo.computeIfAbsent(parent.getKey() + "\0" + f, k -> lean(f, parent.getKey(), parent.getValue(), docs.get(f)));
                    int n = lines(text);
                    if (n < bestLines) {
                        bestLines = n;
                        best = text;
                        bestFile = f;
                        bestParent = parent.getKey();
                    }
                }
            }
            out.put(bestFile, best);
            depth.put(bestFile, depth.get(bestParent) + 1);
            tree.put(bestFile, docs.get(bestFile));
            left.remove(bestFile);
        }
    }

    private static String lean(Path file, Path parent, JsonNode from, JsonNode to) {
        ArrayNode ops = JSON.createArrayNode();
        diff(from, to, JSON.createArrayNode(), ops);
        ObjectNode lean = JSON.createObjectNode();
        lean.put("base", file.getParent().relativize(parent).toString().replace('\\', '/'));
        lean.set("patch", ops);
        return format(lean, 0) + "\n";
    }

    /** For each account and resource id, the form most fixtures have; other top-level members likewise. */
    static ObjectNode base(Iterable<JsonNode> docs) {
        Map<String, Map<JsonNode, Integer>> top = new LinkedHashMap<>();
        Map<String, Map<String, Map<JsonNode, Integer>>> keyed = new LinkedHashMap<>();
        for (JsonNode d : docs) {
            d.fields().forEachRemaining(e -> {
                if (e.getKey().equals("accounts") || e.getKey().equals("resources")) {
                    Map<String, Map<JsonNode, Integer>> byId = keyed.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>());
                    top.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>());
                    e.getValue().forEach(x -> byId.computeIfAbsent(x.path("id").asText(), k -> new LinkedHashMap<>()).merge(x, 1, Integer::sum));
                } else {
                    top.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).merge(e.getValue(), 1, Integer::sum);
                }
            });
        }
        ObjectNode base = JSON.createObjectNode();
        for (Map.Entry<String, Map<JsonNode, Integer>> e : top.entrySet()) {
            if (keyed.containsKey(e.getKey())) {
                ArrayNode a = base.putArray(e.getKey());
                keyed.get(e.getKey()).values().forEach(v -> a.add(modal(v)));
            } else {
                base.set(e.getKey(), modal(e.getValue()));
            }
        }
        return base;
    }

    private static JsonNode modal(Map<JsonNode, Integer> counts) {
        JsonNode best = null;
        int n = -1;
        for (Map.Entry<JsonNode, Integer> e : counts.entrySet()) {
            if (e.getValue() > n) {
                best = e.getKey();
                n = e.getValue();
            }
        }
        return best;
    }

    /** Appends to {@code ops} the operations that turn {@code from} into {@code to}. */
    static void diff(JsonNode from, JsonNode to, ArrayNode at, ArrayNode ops) {
        if (from.equals(to)) {
            return;
        }
        if (from.isObject() && to.isObject()) {
            // in the base's member order, then new members: a fixture's materialised member order (added members
            // last) then gives the same operations again, so a second run rewrites nothing
            from.fieldNames().forEachRemaining(k -> {
                if (!to.has(k)) {
                    ops.addObject().put("op", "remove").set("at", at.deepCopy().add(k));
                } else {
                    diff(from.get(k), to.get(k), at.deepCopy().add(k), ops);
                }
            });
            to.fields().forEachRemaining(e -> {
                if (!from.has(e.getKey())) {
                    ObjectNode op = ops.addObject().put("op", "add");
                    op.set("at", at.deepCopy().add(e.getKey()));
                    op.set("value", e.getValue());
                }
            });
            return;
        }
        String key = from.isArray() && to.isArray() && !from.isEmpty() && !to.isEmpty() ? key(from, to) : null;
        if (key == null || !keyedDiff(from, to, key, at, ops)) {
            ObjectNode op = ops.addObject().put("op", "set");
            op.set("at", at);
            op.set("value", to);
        }
    }

    /** The keyed operations for two arrays, or false when the target's order cannot be reached (kept, then added). */
    private static boolean keyedDiff(JsonNode from, JsonNode to, String key, ArrayNode at, ArrayNode ops) {
        Map<JsonNode, JsonNode> was = new LinkedHashMap<>();
        from.forEach(e -> was.put(e.get(key), e));
        List<JsonNode> kept = new ArrayList<>();
        List<JsonNode> added = new ArrayList<>();
        for (JsonNode e : to) {
            if (was.containsKey(e.get(key))) {
                if (!added.isEmpty()) {
                    return false; // a kept element after an added one: appending cannot produce this order
                }
                kept.add(e.get(key));
            } else {
                added.add(e);
            }
        }
        List<JsonNode> inBaseOrder = was.keySet().stream().filter(kept::contains).toList();
        int removed = was.size() - kept.size();
        ArrayNode mine = JSON.createArrayNode();
        if (!inBaseOrder.equals(kept) || kept.size() + 2 < removed) {
            ObjectNode op = mine.addObject().put("op", "select");
            op.set("at", at);
            op.put("by", key);
            kept.forEach(op.putArray("keys")::add);
        } else {
            was.keySet().stream().filter(k -> !kept.contains(k))
                    .forEach(k -> mine.addObject().put("op", "remove").set("at", at.deepCopy().add(step(key, k))));
        }
        for (JsonNode e : to) {
            ArrayNode here = at.deepCopy().add(step(key, e.get(key)));
            if (was.containsKey(e.get(key))) {
                diff(was.get(e.get(key)), e, here, mine);
            } else {
                ObjectNode op = mine.addObject().put("op", "add");
                op.set("at", here);
                op.set("value", e);
            }
        }
        ops.addAll(mine);
        return true;
    }

    private static JsonNode step(String key, JsonNode value) {
        return JSON.createObjectNode().set(key, value);
    }

    /** A field whose value is a unique string in every element of both arrays, or null. */
    private static String key(JsonNode from, JsonNode to) {
        for (String k : KEYS) {
            if (unique(from, k) && unique(to, k)) {
                return k;
            }
        }
        return null;
    }

    private static boolean unique(JsonNode array, String k) {
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode e : array) {
            if (!e.isObject() || !e.path(k).isTextual() || !seen.add(e.get(k).asText())) {
                return false;
            }
        }
        return true;
    }

    /** JSON with every object or array that fits in {@link #WIDTH} columns on one line, the rest indented by two. */
    static String format(JsonNode n, int indent) {
        String flat = flat(n);
        if (!n.isContainerNode() || n.isEmpty() || indent + flat.length() <= WIDTH) {
            return flat;
        }
        String pad = " ".repeat(indent + 2);
        List<String> items = new ArrayList<>();
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> items.add(pad + text(e.getKey()) + ": " + format(e.getValue(), indent + 2)));
            return "{\n" + String.join(",\n", items) + "\n" + " ".repeat(indent) + "}";
        }
        n.forEach(e -> items.add(pad + format(e, indent + 2)));
        return "[\n" + String.join(",\n", items) + "\n" + " ".repeat(indent) + "]";
    }

    private static String flat(JsonNode n) {
        if (n.isObject()) {
            List<String> items = new ArrayList<>();
            n.fields().forEachRemaining(e -> items.add(text(e.getKey()) + ": " + flat(e.getValue())));
            return "{" + String.join(", ", items) + "}";
        }
        if (n.isArray()) {
            List<String> items = new ArrayList<>();
            n.forEach(e -> items.add(flat(e)));
            return "[" + String.join(", ", items) + "]";
        }
        return Json.compact(n);
    }

    private static String text(String s) {
        return Json.compact(TextNode.valueOf(s));
    }

    private static int lines(String text) {
        return (int) text.chars().filter(c -> c == '\n').count() + (text.endsWith("\n") || text.isEmpty() ? 0 : 1);
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
