package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import java.util.List;
import java.util.Map;

/**
 * A node of a rule's condition tree. Conditions evaluate to true, false or unknown (Kleene logic): {@code all} is
 * false when any child is false, {@code any} is true when any child is true, and unknown otherwise when a child is.
 */
public sealed interface Condition {
    /** Where the condition is in its rule file, for messages. */
    String pointer();

    /**
     * A sentence added to the failure message when this condition decides a failure (is false), or {@code null}.
     */
    Template because();

    /** True when every child holds. */
    record All(List<Condition> children, Template because, String pointer) implements Condition {
        public All {
            children = List.copyOf(children);
        }
    }

    /** True when some child holds. */
    record Any(List<Condition> children, Template because, String pointer) implements Condition {
        public Any {
            children = List.copyOf(children);
        }
    }

    /** True when the child does not hold. */
    record Not(Condition child, Template because, String pointer) implements Condition {
    }

    /**
     * A comparison of one selected value: {@code {path: $.X, equals: true}} or {@code {value: "{{ … }}", in: [...]}}.
     *
     * @param path         the selection, or {@code null} when {@code value} is used
     * @param value        a template to compare instead of a path, or {@code null}
     * @param operator     the comparison
     * @param operand      the right-hand side ({@code null} for exists/absent)
     * @param pattern      the compiled pattern of a literal {@code matches}, else {@code null}
     * @param sizeChecks   for {@code size}: the numeric comparisons of the size
     * @param defaultValue the value to use when the path is absent, or {@code null} (absent is then unknown)
     */
    record Compare(PathSelector path, Template value, Operator operator, Operand operand, Pattern pattern,
                   Map<Operator, Operand> sizeChecks, JsonNode defaultValue, Template because, String pointer) implements Condition {
        public Compare {
            sizeChecks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sizeChecks));
        }
    }

    /** {@code every} / {@code some} / {@code none}: a nested condition over each value a path selects. */
    record Quantified(PathSelector path, Quantifier quantifier, Condition each, Template because, String pointer) implements Condition {
    }

    /**
     * A condition over related resources: {@code related: bucket} with {@code that} (the one related resource),
     * {@code every} / {@code some} / {@code none}, {@code exists}, or {@code count}, after an optional {@code where}
     * filter.
     */
    record Related(String relation, Condition where, RelatedCheck check, Condition each, boolean exists,
                   Map<Operator, Operand> countChecks, PathSelector distinct, Template because, String pointer) implements Condition {
        public Related {
            countChecks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(countChecks));
        }
    }

    /**
     * Where a policy document is: a path in the current document, or in a named resource ({@code self}, a bound
     * relation element, or a relation of the subject).
     *
     * @param of   {@code null} for the current document, else the name of the resource holding the policy
     * @param path the path of the policy document
     */
    record PolicyRef(String of, PathSelector path) {
    }

    /**
     * {@code access}: does the policy (and, when given, the identity policies of a role) allow a request, evaluated
     * the way AWS does. True when the decision is the one {@code is} expects.
     *
     * @param identity the name of an IAM role resource whose inline and attached policies join the evaluation, or
     *                 {@code null}
     * @param context  request context keys to templates (a template giving a list makes a multivalued key)
     * @param moreActions the rest of a list given as {@code action: [...]}; every action is evaluated
     * @param expectExplicitDeny {@code is: explicitly_denied}: true only when a Deny statement decides (an implicit
     *                 deny, which an identity policy of the resource's own account could still overcome, is false)
     */
    record Access(PolicyRef policy, String identity, Template principal, Template action, Template resource,
                  Map<String, Template> context, boolean expectAllowed, Template because, String pointer,
                  boolean expectExplicitDeny, List<Template> moreActions)
            implements Condition {
        public Access {
            context = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context)); // file order: deterministic evidence
            moreActions = List.copyOf(moreActions);
        }

        /** Every action asked about: {@code action}, then the rest of a list given as {@code action: [...]}. */
        public List<Template> actions() {
            List<Template> all = new java.util.ArrayList<>();
            all.add(action);
            all.addAll(moreActions);
            return all;
        }

        /** An {@code is: allowed} or {@code is: denied} question. */
        public Access(PolicyRef policy, String identity, Template principal, Template action, Template resource,
                      Map<String, Template> context, boolean expectAllowed, Template because, String pointer) {
            this(policy, identity, principal, action, resource, context, expectAllowed, because, pointer, false,
                    List.of());
        }
    }

    /** {@code public}: true when the policy grants access to anyone outside the account (S3 Block Public Access). */
    record Public(PolicyRef policy, Template because, String pointer) implements Condition {
    }

    /**
     * {@code who_may}: the principals the policy lets do an action on a resource, each as
     * {@code {principal, type, breadth, access, allowedBy, deniedBy}}, under a quantifier.
     */
    record WhoMay(PolicyRef policy, Template action, Template resource, Quantifier quantifier, Condition each,
                  Template because, String pointer) implements Condition {
    }

    /** A named or inline sample log event for {@link MatchesEvents}. */
    record SampleEvent(String name, JsonNode event) {
    }

    /**
     * {@code matches_events}: the CloudWatch Logs filter pattern a definite path selects matches every {@code match}
     * event and none of the {@code ignore} events. A pattern that cannot be parsed, or that this engine does not
     * evaluate (space-delimited), is unknown.
     */
    record MatchesEvents(PathSelector path, List<SampleEvent> match, List<SampleEvent> ignore, Template because,
                         String pointer) implements Condition {
        public MatchesEvents {
            match = List.copyOf(match);
            ignore = List.copyOf(ignore);
        }
    }

    /** The quantifiers over selected values. */
    enum Quantifier {
        EVERY, SOME, NONE
    }

    /** What a {@link Related} condition asks of the related resources. */
    enum RelatedCheck {
        THAT, EVERY, SOME, NONE, EXISTS, COUNT
    }
}
