package io.trailguard.core.engine;

import io.trailguard.core.Evidence;
import io.trailguard.core.UnknownReason;
import java.util.ArrayList;
import java.util.List;

/**
 * The three-valued result of a condition with the evidence that decided it.
 *
 * @param unknown why the value is {@link Value#UNKNOWN}, else {@code null}
 */
record Outcome(Value value, List<Evidence> evidence, UnknownReason unknown, List<String> reasons) {
    static final int MAX_EVIDENCE = 12;

    enum Value {
        TRUE, FALSE, UNKNOWN
    }

    Outcome(Value value, List<Evidence> evidence, UnknownReason unknown) {
        this(value, evidence, unknown, List.of());
    }

    Outcome {
        reasons = List.copyOf(reasons);
        evidence = evidence.size() > MAX_EVIDENCE ? List.copyOf(evidence.subList(0, MAX_EVIDENCE)) : List.copyOf(evidence);
    }

    static Outcome of(boolean b, Evidence e) {
        return new Outcome(b ? Value.TRUE : Value.FALSE, List.of(e), null);
    }

    static Outcome unknown(UnknownReason reason, Evidence e) {
        return new Outcome(Value.UNKNOWN, e == null ? List.of() : List.of(e), reason);
    }

    boolean isTrue() {
        return value == Value.TRUE;
    }

    boolean isFalse() {
        return value == Value.FALSE;
    }

    boolean isUnknown() {
        return value == Value.UNKNOWN;
    }

    Outcome negate() {
        return switch (value) {
            case TRUE -> new Outcome(Value.FALSE, evidence, null, reasons);
            case FALSE -> new Outcome(Value.TRUE, evidence, null, List.of());
            case UNKNOWN -> this;
        };
    }

    /** This outcome with a failure reason added. */
    Outcome because(String reason) {
        List<String> r = new ArrayList<>(reasons);
        r.add(reason);
        return new Outcome(value, evidence, unknown, r);
    }

    static List<String> reasons(List<Outcome> outcomes) {
        List<String> out = new ArrayList<>();
        outcomes.forEach(o -> out.addAll(o.reasons()));
        return out;
    }

    static List<Evidence> concat(List<Outcome> outcomes) {
        List<Evidence> out = new ArrayList<>();
        for (Outcome o : outcomes) {
            out.addAll(o.evidence());
            if (out.size() >= MAX_EVIDENCE) {
                break;
            }
        }
        return out;
    }

    /**
     * The evidence of a failed {@code any}: each alternative's facts once, their requirements marked as alternatives
     * ("either equals "Disabled"", "or equals "Enabled""), so that no single line reads as the one thing required.
     */
    static List<Evidence> alternatives(List<Outcome> falses) {
        List<Evidence> all = concat(falses);
        java.util.LinkedHashSet<Evidence> distinct = new java.util.LinkedHashSet<>(all);
        if (distinct.size() < 2) {
            return List.copyOf(distinct);
        }
        List<Evidence> out = new ArrayList<>(distinct.size());
        int i = 0;
        for (Evidence e : distinct) {
            String expected = e.expected();
            if (!expected.startsWith("either ") && !expected.startsWith("or ")) {
                expected = (i == 0 ? "either " : "or ") + expected;
            }
            out.add(new Evidence(e.resource(), e.path(), e.value(), expected));
            i++;
        }
        return out;
    }
}
