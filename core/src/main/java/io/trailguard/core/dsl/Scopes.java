package io.trailguard.core.dsl;

import io.trailguard.core.dsl.RuleDefinition.LetBinding;
import io.trailguard.core.relation.Relation;
import io.trailguard.core.relation.RelationSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes of names while a rule is parsed, and what a name means in the current one ({@link Name}): the subject
 * (depth 0), then one scope per enclosing {@code related:} or {@code let} {@code where}, each at a related resource of
 * one type. Not thread-safe: one per parse.
 */
final class Scopes {
    /** The name of the resource a named condition is used at, inside its body. */
    static final String THIS = "this";
    /**
     * A scope of names: the subject (depth 0) or the resource a {@code related:} or a {@code let}'s {@code where} is
     * at, bound under {@code name}, of one of {@code types}.
     */
    record Scope(String name, List<String> types, Scope outer, int depth) {
    }

    private final Map<String, LetBinding> lets;
    private final RelationSet relations;
    private Scope current;
    /** The scope a named condition being expanded is used at ({@code this} in its body), or {@code null}. */
    private Scope thisScope;
    /** Whether {@code each} names an element: inside a fix change with {@code forEach}. */
    private boolean eachBound;

    /**
     * @param lets      the rule's bindings as the parser adds them (read live: a binding is known once declared)
     * @param relations the relations names may refer to
     */
    Scopes(List<String> subjectTypes, Map<String, LetBinding> lets, RelationSet relations) {
        this.lets = lets;
        this.relations = relations;
        this.current = new Scope("self", subjectTypes, null, 0);
    }

    /** The relations names may refer to. */
    RelationSet relations() {
        return relations;
    }

    /** The types the resource of the current scope may have. */
    List<String> types() {
        return current.types();
    }

    Scope current() {
        return current;
    }

    /** Opens the scope of a related resource bound under {@code name}; returns the scope to {@link #restore}. */
    Scope enter(String name, String type) {
        Scope outer = current;
        current = new Scope(name, List.of(type), outer, outer.depth() + 1);
        return outer;
    }

    void restore(Scope s) {
        current = s;
    }

    /**
     * Makes {@code this} the resource of the current scope, for the body of a named condition used here; returns the
     * previous binding, to give back to {@link #unbindThis}.
     */
    Scope bindThis() {
        Scope previous = thisScope;
        thisScope = current;
        return previous;
    }

    void unbindThis(Scope previous) {
        thisScope = previous;
    }

    /** Makes {@code each} name the element of a fix change's {@code forEach} list, or stop naming it. */
    void bindEach(boolean bound) {
        eachBound = bound;
    }

    /**
     * What a name refers to in the current scope, or {@code null}. Innermost scope first: the element a
     * {@code related:} binds, then the relations of that element's type; at the subject, the {@code let} bindings and
     * the subject's relations. With {@code templateRoots}, also params, account, snapshot and missing.
     */
    Name resolve(String name, boolean templateRoots) {
        for (Name.Root root : Name.Root.values()) {
            if (root.text().equals(name) && (templateRoots || root == Name.Root.SELF) && (root != Name.Root.EACH || eachBound)) {
                return root;
            }
        }
        if (thisScope != null && name.equals(THIS)) {
            return thisScope.depth() == 0 ? Name.Root.SELF : new Name.Element(thisScope.name(), thisScope.depth());
        }
        for (Scope s = current; s != null; s = s.outer()) {
            if (s.depth() > 0 && s.name().equals(name)) {
                return new Name.Element(name, s.depth());
            }
            if (s.depth() == 0 && lets.containsKey(name)) {
                return new Name.Let(name, lets.get(name).slot());
            }
            Name.Follow f = follow(name, s);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** The relation of that name from a scope's resource (for every type it may have), or {@code null}. */
    Name.Follow follow(String name, Scope s) {
        Map<String, Relation> byType = new LinkedHashMap<>();
        boolean many = false;
        for (String t : s.types()) {
            Optional<Relation> r = relations.find(name, t);
            if (r.isEmpty()) {
                return null;
            }
            byType.put(t, r.get());
            many |= r.get().many();
        }
        return byType.isEmpty() ? null : new Name.Follow(name, s.depth(), byType, many);
    }

    /** The names a rule may use in the current scope, innermost first, for "did you mean" and messages. */
    List<String> visibleNames(boolean templateRoots) {
        Set<String> out = new LinkedHashSet<>();
        out.add("self");
        if (thisScope != null) {
            out.add(THIS);
        }
        if (templateRoots) {
            for (Name.Root root : Name.Root.values()) {
                if (root != Name.Root.EACH || eachBound) {
                    out.add(root.text());
                }
            }
        }
        for (Scope s = current; s != null; s = s.outer()) {
            if (s.depth() > 0) {
                out.add(s.name());
            } else {
                out.addAll(lets.keySet());
            }
            Set<String> common = null;
            for (String t : s.types()) {
                Set<String> names = relations.namesFor(t);
                if (common == null) {
                    common = new LinkedHashSet<>(names);
                } else {
                    common.retainAll(names);
                }
            }
            if (common != null) {
                out.addAll(common);
            }
        }
        return List.copyOf(out);
    }

    /** The type a relation leads to (the same for every type it is followed from). */
    static String toType(Name.Follow f) {
        return f.byType().values().iterator().next().toType();
    }
}
