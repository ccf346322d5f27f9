package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.Evidence;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.dsl.Condition;
import io.trailguard.core.dsl.Name;
import io.trailguard.core.dsl.Operand;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.dsl.RuleDefinition.LetBinding;
import io.trailguard.core.dsl.Template;
import io.trailguard.core.engine.Outcome.Value;
import io.trailguard.core.relation.Relation;
import io.trailguard.core.relation.RelationResult;
import io.trailguard.core.snapshot.AccountInfo;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one rule's conditions for one subject with Kleene three-valued logic: the combinators and quantifiers
 * here, each other family in its own class ({@link Comparisons}, {@link RelatedConditions},
 * {@link PolicyConditions}, {@link EventConditions}); the {@link Condition.Visitor} makes the dispatch exhaustive.
 * Names are resolved by the parser ({@link Name}); this class only follows them. Not thread-safe: one instance per
 * (rule, subject); the relation cache it reads is shared and thread-safe.
 */
final class Evaluator implements Condition.Visitor<Outcome, Evaluator.Frame> {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /**
     * Where a condition is evaluated: the document paths read from, the resource it belongs to, and the resources of
     * the enclosing scopes ({@code scopes[0]} the subject, {@code scopes[d]} the element of depth d).
     */
    record Frame(JsonNode doc, ResourceNode resource, boolean atRoot, String prefix, ResourceNode[] scopes) {
        Frame child(JsonNode element, String path) {
            return new Frame(element, resource, false, path, scopes);
        }

        Frame withDoc(JsonNode d) {
            return new Frame(d, resource, atRoot, prefix, scopes);
        }

        /** The frame one scope deeper, at a related resource. */
        Frame on(ResourceNode r) {
            ResourceNode[] s = java.util.Arrays.copyOf(scopes, scopes.length + 1);
            s[scopes.length] = r;
            return new Frame(r.configuration(), r, true, "", s);
        }
    }

    final RuleDefinition rule;
    final SnapshotIndex index;
    final ObjectNode params;
    final ResourceNode subject;
    final RelationCache cache;
    /** The {@code let} bindings by slot, each computed on first use. */
    private final RelatedConditions.Filtered[] lets;
    /** Resources with their metadata as template roots, by identity (see {@link #meta}); made on first use. */
    private Map<ResourceNode, ObjectNode> metas;
    /** Made on the first denied request: most evaluations ask no policy question. */
    PolicyQuestions.Failures failures;
    /**
     * Why a template evaluated since the last {@link #takeGap} may lack values: it read a relation or binding whose
     * inputs were not all collected. {@code null} when none did.
     */
    private UnknownReason gap;

    Evaluator(RuleDefinition rule, SnapshotIndex index, ObjectNode params, ResourceNode subject, RelationCache cache) {
        this.rule = rule;
        this.index = index;
        this.params = params;
        this.subject = subject;
        this.cache = cache;
        this.lets = new RelatedConditions.Filtered[rule.lets().size()];
    }

    /**
     * The relation of a rule's {@code when} when that is a bare {@code related: X, exists: true} (no filter, no
     * reason, not a {@code let}) for subjects of that type, else {@code null}. Such a rule does not apply to a subject
     * exactly when the relation finds nothing from it and is complete: most subjects of the bucket and key rules (only
     * log buckets and keys have trails), so the engine decides those without evaluating.
     */
    static Relation bareWhenRelation(RuleDefinition rule, String subjectType) {
        if (rule.when() instanceof Condition.RelatedExists r && r.exists() && r.where() == null && r.because() == null
                && r.source() instanceof Name.Follow follow && follow.depth() == 0) {
            return follow.relation(subjectType);
        }
        return null;
    }

    /**
     * The outcome of a {@link #bareWhenRelation bare relation} {@code when} that does not hold: FALSE, with the
     * evidence {@link RelatedConditions} would give, decided without an evaluator; {@code null} when it may hold.
     */
    static Outcome emptyRelationWhen(RuleDefinition rule, SnapshotIndex index, ResourceNode subject,
                                     RelationCache cache) {
        Relation rel = bareWhenRelation(rule, subject.type());
        if (rel == null) {
            return null;
        }
        RelationResult found = cache.get(rel, subject, () -> rel.resolve(index, subject));
        if (!found.isSurelyEmpty()) {
            return null;
        }
        return Outcome.of(false, new Evidence(subject.id(), "related " + rel.name(), "[]", found.sought()));
    }

    Frame root() {
        return new Frame(subject.configuration(), subject, true, "", new ResourceNode[] {subject});
    }

    Outcome eval(Condition c, Frame f) {
        Outcome o = c.accept(this, f);
        if (c.because() != null && o.isFalse()) {
            o = o.because(render(c.because(), f));
        }
        return o;
    }

    // ---- the families ----------------------------------------------------------------------------------------

    @Override
    public Outcome all(Condition.All all, Frame f) {
        List<Outcome> unknowns = new ArrayList<>();
        List<Outcome> trues = new ArrayList<>();
        for (Condition c : all.children()) {
            Outcome o = eval(c, f);
            if (o.isFalse()) {
                return o;
            }
            (o.isUnknown() ? unknowns : trues).add(o);
        }
        if (!unknowns.isEmpty()) {
            return new Outcome(Value.UNKNOWN, Outcome.concat(unknowns), unknowns.get(0).unknown());
        }
        return new Outcome(Value.TRUE, Outcome.concat(trues), null);
    }

    @Override
    public Outcome any(Condition.Any any, Frame f) {
        List<Outcome> unknowns = new ArrayList<>();
        List<Outcome> falses = new ArrayList<>();
        for (Condition c : any.children()) {
            Outcome o = eval(c, f);
            if (o.isTrue()) {
                return o;
            }
            (o.isUnknown() ? unknowns : falses).add(o);
        }
        if (!unknowns.isEmpty()) {
            return new Outcome(Value.UNKNOWN, Outcome.concat(unknowns), unknowns.get(0).unknown());
        }
        return new Outcome(Value.FALSE, Outcome.alternatives(falses), null, Outcome.reasons(falses));
    }

    @Override
    public Outcome not(Condition.Not not, Frame f) {
        return eval(not.child(), f).negate();
    }

    @Override
    public Outcome compare(Condition.Compare c, Frame f) {
        return Comparisons.compare(this, c, f);
    }

    @Override
    public Outcome presence(Condition.Presence c, Frame f) {
        return Comparisons.presence(this, c, f);
    }

    @Override
    public Outcome size(Condition.Size c, Frame f) {
        return Comparisons.size(this, c, f);
    }

    @Override
    public Outcome quantified(Condition.Quantified q, Frame f) {
        String shown = dollar(f.prefix() + q.path().text().substring(1));
        if (f.atRoot()) {
            UnknownReason gap = fieldGap(f.resource(), q.path().topField());
            if (gap != null) {
                return Outcome.unknown(gap, new Evidence(f.resource().id(), shown, null, "could not be read"));
            }
        }
        List<JsonNode> items = q.path().selectAll(f.doc());
        List<Outcome> results = new ArrayList<>(items.size());
        String base = f.prefix() + q.path().text().substring(1);
        for (int i = 0; i < items.size(); i++) {
            results.add(eval(q.each(), f.child(items.get(i), base + "[" + i + "]")));
        }
        Evidence none = new Evidence(f.resource().id(), shown, items.isEmpty() ? "[]" : null,
                q.quantifier().name().toLowerCase() + " element to match");
        return quantify(q.quantifier(), results, null, none);
    }

    @Override
    public Outcome relatedThat(Condition.RelatedThat c, Frame f) {
        return RelatedConditions.that(this, c, f);
    }

    @Override
    public Outcome relatedEach(Condition.RelatedEach c, Frame f) {
        return RelatedConditions.each(this, c, f);
    }

    @Override
    public Outcome relatedExists(Condition.RelatedExists c, Frame f) {
        return RelatedConditions.exists(this, c, f);
    }

    @Override
    public Outcome relatedCount(Condition.RelatedCount c, Frame f) {
        return RelatedConditions.count(this, c, f);
    }

    @Override
    public Outcome access(Condition.Access c, Frame f) {
        return PolicyConditions.access(this, c, f);
    }

    @Override
    public Outcome publicPolicy(Condition.Public c, Frame f) {
        return PolicyConditions.publicAccess(this, c, f);
    }

    @Override
    public Outcome whoMay(Condition.WhoMay c, Frame f) {
        return PolicyConditions.whoMay(this, c, f);
    }

    @Override
    public Outcome matchesEvents(Condition.MatchesEvents c, Frame f) {
        return EventConditions.matchesEvents(this, c, f);
    }

    /** Combines per-element outcomes; {@code gap} means more elements may exist than were seen. */
    static Outcome quantify(Condition.Quantifier q, List<Outcome> results, UnknownReason gap, Evidence empty) {
        Outcome firstTrue = null;
        Outcome firstFalse = null;
        Outcome firstUnknown = null;
        for (Outcome o : results) {
            if (o.isTrue() && firstTrue == null) {
                firstTrue = o;
            } else if (o.isFalse() && firstFalse == null) {
                firstFalse = o;
            } else if (o.isUnknown() && firstUnknown == null) {
                firstUnknown = o;
            }
        }
        UnknownReason why = firstUnknown != null ? firstUnknown.unknown() : gap;
        List<Evidence> ev = firstUnknown != null ? firstUnknown.evidence() : List.of(empty);
        return switch (q) {
            case SOME -> firstTrue != null ? firstTrue
                    : why != null ? new Outcome(Value.UNKNOWN, ev, why)
                    : new Outcome(Value.FALSE, results.isEmpty() ? List.of(empty) : Outcome.concat(results), null,
                    Outcome.reasons(results));
            case EVERY -> {
                if (firstFalse != null) {
                    List<Outcome> falses = results.stream().filter(Outcome::isFalse).toList();
                    yield new Outcome(Value.FALSE, Outcome.concat(falses), null, Outcome.reasons(falses));
                }
                yield why != null ? new Outcome(Value.UNKNOWN, ev, why)
                        : new Outcome(Value.TRUE, results.isEmpty() ? List.of(empty) : Outcome.concat(results), null);
            }
            case NONE -> firstTrue != null ? firstTrue.negate()
                    : why != null ? new Outcome(Value.UNKNOWN, ev, why)
                    : new Outcome(Value.TRUE, results.isEmpty() ? List.of(empty) : Outcome.concat(results), null);
        };
    }

    /** The fix data of the policies that denied required requests, or {@code null}. */
    ObjectNode missing() {
        return failures == null ? null : failures.missing();
    }

    // ---- names -----------------------------------------------------------------------------------------------

    /** A relation's result from the resource of the scope it is followed from. */
    RelationResult follow(Name.Follow follow, Frame f) {
        ResourceNode from = f.scopes()[follow.depth()];
        Relation rel = follow.relation(from.type());
        return cache.get(rel, from, () -> rel.resolve(index, from));
    }

    /** A {@code let} binding: its relation from the subject, filtered; computed once per evaluator. */
    RelatedConditions.Filtered let(Name.Let let) {
        RelatedConditions.Filtered cached = lets[let.slot()];
        if (cached == null) {
            LetBinding b = letBinding(let.slot());
            Frame root = root();
            RelatedConditions.Filtered base = RelatedConditions.unfiltered(follow(b.relation(), root));
            cached = b.where() == null ? base : RelatedConditions.filter(this, base, b.where(), root);
            lets[let.slot()] = cached;
        }
        return cached;
    }

    private LetBinding letBinding(int slot) {
        for (LetBinding b : rule.lets().values()) {
            if (b.slot() == slot) {
                return b;
            }
        }
        throw new IllegalStateException("no let binding in slot " + slot + " of " + rule.id());
    }

    /** The resources a {@code related:} condition or a template reaches, before any {@code where}. */
    RelatedConditions.Filtered resources(Name.Resources source, Frame f) {
        return source instanceof Name.Let let ? let(let)
                : RelatedConditions.unfiltered(follow((Name.Follow) source, f));
    }

    /** The resource a name stands for (the first one of a relation or binding), with why there is none. */
    record Named(ResourceNode node, UnknownReason gap, String sought) {
    }

    Named named(Name name, Frame f) {
        if (name == Name.Root.SELF) {
            return new Named(subject, null, "self");
        }
        if (name instanceof Name.Element e) {
            return new Named(f.scopes()[e.depth()], null, e.text());
        }
        if (name instanceof Name.Resources r) {
            RelatedConditions.Filtered found = resources(r, f);
            return new Named(found.kept().isEmpty() ? null : found.kept().get(0), found.incomplete(), found.sought());
        }
        throw new IllegalStateException("not a resource: " + name.text());
    }

    /**
     * Every resource a name stands for (a fix applied to each related resource, say): self or an element, else what
     * the relation or binding found.
     */
    List<ResourceNode> all(Name name, Frame f) {
        if (name instanceof Name.Resources r) {
            return resources(r, f).kept();
        }
        Named n = named(name, f);
        return n.node() == null ? List.of() : List.of(n.node());
    }

    /** {@code snapshot}: when it was captured and, when it says, the organisation's id; built once per snapshot. */
    private JsonNode snapshotRoot() {
        return index.derived(SNAPSHOT_ROOT, i -> {
            var n = F.objectNode().put("capturedAt", i.capturedAt().toString());
            if (i.organization() != null && i.organization().id() != null) {
                n.put("organizationId", i.organization().id());
            }
            return n;
        });
    }

    private static final Object SNAPSHOT_ROOT = new Object();

    /** The value of a template root; an incomplete relation or binding is recorded for {@link #takeGap}. */
    JsonNode resolve(Name name, Frame f) {
        if (name instanceof Name.Root root) {
            return switch (root) {
                case SELF -> meta(subject);
                case PARAMS -> params;
                case ACCOUNT -> account(subject.accountId());
                case SNAPSHOT -> snapshotRoot();
                case MISSING -> missing();
                case EACH -> f.atRoot() ? null : f.doc(); // a fix change's forEach renders in the element's frame
            };
        } else if (name instanceof Name.Element e) {
            return meta(f.scopes()[e.depth()]);
        }
        Name.Resources r = (Name.Resources) name;
        RelatedConditions.Filtered found = resources(r, f);
        UnknownReason why = found.incomplete();
        if (why != null && (r.many() || found.kept().isEmpty()) && gap == null) {
            gap = why;
        }
        if (!r.many()) {
            return found.kept().isEmpty() ? null : meta(found.kept().get(0));
        }
        ArrayNode a = F.arrayNode();
        found.kept().forEach(n -> a.add(meta(n)));
        return a;
    }

    /** Why a template evaluated since the last call may lack values (an incomplete relation), else {@code null}. */
    UnknownReason takeGap() {
        UnknownReason g = gap;
        gap = null;
        return g;
    }

    JsonNode value(Template t, Frame f) {
        JsonNode v = t.value(name -> resolve(name, f));
        return v == null || v.isNull() ? null : v;
    }

    String render(Template t, Frame f) {
        return t.render(name -> resolve(name, f));
    }

    JsonNode operand(Operand o, Frame f) {
        if (o instanceof Operand.Literal l) {
            return l.value();
        } else if (o instanceof Operand.Param p) {
            return params.get(p.name());
        } else if (o instanceof Operand.Templated t) {
            return value(t.template(), f);
        } else if (o instanceof Operand.Regex r) {
            return F.textNode(r.pattern().pattern());
        }
        throw new IllegalStateException("unhandled operand " + o.getClass());
    }

    UnknownReason fieldGap(ResourceNode r, String field) {
        return index.gaps().fieldGap(r, field).orElse(null);
    }

    private ObjectNode account(String id) {
        ObjectNode a = F.objectNode();
        a.put("id", id);
        AccountInfo info = index.accounts().get(id);
        if (info != null && info.name() != null) {
            a.put("name", info.name());
        }
        if (info != null) {
            info.regions().forEach(a.putArray("regions")::add);
        }
        return a;
    }

    /** The resource's configuration with its metadata, made once per resource for this evaluator. */
    private ObjectNode meta(ResourceNode r) {
        if (metas == null) {
            metas = new IdentityHashMap<>();
        }
        return metas.computeIfAbsent(r, MetaFields::of);
    }

    // ---- evidence text ---------------------------------------------------------------------------------------

    /** A path as shown in evidence: with one leading {@code $}. */
    static String dollar(String path) {
        return path.startsWith("$") ? path : "$" + path;
    }

    static String compact(JsonNode v) {
        if (v.isTextual() && v.textValue().length() <= 400) {
            String plain = plainQuoted(v.textValue());
            if (plain != null) {
                return plain;
            }
        } else if (v.isBoolean() || v.isIntegralNumber()) {
            return v.asText();
        } else if (v.isContainerNode() && v.isEmpty()) {
            return v.isArray() ? "[]" : "{}";
        }
        String s = v.toString();
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    /** The JSON text of a string that needs no escaping (the common case, without Jackson's writer), or null. */
    private static String plainQuoted(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == '"' || ch == '\\' || ch > 0x7e) {
                return null;
            }
        }
        return '"' + s + '"';
    }

    static String text(JsonNode v) {
        if (v != null && v.isTextual()) {
            String plain = plainQuoted(v.textValue());
            return plain != null ? plain : v.toString();
        }
        return v == null ? "(none)" : compact(v);
    }
}
