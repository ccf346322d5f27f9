package io.trailguard.core;

import io.trailguard.core.dsl.NamedConditions;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.RuleParser;
import io.trailguard.core.engine.RuleExplainer;
import io.trailguard.core.relation.RelationSet;
import io.trailguard.core.relation.Relations;
import io.trailguard.core.relation.RelationsFile;
import io.trailguard.core.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A set of parsed, validated rules with unique ids, loaded from rule files ({@code *.yaml}, {@code *.yml}).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class RulePack {
    private final Map<String, RuleDefinition> rules;

    private RulePack(Map<String, RuleDefinition> rules) {
        this.rules = rules;
    }

    /** An empty pack. */
    public static RulePack empty() {
        return new RulePack(Map.of());
    }

    /**
     * Loads rule files: each path is a rule file or a directory searched recursively (skipping directories named
     * {@code fixtures}). Every file is parsed, and all problems of all files are reported together. Files named
     * {@code conditions.yaml} hold the named conditions the rules may use ({@link NamedConditions}); a
     * {@code relations.yaml} among them or in a directory above declares relations the rules may follow.
     *
     * @throws InvalidInputException naming the file, line and column of each problem
     */
    public static RulePack load(List<Path> paths) {
        List<Problem> problems = new ArrayList<>();
        Map<String, RuleDefinition> out = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(ruleFiles(p, problems));
        }
        NamedConditions named = namedConditions(paths, files, problems);
        RelationSet relations = relations(paths, files, problems);
        for (Path file : files) {
            if (NamedConditions.isConditionsFile(file.toString()) || isRelationsFile(file)) {
                continue;
            }
            try {
                String text = io.trailguard.core.diag.InputFiles.readUtf8(file, "the rule file");
                List<Problem> types = resourceTypeProblems(file.toString(), text);
                RuleDefinition r;
                try {
                    r = RuleParser.parse(io.trailguard.core.yaml.SafeYaml.parse(file.toString(), text), file, named,
                            relations);
                } finally {
                    problems.addAll(types); // named first, and even when the rest cannot be parsed for the type
                }
                if (!types.isEmpty()) {
                    continue;
                }
                RuleDefinition prev = out.putIfAbsent(r.id(), r);
                if (prev != null) {
                    problems.add(new Problem(file.toString(), 0, 0, "duplicate rule id " + r.id()
                            + ": also defined in " + prev.file(), null));
                }
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new RulePack(sorted(out));
    }

    private static boolean isRelationsFile(Path file) {
        return file.getFileName().toString().equals(RelationsFile.FILE_NAME);
    }

    /**
     * The built-in relations plus those declared in the relations files among the rule files and in the directories
     * above each path (so a rule file or a sub-directory validated alone sees its pack's), outermost first. A file of
     * that name above the paths without {@code relations:} is not ours and is left alone.
     */
    private static RelationSet relations(List<Path> paths, List<Path> files, List<Problem> problems) {
        java.util.Set<Path> declared = new java.util.LinkedHashSet<>();
        for (Path p : paths) {
            List<Path> above = new ArrayList<>();
            for (Path dir = p.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
                Path f = dir.resolve(RelationsFile.FILE_NAME);
                if (Files.isRegularFile(f) && declaresRelations(f)) {
                    above.add(0, f);
                }
            }
            declared.addAll(above);
        }
        for (Path f : files) {
            if (isRelationsFile(f)) {
                declared.add(f.toAbsolutePath().normalize());
            }
        }
        RelationSet out = Relations.builtin();
        for (Path f : declared) {
            try {
                out = RelationsFile.load(f.toString(), io.trailguard.core.diag.InputFiles.readUtf8(f, "the relations file"), out);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        return out;
    }

    private static boolean declaresRelations(Path f) {
        try {
            return io.trailguard.core.yaml.SafeYaml.parse(f.toString(),
                    io.trailguard.core.diag.InputFiles.readUtf8(f, "the relations file")).root().has("relations");
        } catch (InvalidInputException notOurs) {
            return false; // a file above the rule directory that is not YAML is someone else's
        }
    }

    /**
     * The named conditions the rules of these paths may use: the {@code conditions.yaml} files among them, and those
     * of the directories above each path (so a rule file or a sub-directory validated alone sees its pack's). A file of
     * that name above the paths that is not a conditions file is not ours and is left alone.
     */
    private static NamedConditions namedConditions(List<Path> paths, List<Path> files, List<Problem> problems) {
        Map<Path, io.trailguard.core.yaml.YamlDocument> docs = new LinkedHashMap<>();
        for (Path p : paths) {
            for (Path dir = p.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
                for (String name : NamedConditions.FILE_NAMES) {
                    Path f = dir.resolve(name);
                    if (Files.isRegularFile(f) && !docs.containsKey(f)) {
                        try {
                            io.trailguard.core.yaml.YamlDocument d = io.trailguard.core.yaml.SafeYaml.parse(f.toString(),
                                    io.trailguard.core.diag.InputFiles.readUtf8(f, "the conditions file"));
                            if (NamedConditions.isDefinitions(d.root())) {
                                docs.put(f, d);
                            }
                        } catch (InvalidInputException notOurs) {
                            // a file above the rule directory that is not YAML is someone else's
                        }
                    }
                }
            }
        }
        for (Path f : files) {
            Path key = f.toAbsolutePath().normalize();
            if (NamedConditions.isConditionsFile(f.toString()) && !docs.containsKey(key)) {
                try {
                    docs.put(key, io.trailguard.core.yaml.SafeYaml.parse(f.toString(),
                            io.trailguard.core.diag.InputFiles.readUtf8(f, "the conditions file")));
                } catch (InvalidInputException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        return NamedConditions.parse(List.copyOf(docs.values()), problems);
    }

    /** The misspelt resource types of a rule file; none when it is not even YAML (the parser says so). */
    private static List<Problem> resourceTypeProblems(String source, String text) {
        try {
            return io.trailguard.core.dsl.ResourceTypes.check(io.trailguard.core.yaml.SafeYaml.parse(source, text));
        } catch (InvalidInputException notYaml) {
            return List.of();
        }
    }

    /** Loads rule files from the given files or directories. */
    public static RulePack load(Path... paths) {
        return load(List.of(paths));
    }

    /**
     * Parses rules already read into trees, such as the built-in pack precompiled at build time: the same checks as
     * {@link #load(List)}; the rules have no file.
     *
     * @throws InvalidInputException naming the source, line and column of each problem
     */
    public static RulePack parse(List<YamlDocument> documents) {
        List<Problem> problems = new ArrayList<>();
        Map<String, RuleDefinition> out = new LinkedHashMap<>();
        NamedConditions named = NamedConditions.parse(
                documents.stream().filter(d -> NamedConditions.isConditionsFile(d.source())).toList(), problems);
        for (YamlDocument doc : documents) {
            if (NamedConditions.isConditionsFile(doc.source())) {
                continue;
            }
            try {
                RuleDefinition r = RuleParser.parse(doc, null, named);
                problems.addAll(io.trailguard.core.dsl.ResourceTypes.check(doc));
                if (out.putIfAbsent(r.id(), r) != null) {
                    problems.add(new Problem(doc.source(), 0, 0, "duplicate rule id " + r.id(), null));
                }
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new RulePack(sorted(out));
    }

    /** Parses one rule from text; {@code source} names it in messages. */
    public static RulePack parse(String source, String yaml) {
        RuleDefinition r = RuleParser.parse(source, yaml, null);
        return new RulePack(Map.of(r.id(), r));
    }

    private static List<Path> ruleFiles(Path p, List<Problem> problems) {
        if (!Files.exists(p)) {
            problems.add(new Problem(p.toString(), 0, 0, "no such file or directory", null));
            return List.of();
        }
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> {
                        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".yaml") || n.endsWith(".yml");
                    })
                    .filter(f -> !p.relativize(f).toString().replace('\\', '/').matches("(.*/)?fixtures/.*"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(new Problem(p.toString(), 0, 0, "cannot list: " + e.getMessage(), null));
            return List.of();
        }
    }

    private static Map<String, RuleDefinition> sorted(Map<String, RuleDefinition> rules) {
        Map<String, RuleDefinition> out = new LinkedHashMap<>();
        rules.values().stream().sorted((a, b) -> compareIds(a.id(), b.id())).forEach(r -> out.put(r.id(), r));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Orders CT-2 before CT-10: prefix, then number. */
    static int compareIds(String a, String b) {
        String pa = withoutNumber(a);
        String pb = withoutNumber(b);
        int c = pa.compareTo(pb);
        if (c != 0) {
            return c;
        }
        String na = a.substring(pa.length()).replace("-", "");
        String nb = b.substring(pb.length()).replace("-", "");
        if (!na.isEmpty() && !nb.isEmpty()) {
            return Long.compare(Long.parseLong(na), Long.parseLong(nb));
        }
        return a.compareTo(b);
    }

    /** The id without its trailing number and the '-' before it ("CT-10" → "CT"); no regex, this runs at start-up. */
    static String withoutNumber(String id) {
        int i = id.length();
        while (i > 0 && id.charAt(i - 1) >= '0' && id.charAt(i - 1) <= '9') {
            i--;
        }
        if (i < id.length() && i > 0 && id.charAt(i - 1) == '-') {
            i--;
        }
        return id.substring(0, i);
    }

    /** This pack and another; an id defined in both is an error. */
    public RulePack with(RulePack other) {
        Map<String, RuleDefinition> out = new LinkedHashMap<>(rules);
        List<Problem> problems = new ArrayList<>();
        for (RuleDefinition r : other.rules.values()) {
            RuleDefinition prev = out.putIfAbsent(r.id(), r);
            if (prev != null) {
                problems.add(new Problem(String.valueOf(r.file()), 0, 0, "duplicate rule id " + r.id()
                        + ": also defined in " + (prev.file() != null ? prev.file() : "the built-in pack"), null));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new RulePack(sorted(out));
    }

    /** The rules a predicate accepts. */
    public RulePack filter(Predicate<RuleInfo> keep) {
        Map<String, RuleDefinition> out = new LinkedHashMap<>();
        rules.values().stream().filter(r -> keep.test(info(r))).forEach(r -> out.put(r.id(), r));
        return new RulePack(java.util.Collections.unmodifiableMap(out));
    }

    /** The rules, ordered by id. */
    public List<RuleInfo> rules() {
        return rules.values().stream().map(RulePack::info).toList();
    }

    public int size() {
        return rules.size();
    }

    public Optional<RuleInfo> find(String id) {
        return Optional.ofNullable(rules.get(id)).map(RulePack::info);
    }

    /** A plain-text explanation of a rule: what it checks, how, with which relations, parameters and fix. */
    public Optional<String> explain(String id) {
        return Optional.ofNullable(rules.get(id)).map(RuleExplainer::explain);
    }

    /** The parsed rules. Implementation detail of the engine; not for library users. */
    public List<RuleDefinition> definitions() {
        return List.copyOf(rules.values());
    }

    static RuleInfo info(RuleDefinition r) {
        List<RuleInfo.Param> params = r.params().values().stream()
                .map(p -> new RuleInfo.Param(p.name(), p.type().name().toLowerCase(Locale.ROOT),
                        p.defaultValue() == null ? null : p.defaultValue().toString(), p.description()))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
        return new RuleInfo(r.id(), r.title(), r.severity(), r.scope().name().toLowerCase(Locale.ROOT),
                r.resourceTypes(), r.description(), r.references(), params, r.fix() != null,
                r.fix() != null && !r.fix().changes().isEmpty(), r.tests().size(),
                r.file() == null ? "(inline)" : r.file().toString());
    }
}
