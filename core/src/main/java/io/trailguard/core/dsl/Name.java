package io.trailguard.core.dsl;

import io.trailguard.core.relation.Relation;
import java.util.Map;

/**
 * What a name of a rule ({@code self}, a relation, a {@code let} binding, the element of an enclosing
 * {@code related:}) refers to. The parser resolves every name once, in the scope where it appears and against the
 * types of that scope, so the evaluator never looks a name up by its text. Immutable.
 *
 * <p>Scopes are numbered by depth: 0 is the subject; each {@code related:} (its {@code where} and its nested
 * condition) and each {@code let}'s {@code where} opens the next depth, at one related resource.
 *
 * @since 0.2.0
 */
public sealed interface Name {
    /** The text the rule wrote, for messages. */
    String text();

    /** The names that mean the same in every scope. */
    enum Root implements Name {
        /** {@code self}: the subject. */
        SELF,
        /** {@code params}: the rule's parameters. */
        PARAMS,
        /** {@code account}: the subject's account ({@code id}, {@code name}, {@code regions}). */
        ACCOUNT,
        /** {@code snapshot}: the snapshot ({@code capturedAt}, and {@code organizationId} when it names one). */
        SNAPSHOT,
        /** {@code missing}: the statements that would make denied required requests succeed (fix data). */
        MISSING,
        /** {@code each}: the element of the list a fix change's {@code forEach} goes over (only there). */
        EACH;

        @Override
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The related resource an enclosing {@code related: NAME} (or a {@code let}'s {@code where}) is at.
     *
     * @param depth the depth of that scope, at least 1
     */
    record Element(String text, int depth) implements Name {
    }

    /** A set of related resources: a relation followed from a scope, or a {@code let} binding. */
    sealed interface Resources extends Name {
        /** True when it may hold several resources (templates then give a list). */
        boolean many();
    }

    /**
     * A relation followed from the resource of a scope.
     *
     * @param depth  the depth of the scope it is followed from (0: the subject)
     * @param byType the relation for each type the scope's resource may have (a rule may name several types)
     */
    record Follow(String text, int depth, Map<String, Relation> byType, boolean many) implements Resources {
        public Follow {
            byType = Map.copyOf(byType);
        }

        /** The relation for a resource of that type, or {@code null} (the parser checked every type of the scope). */
        public Relation relation(String fromType) {
            return byType.get(fromType);
        }
    }

    /**
     * A {@code let} binding: its relation from the subject, filtered.
     *
     * @param slot its position among the rule's bindings, where the evaluator keeps its result
     */
    record Let(String text, int slot) implements Resources {
        @Override
        public boolean many() {
            return true;
        }
    }
}
