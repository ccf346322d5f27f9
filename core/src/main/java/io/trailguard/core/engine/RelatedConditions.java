package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Evidence;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.dsl.Condition;
import io.trailguard.core.dsl.Operand;
import io.trailguard.core.dsl.Operator;
import io.trailguard.core.engine.Evaluator.Frame;
import io.trailguard.core.relation.RelationResult;
import io.trailguard.core.snapshot.ResourceNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The related-resources family: {@code related: NAME} with {@code that}, {@code every} / {@code some} /
 * {@code none}, {@code exists} and {@code count}, after an optional {@code where}. A relation whose inputs were not
 * all collected (its gap) makes an answer that depends on the missing resources unknown, never false.
 */
final class RelatedConditions {
    /** How many related resources' ids evidence lists (a central bucket may have a thousand trails). */
    private static final int SHOWN_IDS = 10;

    private RelatedConditions() {
    }

    /**
     * A relation's resources after a {@code where} filter: those that pass, how many might (the filter was unknown
     * for them) and why, and why more may exist than were found.
     */
    record Filtered(List<ResourceNode> kept, int maybe, UnknownReason gap, String sought, UnknownReason maybeReason) {
        /** Why the set may be incomplete: the relation's gap, else the first unknown filter, else {@code null}. */
        UnknownReason incomplete() {
            return gap != null ? gap : maybe > 0 ? maybeReason : null;
        }
    }

    static Filtered unfiltered(RelationResult r) {
        return new Filtered(r.found(), 0, r.gap(), r.sought(), null);
    }

    /** Keeps the resources for which {@code where} holds; those for which it is unknown are counted as maybe. */
    static Filtered filter(Evaluator ev, Filtered base, Condition where, Frame f) {
        List<ResourceNode> kept = new ArrayList<>();
        int maybe = base.maybe();
        UnknownReason firstUnknown = base.maybeReason();
        for (ResourceNode n : base.kept()) {
            Outcome o = ev.eval(where, f.on(n));
            if (o.isTrue()) {
                kept.add(n);
            } else if (o.isUnknown()) {
                maybe++;
                if (firstUnknown == null) {
                    firstUnknown = o.unknown();
                }
            }
        }
        return new Filtered(kept, maybe, base.gap(), base.sought(), firstUnknown);
    }

    private static Filtered filtered(Evaluator ev, Condition.Related r, Frame f) {
        Filtered base = ev.resources(r.source(), f);
        return r.where() == null ? base : filter(ev, base, r.where(), f);
    }

    private static Evidence found(Condition.Related r, Frame f, Filtered fl) {
        return new Evidence(f.resource().id(), "related " + r.source().text(), ids(fl.kept()), fl.sought());
    }

    static Outcome exists(Evaluator ev, Condition.RelatedExists r, Frame f) {
        Filtered fl = filtered(ev, r, f);
        Evidence found = found(r, f, fl);
        Outcome o;
        if (!fl.kept().isEmpty()) {
            o = Outcome.of(true, found);
        } else if (fl.incomplete() != null) {
            return Outcome.unknown(fl.incomplete(), found);
        } else {
            o = Outcome.of(false, found);
        }
        return r.exists() ? o : o.negate();
    }

    static Outcome that(Evaluator ev, Condition.RelatedThat r, Frame f) {
        Filtered fl = filtered(ev, r, f);
        if (fl.kept().isEmpty()) {
            return fl.incomplete() != null ? Outcome.unknown(fl.incomplete(), found(r, f, fl))
                    : Outcome.of(false, new Evidence(f.resource().id(), "related " + r.source().text(), null,
                    fl.sought() + " (not found)"));
        }
        return ev.eval(r.that(), f.on(fl.kept().get(0)));
    }

    static Outcome each(Evaluator ev, Condition.RelatedEach r, Frame f) {
        Filtered fl = filtered(ev, r, f);
        List<Outcome> results = new ArrayList<>(fl.kept().size());
        for (ResourceNode n : fl.kept()) {
            results.add(ev.eval(r.each(), f.on(n)));
        }
        return Evaluator.quantify(r.quantifier(), results, fl.incomplete(), found(r, f, fl));
    }

    static Outcome count(Evaluator ev, Condition.RelatedCount r, Frame f) {
        Filtered fl = filtered(ev, r, f);
        List<ResourceNode> kept = fl.kept();
        int min = kept.size();
        if (r.distinct() != null) {
            Set<String> distinct = new HashSet<>();
            for (ResourceNode n : kept) {
                JsonNode v = r.distinct().selectOne(n.configuration());
                distinct.add(v == null ? n.id() : v.asText());
            }
            min = distinct.size();
        }
        Boolean atMin = holds(ev, r.checks(), f, min);
        String expected = "a count that " + Comparisons.checksText(ev, r.checks(), f);
        Evidence shown = new Evidence(f.resource().id(), "count of " + r.source().text(),
                min + (kept.isEmpty() ? "" : " (" + ids(kept) + ")"), expected);
        if (atMin == null) {
            return Outcome.unknown(new UnknownReason(UnknownReason.Code.MISSING_FIELD, "the count of "
                    + r.source().text() + " cannot be compared: the rule's operand has no usable value"), shown);
        }
        boolean unbounded = fl.gap() != null;
        if ((fl.maybe() > 0 || unbounded)
                && varies(ev, r.checks(), f, min, unbounded ? Integer.MAX_VALUE : min + fl.maybe(), atMin)) {
            return Outcome.unknown(fl.incomplete(), found(r, f, fl));
        }
        return Outcome.of(atMin, shown);
    }

    /**
     * Whether the checks give another answer than {@code atMin} for some count up to {@code max}: tried at {@code max}
     * and around every threshold in between, since "at least 1 and at most 1" fails at both ends of an unbounded
     * range yet holds inside it.
     */
    private static boolean varies(Evaluator ev, Map<Operator, Operand> checks, Frame f, int min, int max,
                                  boolean atMin) {
        List<Integer> candidates = new ArrayList<>(List.of(max));
        for (var e : checks.entrySet()) {
            BigDecimal t = Comparisons.number(ev.operand(e.getValue(), f));
            if (t != null && t.compareTo(BigDecimal.valueOf(min)) >= 0 && t.compareTo(BigDecimal.valueOf(max)) <= 0) {
                int v = t.intValue();
                candidates.addAll(List.of(v - 1, v, v + 1));
            }
        }
        for (int n : candidates) {
            if (n >= min && n <= max && !Boolean.valueOf(atMin).equals(holds(ev, checks, f, n))) {
                return true;
            }
        }
        return false;
    }

    /** Whether every numeric check holds of {@code n}; {@code null} when an operand has no number. */
    private static Boolean holds(Evaluator ev, Map<Operator, Operand> checks, Frame f, int n) {
        for (var e : checks.entrySet()) {
            Boolean ok = Comparisons.numeric(e.getKey(), BigDecimal.valueOf(n), Comparisons.number(ev.operand(e.getValue(), f)));
            if (ok == null || !ok) {
                return ok;
            }
        }
        return true;
    }

    /** Evidence listing related resources: their ids, the first {@value #SHOWN_IDS} when there are more. */
    private static String ids(List<ResourceNode> nodes) {
        if (nodes.isEmpty()) {
            return "[]";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes.size() && i < SHOWN_IDS; i++) {
            sb.append(i == 0 ? "" : ", ").append(nodes.get(i).id());
        }
        if (nodes.size() > SHOWN_IDS) {
            sb.append(", … (").append(nodes.size()).append(" in all)");
        }
        return sb.toString();
    }
}
