package io.trailguard.core.relation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.snapshot.CollectionGaps;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a relation finds its resources: the closed set of joins relations.yaml declares relations with. Each says
 * when its answer may be incomplete because something was not collected (its gap), so that a rule answers UNKNOWN
 * rather than "nothing". Immutable.
 *
 * @since 0.3.0
 */
public sealed interface Join {
    /** What the join finds from a subject. */
    RelationResult resolve(SnapshotIndex ix, ResourceNode subject);

    /** True when it may find several resources. */
    boolean many();

    /** The join in a few words, for the DSL reference. */
    String summary();

    /**
     * The fields it reads, with the JSON type AWS returns for each ({@link ReferenceFields}: a wrong-typed one makes
     * the relation incomplete, {@code WRONG_TYPE}).
     *
     * @param fromType the subject type
     */
    Reads reads(String fromType);

    /**
     * The resources a field of the subject names.
     *
     * @param toType   the type of the resources
     * @param by       where the value is: a field path ({@code A.B}, {@code A[].B} for every element of an array),
     *                 {@code @accountId} or {@code @subject}; several are alternatives, the first present is used
     * @param key      how the value names resources
     * @param field    for {@link KeyKind#FIELD}, the field of the targets that holds the value
     * @param what     the noun of one lookup in evidence ("bucket"), or {@code null}
     * @param none     what evidence says when the subject names nothing, or {@code null}
     * @param region   a field whose value is the region a bare name is in ({@code $.F} of the subject, else of the
     *                 array element), or {@code null} for the subject's region
     * @param account  a field of the array element naming the account the resource belongs to, or {@code null}
     * @param gap      what collection gaps make it incomplete besides the key kind's listing
     * @param sought   what evidence says was looked for, or {@code null} for the lookup's own words
     */
    record Forward(String toType, List<String> by, KeyKind key, String field, String what, String none, String region,
                   String account, Gap gap, Template sought) implements Join {
        public Forward {
            by = List.copyOf(by);
        }

        @Override
        public boolean many() {
            return !key.unique() || by.stream().anyMatch(p -> p.contains("[]"));
        }

        @Override
        public String summary() {
            return "forward by `" + String.join("` else `", by) + "` (" + key.yamlName()
                    + (field != null ? ":" + field : "") + ")";
        }

        /** The subject's {@code by} fields, strings; for {@code field:NAME}, also NAME of every resource of the type. */
        @Override
        public Reads reads(String fromType) {
            return new Reads(by.stream().filter(p -> !p.startsWith("@"))
                    .map(p -> new Reads.Field(fromType, p, Reads.Kind.STRING)).toList(),
                    key == KeyKind.FIELD ? List.of(new Reads.Field(toType, field, Reads.Kind.STRING)) : List.of());
        }

        @Override
        public RelationResult resolve(SnapshotIndex ix, ResourceNode subject) {
            String path = by.get(0);
            for (String p : by) {
                if (!values(subject, p).isEmpty()) {
                    path = p;
                    break;
                }
            }
            List<Value> values = values(subject, path);
            UnknownReason fieldGap = gap.field() == null ? null : ix.gaps().fieldGap(subject, gap.field()).orElse(null);
            if (!path.contains("[]")) {
                String text = sought == null ? null : sought.render(subject);
                if (values.isEmpty()) {
                    return new RelationResult(List.of(), fieldGap, none != null ? none : text);
                }
                RelationResult one = lookup(ix, subject, values.get(0), text);
                return fieldGap == null ? one : new RelationResult(one.found(), fieldGap, one.sought());
            }
            List<RelationResult> parts = new ArrayList<>();
            for (Value v : values) {
                parts.add(lookup(ix, subject, v, null));
            }
            return RelationResult.merge(fieldGap, parts, sought.render(subject));
        }

        /** A value and the node it was read from (the array element, else the subject's configuration). */
        private record Value(String text, JsonNode element) {
        }

        private static List<Value> values(ResourceNode subject, String path) {
            List<Value> out = new ArrayList<>();
            switch (path) {
                case "@accountId", "@subject" -> out.add(new Value(subject.accountId(), subject.configuration()));
                default -> collect(subject.configuration(), subject.configuration(), path.split("\\."), 0, out);
            }
            return out;
        }

        private static void collect(JsonNode node, JsonNode element, String[] parts, int i, List<Value> out) {
            if (i == parts.length) {
                if (node.isValueNode() && !node.isNull()) {
                    out.add(new Value(node.asText(), element));
                }
                return;
            }
            String part = parts[i];
            if (part.endsWith("[]")) {
                for (JsonNode e : node.path(part.substring(0, part.length() - 2))) {
                    collect(e, e, parts, i + 1, out);
                }
            } else {
                collect(node.path(part), element, parts, i + 1, out);
            }
        }

        private String regionOf(ResourceNode subject, JsonNode element) {
            if (region != null) {
                JsonNode v = region.startsWith("$.") ? at(subject.configuration(), region.substring(2))
                        : at(element, region);
                if (v.isValueNode() && !v.isNull()) {
                    return v.asText();
                }
            }
            return subject.region().equals("global") && key == KeyKind.FIELD ? null : subject.region();
        }

        private RelationResult lookup(SnapshotIndex ix, ResourceNode subject, Value v, String relationSought) {
            String value = v.text();
            String arnAccount = SnapshotIndex.accountOfArn(value);
            String arnRegion = SnapshotIndex.regionOfArn(value);
            String sought = what != null ? what + " " + value : relationSought;
            switch (key) {
                case FIELD -> {
                    return new RelationResult(ix.withField(toType, field, value),
                            ix.gaps().typeGap(toType, subject.accountId(), regionOf(subject, v.element())).orElse(null),
                            sought);
                }
                case ACCOUNT, ACCOUNT_REGION -> {
                    boolean ofSubject = by.contains("@subject") || by.contains("@accountId");
                    String account = ofSubject ? subject.accountId() : arnAccount;
                    String region = key == KeyKind.ACCOUNT ? null : ofSubject ? subject.region() : arnRegion;
                    if (what != null) {
                        sought = what + " " + account + (key == KeyKind.ACCOUNT ? "" : "/" + region);
                    }
                    if (account == null || (key == KeyKind.ACCOUNT_REGION && region == null)) {
                        return RelationResult.of(List.of(), "no account or region");
                    }
                    if (!ix.coversAccount(account)) {
                        return new RelationResult(List.of(), new UnknownReason(UnknownReason.Code.OUT_OF_SCOPE_ACCOUNT,
                                sought + ": the snapshot does not cover account " + account), sought);
                    }
                    List<ResourceNode> found = region == null ? ix.ofType(toType, account)
                            : ix.ofType(toType, account, region);
                    return new RelationResult(found, ix.gaps().typeGap(toType, account, region).orElse(null), sought);
                }
                case BUCKET_NAME -> {
                    String name = value.startsWith("arn:") ? value.substring(value.lastIndexOf(':') + 1) : value;
                    sought = what + " " + name;
                    ResourceNode b = key.lookup(ix, toType, name, null, null);
                    if (b != null) {
                        return RelationResult.of(List.of(b), sought);
                    }
                    String owner = account == null ? null : at(v.element(), account).asText(null);
                    if (owner != null && !ix.coversAccount(owner)) {
                        return new RelationResult(List.of(), outOfScope(sought, owner), sought);
                    }
                    UnknownReason gap = ix.gaps().anyTypeGap(toType).orElse(!this.gap.notFoundUnknown() ? null
                            : new UnknownReason(UnknownReason.Code.NOT_IN_SNAPSHOT, sought + " is not in the snapshot: "
                                    + "it belongs to an account the snapshot does not cover, or it does not exist"));
                    return new RelationResult(List.of(), gap, sought);
                }
                default -> {
                    if (value.startsWith("arn:")) {
                        String service = value.split(":", 4).length > 2 ? value.split(":", 4)[2] : "";
                        if (!CollectionGaps.service(toType).map(service::equals).orElse(true)) {
                            return RelationResult.of(List.of(), sought); // an ARN of another service names nothing here
                        }
                    }
                    String account = arnAccount != null ? arnAccount : subject.accountId();
                    String region = arnRegion != null ? arnRegion : regionOf(subject, v.element());
                    ResourceNode r = key.lookup(ix, toType, value, account, region);
                    if (r != null) {
                        return RelationResult.of(List.of(r), sought);
                    }
                    if (value.startsWith("arn:") && key != KeyKind.KMS_KEY) {
                        account = arnAccount;
                        region = arnRegion == null ? "global" : arnRegion;
                    }
                    return new RelationResult(List.of(), missing(ix, toType, account, region, sought), sought);
                }
            }
        }
    }

    /** The resources of {@code toType} whose relation {@code of} leads to the subject. */
    record Inverse(Relation of, Template sought) implements Join {
        @Override
        public boolean many() {
            return true;
        }

        @Override
        public String summary() {
            return "inverse of `" + of.name() + "`";
        }

        /** Everything the inverted relation reads, as fields of other resources: any of them may name the subject. */
        @Override
        public Reads reads(String fromType) {
            return of.reads().asOthers();
        }

        @Override
        public RelationResult resolve(SnapshotIndex ix, ResourceNode subject) {
            Map<String, List<ResourceNode>> index = ix.derived(new Identity(this), x -> {
                Map<String, List<ResourceNode>> m = new HashMap<>();
                for (ResourceNode r : x.ofType(of.fromType())) {
                    for (ResourceNode t : of.resolve(x, r).found()) {
                        m.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(r);
                    }
                }
                return m;
            });
            return new RelationResult(index.getOrDefault(subject.id(), List.of()),
                    ix.gaps().anyTypeGap(of.fromType()).orElse(null), sought.render(subject));
        }
    }

    /** Follows each relation from every resource the previous one found. */
    record Chain(List<Relation> steps, Template sought) implements Join {
        public Chain {
            steps = List.copyOf(steps);
        }

        @Override
        public boolean many() {
            return true;
        }

        @Override
        public String summary() {
            return "chain `" + String.join("` → `", steps.stream().map(Relation::name).toList()) + "`";
        }

        /**
         * Nothing of its own: its steps are relations, each checked as it is followed, on the resources it reaches (a
         * field of a resource it never reaches cannot change what it finds). After an unpack, the next step's subject
         * fields are fields of the subject's array elements, named here with the subject's JSON pointer.
         */
        @Override
        public Reads reads(String fromType) {
            if (steps.get(0).join() instanceof Unpack u) {
                return new Reads(steps.get(1).reads().subject().stream().map(f -> new Reads.Field(fromType,
                        u.array() + "[]." + f.path(), f.kind())).toList(), List.of());
            }
            return Reads.NONE;
        }

        @Override
        public RelationResult resolve(SnapshotIndex ix, ResourceNode subject) {
            RelationResult r = steps.get(0).resolve(ix, subject);
            for (Relation step : steps.subList(1, steps.size())) {
                List<RelationResult> next = new ArrayList<>();
                for (ResourceNode n : r.found()) {
                    next.add(step.resolve(ix, n));
                }
                r = RelationResult.merge(r.gap(), next, r.sought());
            }
            return new RelationResult(r.found(), r.gap(), sought == null ? r.sought() : sought.render(subject));
        }
    }

    /** What any of the joins finds, in order. */
    record Union(List<Join> parts, Template sought) implements Join {
        public Union {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean many() {
            return true;
        }

        @Override
        public String summary() {
            return "union of " + String.join("; ", parts.stream().map(Join::summary).toList());
        }

        /** What its parts read. */
        @Override
        public Reads reads(String fromType) {
            return parts.stream().map(p -> p.reads(fromType)).reduce(Reads.NONE, Reads::and);
        }

        @Override
        public RelationResult resolve(SnapshotIndex ix, ResourceNode subject) {
            List<RelationResult> found = new ArrayList<>();
            for (Join p : parts) {
                found.add(p.resolve(ix, subject));
            }
            return RelationResult.merge(null, found, sought.render(subject));
        }
    }

    /**
     * One synthetic resource of {@code toType} per element of the subject's array {@code array}: the element, with
     * {@code inherit} fields copied from the subject where the element lacks them and the subject's id under
     * {@code parent}; its id is the subject's id, {@code idInfix}, and the element's {@code name} field (else
     * {@code otherwise} and its index).
     */
    record Unpack(String toType, String array, String idInfix, String name, String otherwise,
                  Map<String, String> inherit, String parent, Gap gap, Template sought) implements Join {
        public Unpack {
            inherit = Map.copyOf(inherit);
        }

        @Override
        public boolean many() {
            return true;
        }

        @Override
        public String summary() {
            return "unpack `" + array + "[]`";
        }

        /** The subject's array, whose elements are objects. */
        @Override
        public Reads reads(String fromType) {
            return new Reads(List.of(new Reads.Field(fromType, array + "[]", Reads.Kind.OBJECT)), List.of());
        }

        @Override
        public RelationResult resolve(SnapshotIndex ix, ResourceNode subject) {
            List<ResourceNode> out = new ArrayList<>();
            int i = 0;
            for (JsonNode e : subject.configuration().path(array)) {
                ObjectNode c = e.isObject() ? ((ObjectNode) e).deepCopy() : JsonNodeFactory.instance.objectNode();
                inherit.forEach((to, from) -> {
                    if (!c.has(to) && subject.text(from) != null) {
                        c.put(to, subject.text(from));
                    }
                });
                if (parent != null) {
                    c.put(parent, subject.id());
                }
                String id = subject.id() + idInfix + c.path(name).asText(otherwise + i);
                out.add(new ResourceNode(new ResourceRef(toType, id, subject.accountId(), subject.region()), c));
                i++;
            }
            UnknownReason g = gap.field() == null ? null : ix.gaps().fieldGap(subject, gap.field()).orElse(null);
            return new RelationResult(out, g, sought.render(subject));
        }
    }

    /** One of the algorithms that encode an AWS document. */
    record Computed(Algorithm algorithm) implements Join {
        @Override
        public boolean many() {
            return true;
        }

        @Override
        public String summary() {
            return "algorithm `" + algorithm.name() + "`";
        }

        /** What the algorithm declares. */
        @Override
        public Reads reads(String fromType) {
            return algorithm.reads();
        }

        @Override
        public RelationResult resolve(SnapshotIndex ix, ResourceNode subject) {
            return algorithm.resolve(ix, subject);
        }
    }

    /**
     * What collection gaps make a join incomplete besides its listing.
     *
     * @param field           the subject's field that holds the references, whose read may have failed, or {@code null}
     * @param notFoundUnknown true when a reference not found with every listing read is unknown (NOT_IN_SNAPSHOT)
     *                        rather than surely absent
     */
    record Gap(String field, boolean notFoundUnknown) {
        static final Gap NONE = new Gap(null, false);
    }

    /**
     * Plain words with placeholders: {@code {id}}, {@code {accountId}}, {@code {region}} of the subject, {@code {F}} a
     * top-level field of its configuration.
     */
    record Template(String text) {
        String render(ResourceNode s) {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            while (i < text.length()) {
                int open = text.indexOf('{', i);
                int close = open < 0 ? -1 : text.indexOf('}', open);
                if (close < 0) {
                    sb.append(text, i, text.length());
                    break;
                }
                sb.append(text, i, open);
                String name = text.substring(open + 1, close);
                sb.append(switch (name) {
                    case "id" -> s.id();
                    case "accountId" -> s.accountId();
                    case "region" -> s.region();
                    default -> s.text(name);
                });
                i = close + 1;
            }
            return sb.toString();
        }
    }

    /** The node at a dotted field path ({@code Destination.Account}), or a missing node. */
    private static JsonNode at(JsonNode n, String dotted) {
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    /** Why a resource that should be in an account and region is missing: out of scope, not collected, or absent. */
    static UnknownReason missing(SnapshotIndex ix, String type, String account, String region, String sought) {
        if (account != null && !ix.coversAccount(account)) {
            return outOfScope(sought, account);
        }
        if (account == null) {
            return null;
        }
        return ix.gaps().typeGap(type, account, region).orElse(null);
    }

    private static UnknownReason outOfScope(String sought, String account) {
        return new UnknownReason(UnknownReason.Code.OUT_OF_SCOPE_ACCOUNT,
                sought + " belongs to account " + account + ", which the snapshot does not cover");
    }
}
