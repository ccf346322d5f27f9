package io.trailguard.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.Engine;
import io.trailguard.core.Finding;
import io.trailguard.core.fix.FixCommand;
import io.trailguard.core.fix.FixCommands;
import io.trailguard.core.FixProof;
import io.trailguard.core.ScanResult;
import io.trailguard.core.RulePack;
import io.trailguard.core.Snapshot;
import io.trailguard.core.Status;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.RuleDefinition.RuleTest;
import io.trailguard.core.engine.ParamValues;
import io.trailguard.core.engine.RuleRunner;
import io.trailguard.core.fix.Change;
import io.trailguard.core.snapshot.Json;
import io.trailguard.core.testing.Fixtures;
import io.trailguard.core.testing.RuleTestResult;
import io.trailguard.core.testing.RuleTestRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Makes each rule test fixture of a pack state only the facts its tests stand on (docs/rule-dsl.md, "Lean
 * fixtures"): starting from the whole snapshot a fixture stands for, it drops resources, accounts, errors, fields and
 * list elements one by one (halves first) and keeps a removal only when every test case that names the fixture still
 * gives exactly the same findings — status, resource, message, evidence, unknown reason, fix, and the fix's proof —
 * for every resource it reports (a NOT_APPLICABLE one only when the case lists it). Policy documents, event
 * selectors and the {@code source} note are kept whole: they are AWS's documented examples, not noise. The result is
 * written as a whole snapshot in compact JSON; base files no fixture names any more are deleted. Nothing is written
 * unless every case of the pack gives the same result as before (pass, or the same failures).
 *
 * <p>Run {@code rules/minimize-fixtures.sh [FILTER]} (a substring of the fixture paths to work on; default: all).
 */
public final class FixtureMinimizer {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Members whose values are kept whole: policies and selectors are documented examples; source says where from. */
    private static final Set<String> WHOLE = Set.of("source", "Policy", "KeyPolicy", "PolicyDocument",
            "AssumeRolePolicyDocument", "policy", "document", "policyDocument", "EventSelectors", "AdvancedEventSelectors");
    /** Members that identify an element; never dropped. */
    private static final Set<String> IDENTITY = Set.of("id", "type", "accountId", "region", "snapshotVersion", "capturedAt");

    private record Case(RuleDefinition rule, RuleTest test, int index, ObjectNode params, Engine engine) {
    }

    private final RulePack pack;
    private List<Case> cases;
    private String want;
    private int trials;
    /** The rules the Java tests that name the fixture look at, or null when none names it. */
    private Set<String> javaRules;
    /** Whether each resource kept is kept whole (a Java test reads the fixture as a tree and may change a member). */
    private boolean wholeResources;
    /** The words of the Java tests that change the fixture: a resource whose id ends with one is kept. */
    private Set<String> javaWords = Set.of();

    private FixtureMinimizer(RulePack pack) {
        this.pack = pack;
    }

    public static void main(String[] args) throws IOException {
        RulePack pack = BuiltinRules.fromFiles();
        String filter = args.length == 0 ? "" : args[0];
        Map<Path, List<Case>> byFixture = new TreeMap<>();
        Map<Path, Path> roots = new LinkedHashMap<>();
        for (RuleDefinition r : pack.definitions()) {
            RulePack one = pack.filter(x -> x.id().equals(r.id()));
            for (int i = 0; i < r.tests().size(); i++) {
                RuleTest t = r.tests().get(i);
                if (t.givenFile() == null) {
                    continue;
                }
                Path dir = r.file().toAbsolutePath().getParent();
                Path file = dir.resolve(t.givenFile()).normalize();
                ObjectNode params = ParamValues.resolve(one, Map.of(), Map.of(r.id(), t.params())).get(r.id());
                byFixture.computeIfAbsent(file, k -> new ArrayList<>())
                        .add(new Case(r, t, i, params, Engine.withParams(FixProofTest.params(r, t))));
                roots.put(file, dir);
            }
        }
        List<RuleTestResult> before = RuleTestRunner.run(pack);
        // fixtures that stand for the same snapshot become one file, minimised for the cases of all of them
        // (within one rule directory: a test's fixture lies beside its rule). A fixture a Java test names keeps its
        // file, and every finding of the whole pack on it: that test may look at any rule
        Map<Path, String> javaTests = javaTestSources();
        Map<Path, Set<String>> named = new TreeMap<>();
        Set<Path> changedByJava = new java.util.TreeSet<>();
        Map<Path, Set<String>> javaWords = new TreeMap<>();
        for (Path file : byFixture.keySet()) {
            String stem = file.getFileName().toString().replaceAll("\\.(json|yaml)$", "");
            for (String src : javaTests.values()) {
                if (src.contains("/" + stem + ".") || src.contains("\"" + stem + "\"")) {
                    if (src.contains("Fixtures.json(")) {
                        changedByJava.add(file); // read as a JSON tree: the test may change a member and look again
                        java.util.regex.Matcher w = java.util.regex.Pattern.compile("[\\w:/.-]{6,}").matcher(src);
                        Set<String> words = javaWords.computeIfAbsent(file, k -> new java.util.TreeSet<>());
                        while (w.find()) {
                            if (w.group().matches(".*[0-9/:-].*")) {
                                words.add(w.group());
                            }
                        }
                    }
                    java.util.regex.Matcher ids = java.util.regex.Pattern.compile("\\b([A-Z0-9]{1,4}-\\d\\d)\\b").matcher(src);
                    Set<String> rules = named.computeIfAbsent(file, k -> new java.util.TreeSet<>());
                    while (ids.find()) {
                        rules.add(ids.group(1));
                    }
                }
            }
        }
        Map<List<Object>, List<Path>> same = new LinkedHashMap<>();
        for (Path file : byFixture.keySet()) {
            if (file.toString().contains(filter)) {
                JsonNode doc = JSON.readTree(Fixtures.json(file, roots.get(file)));
                same.computeIfAbsent(named.containsKey(file) ? List.of(file) : List.of(roots.get(file), doc),
                        k -> new ArrayList<>()).add(file);
            }
        }
        Map<Path, String> beforeText = new TreeMap<>();
        Map<Path, String> out = new TreeMap<>();
        Map<Path, Path> renamed = new TreeMap<>();
        Map<Path, ObjectNode> minimised = new TreeMap<>();
        FixtureMinimizer m = new FixtureMinimizer(pack);
        int linesBefore = 0;
        int linesAfter = 0;
        for (Map.Entry<List<Object>, List<Path>> e : same.entrySet()) {
            JsonNode original = JSON.readTree(Fixtures.json(e.getValue().get(0), roots.get(e.getValue().get(0))));
            m.javaRules = named.get(e.getValue().get(0));
            m.wholeResources = changedByJava.contains(e.getValue().get(0));
            m.javaWords = javaWords.getOrDefault(e.getValue().get(0), Set.of());
            List<Case> cs = new ArrayList<>();
            e.getValue().forEach(f -> cs.addAll(byFixture.get(f)));
            Path first = e.getValue().get(0);
            Path target = first.resolveSibling(first.getFileName().toString().replaceAll("\\.json$", ".yaml"));
            int lines = lines(Json.pretty(original)) * e.getValue().size();
            ObjectNode minimal = m.minimise((ObjectNode) original.deepCopy(), cs);
            String reduced = minimal == null ? null : yaml(minimal.deepCopy());
            if (reduced == null) {
                System.out.printf("%s: kept (its cases do not evaluate on it)%n", first);
                continue;
            }
            for (Path f : e.getValue()) {
                beforeText.put(f, Files.readString(f, StandardCharsets.UTF_8));
                renamed.put(f, target);
            }
            out.put(target, reduced);
            minimised.put(target, minimal);
            linesBefore += lines;
            linesAfter += lines(reduced);
            System.out.printf("%s%s: %d -> %d lines (%d trials)%n", m.relative(target),
                    e.getValue().size() > 1 ? " (for " + e.getValue().size() + " files)" : "", lines, lines(reduced), m.trials);
        }
        int whole = out.values().stream().mapToInt(FixtureMinimizer::lines).sum();
        // a fixture that stands for the same snapshot as a sibling is that sibling: its cases name the sibling
        for (Map.Entry<Path, Path> alias : leanOnSiblings(minimised, out, named.keySet()).entrySet()) {
            out.remove(alias.getKey());
            minimised.remove(alias.getKey());
            renamed.replaceAll((from, to) -> to.equals(alias.getKey()) ? alias.getValue() : to);
        }
        Map<Path, String> ruleText = new TreeMap<>();
        for (RuleDefinition r : pack.definitions()) {
            Path f = r.file().toAbsolutePath();
            String t = ruleText.containsKey(f) ? ruleText.get(f) : Files.readString(f, StandardCharsets.UTF_8);
            for (RuleTest test : r.tests()) {
                if (test.givenFile() == null) {
                    continue;
                }
                Path from = f.getParent().resolve(test.givenFile()).normalize();
                if (renamed.containsKey(from)) {
                    String to = f.getParent().relativize(renamed.get(from)).toString().replace('\\', '/');
                    t = t.replace("given: " + test.givenFile() + "\n", "given: " + to + "\n");
                }
            }
            ruleText.put(f, t);
        }
        Map<Path, String> ruleBefore = new TreeMap<>();
        for (Path f : ruleText.keySet()) {
            ruleBefore.put(f, Files.readString(f, StandardCharsets.UTF_8));
        }
        beforeText.keySet().forEach(FixtureMinimizer::delete);
        out.forEach(FixtureMinimizer::write);
        for (Map.Entry<Path, ObjectNode> e : minimised.entrySet()) {
            JsonNode now = JSON.readTree(Fixtures.json(e.getKey(), fixturesDir(e.getKey()).getParent()));
            if (!now.equals(e.getValue())) {
                out.keySet().forEach(FixtureMinimizer::delete);
                beforeText.forEach(FixtureMinimizer::write);
                throw new IllegalStateException(e.getKey() + " does not stand for its minimised snapshot, every file restored");
            }
        }
        System.out.printf("whole fixtures %d lines, with patches against siblings %d%n", whole,
                out.values().stream().mapToInt(FixtureMinimizer::lines).sum());
        ruleText.forEach(FixtureMinimizer::write);
        List<RuleTestResult> after;
        List<String> changed = new ArrayList<>();
        try {
            after = RuleTestRunner.run(RulePack.load(BuiltinRules.directory()));
        } catch (RuntimeException ex) {
            after = List.of();
            changed.add(ex.getMessage());
        }
        for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
            RuleTestResult b = before.get(i);
            RuleTestResult a = after.get(i);
            if (!b.displayName().equals(a.displayName()) || b.passed() != a.passed() || !b.failures().equals(a.failures())) {
                changed.add(b.displayName() + ": " + b.failures() + " -> " + a.failures());
            }
        }
        if (before.size() != after.size() || !changed.isEmpty()) {
            out.keySet().forEach(FixtureMinimizer::delete);
            beforeText.forEach(FixtureMinimizer::write);
            ruleBefore.forEach(FixtureMinimizer::write);
            throw new IllegalStateException("a case's result changed, every file restored: " + changed);
        }
        for (Path d : new java.util.TreeSet<>(renamed.keySet().stream().map(FixtureMinimizer::fixturesDir).toList())) {
            Path base = d.resolve("base.json");
            if (Files.exists(base) && !named(d, base)) {
                Files.delete(base);
                System.out.printf("%s: deleted (no fixture names it)%n", m.relative(base));
            }
        }
        System.out.printf("%d cases, every result as before; %d fixture files -> %d; %d -> %d lines (whole pretty JSON "
                + "before)%n", after.size(), renamed.size(), out.size(), linesBefore, linesAfter);
    }

    private String relative(Path p) {
        return BuiltinRules.directory().toAbsolutePath().relativize(p).toString();
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path fixturesDir(Path file) {
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
            if (p.getFileName().toString().equals("fixtures")) {
                return p;
            }
        }
        return file.getParent();
    }

    /** Whether any fixture below {@code dir} still names {@code base} as its base. */
    private static boolean named(Path dir, Path base) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json") && !p.equals(base)).toList()) {
                JsonNode d = JSON.readTree(p.toFile());
                if (d.has("base") && p.getParent().resolve(d.get("base").asText()).normalize().equals(base)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The smallest snapshot found that gives the cases the same findings, as compact JSON; null if none evaluate. */
    private ObjectNode minimise(ObjectNode doc, List<Case> cs) {
        this.cases = cs;
        this.trials = 0;
        this.want = signature(doc);
        if (want == null) {
            return null;
        }
        boolean changed = true;
        for (int pass = 0; changed && pass < 4; pass++) {
            changed = false;
            for (String list : List.of("resources", "errors", "accounts")) {
                if (doc.get(list) instanceof ArrayNode a) {
                    changed |= dropElements(doc, a);
                }
            }
            for (String list : wholeResources ? List.of("errors") : List.of("resources", "accounts", "errors")) {
                if (doc.get(list) instanceof ArrayNode a) {
                    for (JsonNode e : a) {
                        if (e instanceof ObjectNode o) {
                            changed |= dropMembers(doc, o);
                        }
                    }
                }
            }
            for (String top : List.of("organization", "errors")) {
                if (doc.get(top) instanceof ObjectNode o) {
                    changed |= dropMembers(doc, o);
                }
            }
            if (doc.get("source") instanceof ObjectNode source) {
                for (String name : names(source)) {
                    if (!name.equals("note")) { // the note says where the fixture comes from
                        changed |= tryRemove(doc, source, name);
                    }
                }
            }
            for (String top : List.copyOf(names(doc))) {
                if (!IDENTITY.contains(top) && !top.equals("source") && !top.equals("accounts") && !top.equals("resources")) {
                    changed |= tryRemove(doc, doc, top);
                }
            }
        }
        if (!want.equals(signature(doc))) {
            throw new IllegalStateException("minimised fixture drifted");
        }
        return doc;
    }

    /**
     * Rewrites a fixture as a patch against a sibling in its directory when that takes at most nine tenths of its
     * lines whole: greedily, the cheapest first, at most {@link #MAX_CHAIN} patches deep, so a case reads as "that
     * case, but …".
     */
    private static Map<Path, Path> leanOnSiblings(Map<Path, ObjectNode> docs, Map<Path, String> out, Set<Path> named) {
        Map<Path, Path> same = new TreeMap<>();
        Map<Path, List<Path>> byDir = new TreeMap<>();
        docs.keySet().forEach(p -> byDir.computeIfAbsent(fixturesDir(p), k -> new ArrayList<>()).add(p));
        for (List<Path> files : byDir.values()) {
            Map<Path, Integer> depth = new LinkedHashMap<>();
            Map<String, String> memo = new java.util.HashMap<>();
            List<Path> left = new ArrayList<>(files);
            while (!left.isEmpty()) {
                Path bestFile = null;
                String best = null;
                int bestDepth = 0;
                int bestCost = Integer.MAX_VALUE;
                for (Path f : left) {
                    int whole = lines(out.get(f));
                    if (whole < bestCost) {
                        bestCost = whole;
                        bestFile = f;
                        best = out.get(f);
                        bestDepth = 0;
                    }
                    for (Map.Entry<Path, Integer> parent : depth.entrySet()) {
                        if (parent.getValue() >= MAX_CHAIN) {
                            continue;
                        }
                        String text = memo.computeIfAbsent(f + "\0" + parent.getKey(), k -> lean(f, parent.getKey(), docs));
                        int n = lines(text);
                        if (n * 10 <= whole * 9 && n < bestCost) {
                            bestCost = n;
                            bestFile = f;
                            best = text;
                            bestDepth = parent.getValue() + 1;
                        }
                    }
                }
                out.put(bestFile, best);
                depth.put(bestFile, bestDepth);
                for (Map.Entry<Path, Integer> parent : depth.entrySet()) {
                    if (!parent.getKey().equals(bestFile) && !named.contains(bestFile)
                            && docs.get(parent.getKey()).equals(docs.get(bestFile))) {
                        same.put(bestFile, same.getOrDefault(parent.getKey(), parent.getKey()));
                        depth.remove(bestFile);
                        break;
                    }
                }
                left.remove(bestFile);
            }
        }
        return same;
    }

    /** {@code file} as a patch against {@code parent}, in YAML; added resources in their short form. */
    private static String lean(Path file, Path parent, Map<Path, ObjectNode> docs) {
        ArrayNode ops = JSON.createArrayNode();
        FixtureDiff.diff(docs.get(parent), docs.get(file), JSON.createArrayNode(), ops);
        for (JsonNode op : ops) {
            if (op.path("op").asText().equals("add") && op.path("at").size() == 2 && op.path("at").get(0).asText().equals("resources")
                    && op.get("value") instanceof ObjectNode r) {
                ((ObjectNode) op).set("value", shortForm(r));
            }
        }
        ObjectNode lean = JSON.createObjectNode();
        lean.put("base", file.getParent().relativize(parent).toString().replace('\\', '/'));
        lean.set("patch", ops);
        List<String> lines = new ArrayList<>();
        block(lean, 0, lines);
        return String.join("\n", lines) + "\n";
    }

    private static final int WIDTH = 120;
    /** How many patches deep a fixture may lean on its siblings. */
    private static final int MAX_CHAIN = 3;
    private static final org.snakeyaml.engine.v2.api.Dump FLOW = new org.snakeyaml.engine.v2.api.Dump(
            org.snakeyaml.engine.v2.api.DumpSettings.builder().setDefaultFlowStyle(org.snakeyaml.engine.v2.common.FlowStyle.FLOW)
                    .setWidth(Integer.MAX_VALUE).setSplitLines(false).build());

    /**
     * The snapshot as a YAML fixture: block style, any list or map that fits in {@link #WIDTH} columns on one line,
     * and each resource in the short form {@link Fixtures} reads (account and region left to its ARN, configuration
     * members beside type and id).
     */
    static String yaml(ObjectNode doc) {
        if (doc.get("resources") instanceof ArrayNode resources) {
            for (int i = 0; i < resources.size(); i++) {
                if (resources.get(i) instanceof ObjectNode r) {
                    resources.set(i, shortForm(r));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        block(doc, 0, lines);
        return String.join("\n", lines) + "\n";
    }

    private static JsonNode shortForm(ObjectNode resource) {
        try {
            return JSON.readTree(Fixtures.shorten(resource.toString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void block(JsonNode v, int indent, List<String> lines) {
        String pad = " ".repeat(indent);
        if (v.isObject()) {
            v.fields().forEachRemaining(e -> {
                String key = flow(JSON.getNodeFactory().textNode(e.getKey())) + ":";
                JsonNode x = e.getValue();
                String f = flow(x);
                if (!x.isContainerNode() || x.isEmpty() || indent + key.length() + 1 + f.length() <= WIDTH
                        || e.getKey().equals("at")) { // a patch's address reads best as one line
                    lines.add(pad + key + " " + f);
                } else {
                    lines.add(pad + key);
                    block(x, x.isObject() ? indent + 2 : indent, lines);
                }
            });
            return;
        }
        for (JsonNode x : v) {
            String f = flow(x);
            if (!x.isContainerNode() || x.isEmpty() || indent + 2 + f.length() <= WIDTH) {
                lines.add(pad + "- " + f);
            } else {
                int at = lines.size();
                block(x, indent + 2, lines);
                lines.set(at, pad + "- " + lines.get(at).substring(indent + 2));
            }
        }
    }

    /** One value in YAML's flow style, on one line (scalars quoted as the YAML core schema needs). */
    private static String flow(JsonNode v) {
        String s = FLOW.dumpToString(JSON.convertValue(v, Object.class));
        s = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return s.endsWith("\n...") ? s.substring(0, s.length() - 4) : s;
    }

    /** Drops elements of {@code a}, halves first, then smaller runs, keeping each drop that changes nothing. */
    private boolean dropElements(ObjectNode doc, ArrayNode a) {
        boolean changed = false;
        for (int run = Math.max(1, a.size() / 2); run >= 1; run = run == 1 ? 0 : Math.max(1, run / 2)) {
            for (int i = a.size() - run; i >= 0; i--) {
                boolean named = false;
                for (int k = i; k < i + run && k < a.size(); k++) {
                    String id = a.get(k).path("id").asText();
                    named |= !id.isEmpty() && javaWords.stream().anyMatch(id::endsWith);
                }
                if (named) {
                    continue;
                }
                List<JsonNode> saved = new ArrayList<>();
                for (int k = 0; k < run && i < a.size(); k++) {
                    saved.add(a.remove(i));
                }
                if (same(doc)) {
                    changed = true;
                    i = Math.min(i, a.size() - run + 1);
                } else {
                    for (int k = saved.size() - 1; k >= 0; k--) {
                        a.insert(i, saved.get(k));
                    }
                }
            }
        }
        return changed;
    }

    /** Drops members of {@code o} (not its identity), and inside the members it must keep, what those do not need. */
    private boolean dropMembers(ObjectNode doc, ObjectNode o) {
        boolean changed = false;
        for (String name : List.copyOf(names(o))) {
            if (IDENTITY.contains(name)) {
                continue;
            }
            if (tryRemove(doc, o, name)) {
                changed = true;
                continue;
            }
            JsonNode v = o.get(name);
            if (WHOLE.contains(name) || v.has("Statement")) {
                continue;
            }
            if (v instanceof ObjectNode inner) {
                changed |= dropMembers(doc, inner);
            } else if (v instanceof ArrayNode a) {
                changed |= dropElements(doc, a);
                for (JsonNode e : a) {
                    if (e instanceof ObjectNode inner && !e.has("Statement")) {
                        changed |= dropMembers(doc, inner);
                    }
                }
            }
        }
        return changed;
    }

    /** Removes member {@code name} of {@code o} if nothing changes without it; restores it in place otherwise. */
    private boolean tryRemove(ObjectNode doc, ObjectNode o, String name) {
        Map<String, JsonNode> saved = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> saved.put(e.getKey(), e.getValue()));
        o.remove(name);
        if (same(doc)) {
            return true;
        }
        o.removeAll();
        saved.forEach(o::set);
        return false;
    }

    private static List<String> names(ObjectNode o) {
        List<String> out = new ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private boolean same(ObjectNode doc) {
        trials++;
        return want.equals(signature(doc));
    }

    /** What the cases report on {@code doc}, as text; null when it is not a valid snapshot or evaluation fails. */
    private String signature(JsonNode doc) {
        Snapshot s;
        try {
            s = Snapshot.parse(Json.compact(doc), "fixture");
        } catch (RuntimeException e) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        try {
            for (Case c : cases) {
                List<Finding> findings = new RuleRunner(s.index()).run(c.rule(), c.params());
                for (Finding f : findings) {
                    if (f.status() == Status.NOT_APPLICABLE && !listed(c.test(), f)) {
                        continue;
                    }
                    b.append(c.rule().id()).append('#').append(c.index()).append(' ').append(f.status()).append(' ')
                            .append(f.resource()).append('\n').append(f.message()).append('\n').append(f.evidence())
                            .append('\n').append(f.unknown()).append('\n').append(f.fix()).append('\n')
                            .append(proof(s, c, f)).append('\n');
                }
                // what FixProofTest holds: each fix proven with the whole pack, no other finding newly failing
                ScanResult all = c.engine().scan(pack, s);
                for (Finding f : all.findings()) {
                    if (f.ruleId().equals(c.rule().id()) && f.status() == Status.FAIL && f.fix() != null && f.fix().isProvable()) {
                        FixProof p = c.engine().proveFix(pack, s, f, all);
                        b.append("proof ").append(f.resource().id()).append(p.proven()).append(p.after());
                        p.newFailures().forEach(n -> b.append(' ').append(n.ruleId()).append(n.resource().id()).append(n.message()));
                        b.append('\n');
                    }
                }
                // what FixOutputTest holds: every command of the whole pack's fixes runs as printed
                for (FixCommand cmd : FixCommands.of(all)) {
                    List<String> wrong = FixOutputTest.check(cmd);
                    if (!wrong.isEmpty()) {
                        b.append("command ").append(wrong).append(cmd.line()).append('\n');
                    }
                }
                if (javaRules != null) {
                    all.findings().stream().filter(f -> javaRules.contains(f.ruleId())).forEach(f -> b.append(f.ruleId())
                            .append(' ').append(f.status()).append(' ').append(f.resource().id()).append(' ')
                            .append(f.message()).append('\n'));
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return b.toString();
    }

    /** The rule's results after the fix's changes, for the resource and what the fix creates. */
    private static String proof(Snapshot s, Case c, Finding f) {
        if (f.status() != Status.FAIL || f.fix() == null || !f.fix().isProvable()) {
            return "";
        }
        Snapshot patched;
        try {
            patched = s.withChanges(f.fix().changes());
        } catch (IllegalArgumentException e) {
            return "does not apply: " + e.getMessage();
        }
        RuleRunner runner = new RuleRunner(patched.index());
        StringBuilder b = new StringBuilder();
        for (Change ch : f.fix().changes()) {
            if (ch instanceof Change.Create && ch.target().type().equals(f.resource().type())) {
                runner.run(c.rule(), c.params(), ch.target()).forEach(r -> b.append(r.status()).append(r.message()));
            }
        }
        runner.run(c.rule(), c.params(), f.resource()).forEach(r -> b.append(r.status()).append(r.message()));
        return b.toString();
    }

    /** Whether the case names the finding's resource (or expects NOT_APPLICABLE of every resource). */
    private static boolean listed(RuleTest t, Finding f) {
        if (t.expectAll() != null) {
            return t.expectAll() == Status.NOT_APPLICABLE;
        }
        String r = f.resource().id();
        return t.expectByStatus().values().stream().flatMap(List::stream)
                .anyMatch(id -> r.equals(id) || r.endsWith("/" + id) || r.endsWith(":" + id));
    }

    /** The text of each of the rules module's Java tests, to find the fixtures they name and the rules they look at. */
    private static Map<Path, String> javaTestSources() throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(Path.of("rules/src/test/java"))) {
            for (Path p : s.filter(p -> p.toString().endsWith("Test.java")).toList()) {
                out.put(p, Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static int lines(String text) {
        return (int) text.chars().filter(c -> c == '\n').count() + (text.endsWith("\n") || text.isEmpty() ? 0 : 1);
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
