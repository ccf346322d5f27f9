package io.trailguard.core.relation;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.InvalidInputException;
import io.trailguard.core.Problem;
import io.trailguard.core.diag.Suggestions;
import io.trailguard.core.yaml.Position;
import io.trailguard.core.yaml.SafeYaml;
import io.trailguard.core.yaml.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads relations.yaml: the built-in one (core's resources) and a user's, beside their rules. Every problem is
 * reported with the file, line and column, together. The form is described at the top of the built-in file.
 *
 * @since 0.3.0
 */
public final class RelationsFile {
    /** The name of the file that declares relations, in core's resources and in a user's rule directory. */
    public static final String FILE_NAME = "relations.yaml";
    static final String RESOURCE = "/io/trailguard/core/relation/" + FILE_NAME;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Set<String> RELATION_KEYS = Set.of("name", "from", "to", "description", "forward", "inverse",
            "chain", "union", "unpack", "algorithm", "gap", "sought");
    private static final List<String> JOINS = List.of("forward", "inverse", "chain", "union", "unpack", "algorithm");
    private static final Set<String> FORWARD_KEYS = Set.of("by", "key", "what", "none", "region", "account");
    private static final Set<String> UNPACK_KEYS = Set.of("array", "id", "name", "otherwise", "inherit", "parent");
    private static final Set<String> GAP_KEYS = Set.of("field", "notFound");
    private static final List<String> KEY_KINDS = List.of("id", "bucketName", "kmsKey", "logGroup", "field:NAME",
            "account", "accountRegion");

    private final YamlDocument doc;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Relation> relations;

    private RelationsFile(YamlDocument doc, RelationSet base) {
        this.doc = doc;
        this.relations = new ArrayList<>(base.all());
    }

    /** The built-in relations. */
    static RelationSet builtin() {
        String text;
        try (InputStream in = RelationsFile.class.getResourceAsStream(RESOURCE)) {
            text = new String(Objects.requireNonNull(in, RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return read(SafeYaml.parse(FILE_NAME, text), new RelationSet(List.of()), true);
    }

    /**
     * The relations of {@code base} plus those a user's relations.yaml declares.
     *
     * @param source the file name for messages
     * @throws InvalidInputException naming the file, line and column of each problem
     */
    public static RelationSet load(String source, String text, RelationSet base) {
        return read(SafeYaml.parse(source, text), base, false);
    }

    private static RelationSet read(YamlDocument doc, RelationSet base, boolean builtin) {
        RelationsFile f = new RelationsFile(doc, base);
        f.run(builtin);
        if (!f.problems.isEmpty()) {
            throw new InvalidInputException(f.problems);
        }
        return new RelationSet(f.relations);
    }

    private void run(boolean builtin) {
        JsonNode root = doc.root();
        if (!root.isObject()) {
            problem("", "expected a mapping with 'relations': a list of relations");
            return;
        }
        unknownKeys(root, "", builtin ? Set.of("types", "relations") : Set.of("relations"), "a relations file");
        JsonNode list = root.get("relations");
        if (list == null || !list.isArray()) {
            problem(list == null ? "" : "/relations", "expected 'relations': a list of {name, from, to, description, "
                    + "and one of " + String.join(", ", JOINS) + "}");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            relation(list.get(i), "/relations/" + i);
        }
    }

    private void relation(JsonNode n, String ptr) {
        if (!n.isObject()) {
            problem(ptr, "expected a relation {name, from, to, description, and one of " + String.join(", ", JOINS) + "}");
            return;
        }
        unknownKeys(n, ptr, RELATION_KEYS, "a relation");
        String name = text(n, "name", ptr);
        if (name != null && !NAME.matcher(name).matches()) {
            problem(ptr + "/name", "bad relation name '" + name + "': expected letters and digits, such as alarmTopics");
        }
        List<String> from = texts(n, "from", ptr, "a resource type or a list of types");
        String to = text(n, "to", ptr);
        String description = text(n, "description", ptr);
        List<String> joins = JOINS.stream().filter(n::has).toList();
        if (joins.size() != 1) {
            problem(ptr, "expected exactly one of " + String.join(", ", JOINS) + (joins.isEmpty() ? "" : ", found "
                    + String.join(" and ", joins)));
            return;
        }
        if (name == null || to == null || description == null || from.isEmpty()) {
            return;
        }
        Join.Template sought = n.hasNonNull("sought") ? new Join.Template(n.get("sought").asText()) : null;
        String source = doc.source() + ":" + doc.valueAt(ptr).line() + ":" + doc.valueAt(ptr).column();
        for (String type : from) {
            for (Relation r : relations) {
                if (r.name().equals(name) && r.fromType().equals(type)) {
                    problem(ptr + "/name", "relation '" + name + "' from " + type + " is already declared (" + r.source() + ")");
                }
            }
            Join join = join(n, ptr, type, to, sought);
            if (join != null) {
                relations.add(new Relation(name, type, to, description.replaceAll("\\s+", " ").strip(), join, source));
            }
        }
    }

    /** The one join of a relation (or of a part of a union) from subjects of {@code type}. */
    private Join join(JsonNode n, String ptr, String type, String to, Join.Template sought) {
        Join.Gap gap = gap(n.get("gap"), ptr + "/gap");
        if (n.has("forward")) {
            return forward(n.get("forward"), ptr + "/forward", to, gap, sought);
        }
        if (n.has("inverse")) {
            String of = text(n, "inverse", ptr);
            Relation r = of == null ? null : known(of, to, ptr + "/inverse");
            if (r != null && !r.toType().equals(type)) {
                problem(ptr + "/inverse", "'" + of + "' from " + to + " leads to " + r.toType() + ", not " + type);
                return null;
            }
            return r == null ? null : new Join.Inverse(r, required(sought, ptr));
        }
        if (n.has("chain")) {
            JsonNode c = n.get("chain");
            if (!c.isArray() || c.size() < 2) {
                problem(ptr + "/chain", "expected a list of two or more relation names");
                return null;
            }
            List<Relation> steps = new ArrayList<>();
            String at = type;
            for (int i = 0; i < c.size(); i++) {
                Relation r = known(c.get(i).asText(), at, ptr + "/chain/" + i);
                if (r == null) {
                    return null;
                }
                steps.add(r);
                at = r.toType();
            }
            if (!at.equals(to)) {
                problem(ptr + "/chain", "the chain leads to " + at + ", not " + to);
                return null;
            }
            return new Join.Chain(steps, sought);
        }
        if (n.has("union")) {
            JsonNode u = n.get("union");
            if (!u.isArray() || u.size() < 2) {
                problem(ptr + "/union", "expected a list of two or more joins");
                return null;
            }
            List<Join> parts = new ArrayList<>();
            for (int i = 0; i < u.size(); i++) {
                String p = ptr + "/union/" + i;
                JsonNode part = u.get(i);
                unknownKeys(part, p, Set.of("forward", "inverse", "chain", "unpack", "gap"), "a part of a union");
                Join j = join(part, p, type, to, required(sought, ptr));
                if (j == null) {
                    return null;
                }
                parts.add(j);
            }
            return new Join.Union(parts, required(sought, ptr));
        }
        if (n.has("unpack")) {
            return unpack(n.get("unpack"), ptr + "/unpack", to, gap, required(sought, ptr));
        }
        String a = text(n, "algorithm", ptr);
        if (a == null) {
            return null;
        }
        Algorithm algorithm = Algorithm.named(a, (name, from) -> {
            Relation r = known(name, from, ptr + "/algorithm");
            return r;
        });
        if (algorithm == null) {
            problem(ptr + "/algorithm", "unknown algorithm '" + a + "': expected one of "
                    + String.join(", ", Algorithm.NAMES) + Suggestions.hint(a, Algorithm.NAMES));
            return null;
        }
        return new Join.Computed(algorithm);
    }

    private Join forward(JsonNode f, String ptr, String to, Join.Gap gap, Join.Template sought) {
        if (!f.isObject()) {
            problem(ptr, "expected {by: FIELD, key: KIND}");
            return null;
        }
        unknownKeys(f, ptr, FORWARD_KEYS, "a forward join");
        List<String> by = texts(f, "by", ptr, "a field path (A.B, A[].B), @accountId or @subject, or a list of them");
        if (by.isEmpty()) {
            return null;
        }
        String kind = text(f, "key", ptr);
        if (kind == null) {
            return null;
        }
        String field = null;
        KeyKind key = null;
        if (kind.startsWith("field:") && kind.length() > "field:".length()) {
            key = KeyKind.FIELD;
            field = kind.substring("field:".length());
        } else {
            for (KeyKind k : KeyKind.values()) {
                if (k != KeyKind.FIELD && k.yamlName().equals(kind)) {
                    key = k;
                }
            }
        }
        if (key == null) {
            problem(ptr + "/key", "unknown key kind '" + kind + "': expected one of " + String.join(", ", KEY_KINDS)
                    + Suggestions.hint(kind, KEY_KINDS));
            return null;
        }
        String what = f.hasNonNull("what") ? f.get("what").asText() : null;
        Join.Forward out = new Join.Forward(to, by, key, field, what, f.hasNonNull("none") ? f.get("none").asText() : null,
                f.hasNonNull("region") ? f.get("region").asText() : null,
                f.hasNonNull("account") ? f.get("account").asText() : null, gap, sought);
        if (key == KeyKind.BUCKET_NAME && what == null) {
            problem(ptr, "a bucketName join needs 'what': the noun evidence names the bucket with, such as bucket");
        }
        if (by.stream().anyMatch(p -> p.contains("[]")) && sought == null) {
            required(null, ptr.substring(0, ptr.lastIndexOf('/')));
        }
        if (what == null && sought == null) {
            problem(ptr, "expected 'what' (the noun of one lookup, such as topic) or the relation's 'sought'");
        }
        return out;
    }

    private Join unpack(JsonNode u, String ptr, String to, Join.Gap gap, Join.Template sought) {
        if (!u.isObject()) {
            problem(ptr, "expected {array: FIELD, id: TEXT, name: FIELD, otherwise: TEXT}");
            return null;
        }
        unknownKeys(u, ptr, UNPACK_KEYS, "an unpack join");
        String array = text(u, "array", ptr);
        String id = text(u, "id", ptr);
        String name = text(u, "name", ptr);
        String otherwise = text(u, "otherwise", ptr);
        Map<String, String> inherit = new LinkedHashMap<>();
        u.path("inherit").fields().forEachRemaining(e -> inherit.put(e.getKey(), e.getValue().asText()));
        if (array == null || id == null || name == null || otherwise == null || sought == null) {
            return null;
        }
        return new Join.Unpack(to, array, id, name, otherwise, inherit,
                u.hasNonNull("parent") ? u.get("parent").asText() : null, gap, sought);
    }

    private Join.Gap gap(JsonNode g, String ptr) {
        if (g == null) {
            return Join.Gap.NONE;
        }
        if (!g.isObject()) {
            problem(ptr, "expected {field: FIELD, notFound: unknown}");
            return Join.Gap.NONE;
        }
        unknownKeys(g, ptr, GAP_KEYS, "a gap");
        String notFound = g.hasNonNull("notFound") ? g.get("notFound").asText() : null;
        if (notFound != null && !notFound.equals("unknown")) {
            problem(ptr + "/notFound", "expected 'unknown' (a reference not found is unknown, not absent), found '"
                    + notFound + "'");
        }
        return new Join.Gap(g.hasNonNull("field") ? g.get("field").asText() : null, notFound != null);
    }

    /** The relation of that name from a type, declared before (here or in the base), else a problem. */
    private Relation known(String name, String from, String ptr) {
        for (Relation r : relations) {
            if (r.name().equals(name) && r.fromType().equals(from)) {
                return r;
            }
        }
        List<String> names = relations.stream().filter(r -> r.fromType().equals(from)).map(Relation::name)
                .distinct().toList();
        problem(ptr, "unknown relation '" + name + "' for " + from + " (a relation names those declared before it)"
                + Suggestions.hint(name, names) + (names.isEmpty() ? "" : "; known: " + String.join(", ", names)));
        return null;
    }

    private Join.Template required(Join.Template sought, String ptr) {
        if (sought == null) {
            problem(ptr, "missing required key 'sought': what evidence says was looked for, such as "
                    + "\"SNS topics notified by {id}\"");
        }
        return sought;
    }

    /** A text or a non-empty list of texts, else a problem and an empty list. */
    private List<String> texts(JsonNode parent, String key, String ptr, String expected) {
        JsonNode v = parent.get(key);
        List<String> out = new ArrayList<>();
        if (v != null && v.isTextual()) {
            out.add(v.asText());
        } else if (v != null && v.isArray() && !v.isEmpty()) {
            v.forEach(x -> out.add(x.asText()));
        } else {
            problem(v == null ? ptr : ptr + "/" + key, "expected '" + key + "': " + expected);
        }
        return out;
    }

    private String text(JsonNode parent, String key, String ptr) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            problem(ptr, "missing required key '" + key + "'");
            return null;
        }
        if (!v.isTextual()) {
            problem(ptr + "/" + key, "expected text, found " + v);
            return null;
        }
        return v.asText();
    }

    private void unknownKeys(JsonNode n, String ptr, Set<String> allowed, String what) {
        n.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problems.add(doc.problem(doc.keyAt(ptr + "/" + k), "unknown key '" + k + "' in " + what
                        + Suggestions.hint(k, allowed) + "; expected " + String.join(", ", allowed.stream().sorted().toList())));
            }
        });
    }

    private void problem(String ptr, String message) {
        Position pos = doc.valueAt(ptr);
        problems.add(doc.problem(pos, message));
    }
}
