package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.Evidence;
import io.trailguard.core.Finding;
import io.trailguard.core.Fix;
import io.trailguard.core.ResourceRef;
import io.trailguard.core.Status;
import io.trailguard.core.UnknownReason;
import io.trailguard.core.dsl.RuleDefinition;
import io.trailguard.core.engine.Evaluator.Frame;
import io.trailguard.core.relation.Relation;
import io.trailguard.core.relation.RelationResult;
import io.trailguard.core.snapshot.ResourceNode;
import io.trailguard.core.snapshot.SnapshotIndex;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Evaluates rules over the subjects of one snapshot and turns outcomes into findings. Thread-safe. */
public final class RuleRunner {
    private final SnapshotIndex index;
    private final Subjects subjects;
    private final RelationCache cache = new RelationCache();

    public RuleRunner(SnapshotIndex index) {
        this.index = index;
        this.subjects = new Subjects(index);
    }

    /** Below this many subjects a rule is evaluated on the calling thread only. */
    static final int PARALLEL_THRESHOLD = 256;

    /** Findings of one rule for every subject, in snapshot order, not-applicable ones included. */
    public List<Finding> run(RuleDefinition rule, ObjectNode params) {
        List<Finding> out = new ArrayList<>();
        run(rule, params, out, true);
        return out;
    }

    /**
     * Evaluates one rule for every subject and adds its findings to {@code findings}, in snapshot order. Without
     * {@code keepNotApplicable} no finding is built for a subject the rule does not apply to: the subjects are
     * returned instead. Many subjects are evaluated in parallel (each subject has its own evaluator; the caches are
     * concurrent); the order does not depend on it.
     *
     * @return the subjects the rule does not apply to that got no finding (empty when they are kept)
     */
    public List<ResourceRef> run(RuleDefinition rule, ObjectNode params, List<Finding> findings,
                                 boolean keepNotApplicable) {
        List<ResourceNode> subs = subjects.of(rule);
        BitSet mayApply = keepNotApplicable ? null : mayApply(rule, subs);
        List<ResourceNode> evaluated = subs;
        if (mayApply != null) {
            evaluated = new ArrayList<>(mayApply.cardinality());
            for (int i = mayApply.nextSetBit(0); i >= 0; i = mayApply.nextSetBit(i + 1)) {
                evaluated.add(subs.get(i));
            }
        }
        List<Finding> outcomes; // null where a subject does not apply and gets no finding
        if (evaluated.size() >= PARALLEL_THRESHOLD && Runtime.getRuntime().availableProcessors() > 1) {
            outcomes = evaluated.parallelStream().map(s -> evaluate(rule, params, s, keepNotApplicable)).toList();
        } else {
            outcomes = new ArrayList<>(evaluated.size());
            for (ResourceNode s : evaluated) {
                outcomes.add(evaluate(rule, params, s, keepNotApplicable));
            }
        }
        List<ResourceRef> omitted = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < subs.size(); i++) {
            Finding f = mayApply == null || mayApply.get(i) ? outcomes.get(next++) : null;
            if (f == null) {
                omitted.add(subs.get(i).ref());
            } else {
                findings.add(f);
            }
        }
        return omitted;
    }

    /**
     * The subjects a rule whose {@code when} is a bare relation may apply to (those the relation reaches, known once
     * per scan for all rules that ask), or {@code null} when every subject must be evaluated. The others need no
     * evaluation when their not-applicable findings are not kept.
     */
    private BitSet mayApply(RuleDefinition rule, List<ResourceNode> subs) {
        if (subs.isEmpty()) {
            return null;
        }
        String type = subs.get(0).type();
        if (rule.resourceTypes().size() > 1) {
            return null;
        }
        Relation rel = Evaluator.bareWhenRelation(rule, type);
        return rel == null ? null : cache.reaching(rel, subs, index);
    }

    /** Findings of one rule for the subject with that reference, if the rule applies to it. */
    public List<Finding> run(RuleDefinition rule, ObjectNode params, ResourceRef subject) {
        List<Finding> out = new ArrayList<>();
        for (ResourceNode s : subjects.of(rule)) {
            if (s.ref().equals(subject)) {
                out.add(evaluate(rule, params, s, true));
            }
        }
        return out;
    }

    /**
     * The finding of one subject; {@code null} when the rule does not apply and {@code keepNotApplicable} is off. A
     * failure inside the engine is this rule's and subject's only: an UNKNOWN finding ({@code EVALUATION_ERROR})
     * with the exception's message, and the scan goes on.
     */
    Finding evaluate(RuleDefinition rule, ObjectNode params, ResourceNode subject, boolean keepNotApplicable) {
        try {
            return evaluateOrThrow(rule, params, subject, keepNotApplicable);
        } catch (io.trailguard.core.InvalidInputException e) {
            throw e; // the user's input (a --param regex) is wrong: exit 2 with the message, not an UNKNOWN per finding
        } catch (RuntimeException e) {
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            UnknownReason why = new UnknownReason(UnknownReason.Code.EVALUATION_ERROR, "evaluating rule " + rule.id()
                    + " for " + subject.id() + " failed: " + what);
            return finding(rule, subject, Status.UNKNOWN, "Could not check: " + why.detail(), List.of(), null, why);
        }
    }

    private Finding evaluateOrThrow(RuleDefinition rule, ObjectNode params, ResourceNode subject, boolean keepNotApplicable) {
        Outcome quick = Evaluator.emptyRelationWhen(rule, index, subject, cache);
        Evaluator ev = quick != null ? null : new Evaluator(rule, index, params, subject, cache);
        if (rule.when() != null) {
            Outcome w = quick != null ? quick : ev.eval(rule.when(), ev.root());
            if (w.isFalse()) {
                return !keepNotApplicable ? null : finding(rule, subject, Status.NOT_APPLICABLE, "Does not apply: "
                        + w.evidence().stream().findFirst().map(Evidence::describe).orElse("the rule's condition does not hold"),
                        w.evidence(), null, null);
            }
            if (w.isUnknown()) {
                return unknown(rule, subject, w);
            }
        }
        Frame root = ev.root();
        Outcome r = ev.eval(rule.require(), root);
        return switch (r.value()) {
            case TRUE -> finding(rule, subject, Status.PASS,
                    rule.passMessage() != null ? ev.render(rule.passMessage(), root) : rule.title(), r.evidence(), null, null);
            case FALSE -> finding(rule, subject, Status.FAIL, withReasons(ev.render(rule.message(), root), r.reasons()), r.evidence(),
                    new FixBuilder(rule, index).build(ev, params, subject), null);
            case UNKNOWN -> unknown(rule, subject, r);
        };
    }

    private static String withReasons(String message, List<String> reasons) {
        if (reasons.isEmpty()) {
            return message;
        }
        return message + " " + String.join(" ", new java.util.LinkedHashSet<>(reasons));
    }

    private Finding unknown(RuleDefinition rule, ResourceNode subject, Outcome o) {
        UnknownReason why = o.unknown() != null ? o.unknown()
                : new UnknownReason(UnknownReason.Code.API_ERROR, "an input could not be read");
        return finding(rule, subject, Status.UNKNOWN, "Could not check: " + why.detail(), o.evidence(), null, why);
    }

    private static Finding finding(RuleDefinition rule, ResourceNode subject, Status status, String message,
                                   List<Evidence> evidence, Fix fix, UnknownReason unknown) {
        return new Finding(rule.id(), status, rule.severity(), rule.title(), subject.ref(), message, rule.description(),
                evidence, rule.references(), fix, unknown);
    }
}
