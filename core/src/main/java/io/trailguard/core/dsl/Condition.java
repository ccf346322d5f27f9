package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a rule's condition tree, one record per meaning. Conditions evaluate to true, false or unknown (Kleene
 * logic): {@code all} is false when any child is false, {@code any} is true when any child is true, and unknown
 * otherwise when a child is. Every name in a condition is already resolved ({@link Name}). Immutable.
 *
 * <p>Java 17 has no pattern switch: {@link #accept} with a {@link Visitor} is the exhaustive switch, so adding a
 * variant fails to compile until every family handles it.
 */
public sealed interface Condition {
    /**
     * Where the condition is in its rule file, for messages: a JSON pointer, or {@code #N/...} inside the body of the
     * N-th named condition the rule uses (where in the conditions file is known only while the rule is parsed).
     */
    String pointer();

    /**
     * A sentence added to the failure message when this condition decides a failure (is false), or {@code null}.
     */
    Template because();

    /** Calls the visitor's method for this variant. */
    <R, A> R accept(Visitor<R, A> v, A arg);

    /** One method per variant; see {@link #accept}. */
    interface Visitor<R, A> {
        R all(All c, A arg);

        R any(Any c, A arg);

        R not(Not c, A arg);

        R compare(Compare c, A arg);

        R presence(Presence c, A arg);

        R size(Size c, A arg);

        R quantified(Quantified c, A arg);

        R relatedThat(RelatedThat c, A arg);

        R relatedEach(RelatedEach c, A arg);

        R relatedExists(RelatedExists c, A arg);

        R relatedCount(RelatedCount c, A arg);

        R access(Access c, A arg);

        R publicPolicy(Public c, A arg);

        R whoMay(WhoMay c, A arg);

        R matchesEvents(MatchesEvents c, A arg);
    }

    /** True when every child holds. */
    record All(List<Condition> children, Template because, String pointer) implements Condition {
        public All {
            children = List.copyOf(children);
        }

        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.all(this, arg);
        }
    }

    /** True when some child holds. */
    record Any(List<Condition> children, Template because, String pointer) implements Condition {
        public Any {
            children = List.copyOf(children);
        }

        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.any(this, arg);
        }
    }

    /** True when the child does not hold. */
    record Not(Condition child, Template because, String pointer) implements Condition {
        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.not(this, arg);
        }
    }

    /** What a leaf reads: the one value a definite path selects, or a template's value. */
    sealed interface Selection {
        /** The text shown in evidence. */
        String text();
    }

    /** A definite JSONPath in the current document. */
    record PathSelection(PathSelector path) implements Selection {
        @Override
        public String text() {
            return path.text();
        }
    }

    /** A template's value ({@code value: "{{ self.accountId }}"}). */
    record ValueSelection(Template template) implements Selection {
        @Override
        public String text() {
            return template.source();
        }
    }

    /**
     * A comparison of one selected value with an operand: {@code {path: $.X, equals: true}}. The operator applies to
     * values of its type only: a value of another JSON type is unknown, never false.
     *
     * @param operator     any operator but {@code exists}, {@code absent} and {@code size}
     * @param operand      the right-hand side
     * @param defaultValue the value to use when the selection is absent, or {@code null} (absent is then unknown)
     */
    record Compare(Selection left, Operator operator, Operand operand, JsonNode defaultValue, Template because,
                   String pointer) implements Condition {
        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.compare(this, arg);
        }
    }

    /** {@code exists: true|false} / {@code absent: true}: never unknown for an absent field, only an unread one. */
    record Presence(Selection left, boolean present, Template because, String pointer) implements Condition {
        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.presence(this, arg);
        }
    }

    /** {@code size: {at_least: 1}}: numeric comparisons of a list's, object's or string's size. */
    record Size(Selection left, Map<Operator, Operand> checks, JsonNode defaultValue, Template because,
                String pointer) implements Condition {
        public Size {
            checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }

        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.size(this, arg);
        }
    }

    /** {@code every} / {@code some} / {@code none}: a nested condition over each value a path selects. */
    record Quantified(PathSelector path, Quantifier quantifier, Condition each, Template because, String pointer)
            implements Condition {
        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.quantified(this, arg);
        }
    }

    /** A condition over related resources, after an optional {@code where} filter. */
    sealed interface Related extends Condition {
        /** The related resources: a relation or a {@code let} binding. */
        Name.Resources source();

        /** The filter (evaluated one scope deeper, at each resource), or {@code null}. */
        Condition where();
    }

    /** {@code related: NAME, that: C}: the one related resource satisfies C. */
    record RelatedThat(Name.Resources source, Condition where, Condition that, Template because, String pointer)
            implements Related {
        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.relatedThat(this, arg);
        }
    }

    /** {@code related: NAME, every|some|none: C}. */
    record RelatedEach(Name.Resources source, Condition where, Quantifier quantifier, Condition each,
                       Template because, String pointer) implements Related {
        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.relatedEach(this, arg);
        }
    }

    /** {@code related: NAME, exists: true|false}. */
    record RelatedExists(Name.Resources source, Condition where, boolean exists, Template because, String pointer)
            implements Related {
        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.relatedExists(this, arg);
        }
    }

    /**
     * {@code related: NAME, count: {at_most: 1}, distinct: $.X}.
     *
     * @param distinct count resources with distinct values at this path (read in each related resource), or
     *                 {@code null} to count resources
     */
    record RelatedCount(Name.Resources source, Condition where, Map<Operator, Operand> checks, PathSelector distinct,
                        Template because, String pointer) implements Related {
        public RelatedCount {
            checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }

        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.relatedCount(this, arg);
        }
    }

    /**
     * Where a policy document is: a path in the current document, or in a named resource ({@code self}, a related
     * element, or the first resource of a relation or binding).
     *
     * @param of   {@code null} for the current document, else the resource holding the policy
     * @param path the path of the policy document
     */
    record PolicyRef(Name of, PathSelector path) {
    }

    /** What an {@link Access} question expects. */
    enum Expect {
        /** Every action is allowed. */
        ALLOWED,
        /** No action is allowed (explicitly or implicitly denied). */
        DENIED,
        /**
         * A Deny statement decides: an implicit deny, which an identity policy of the resource's own account could
         * still overcome, is false.
         */
        EXPLICITLY_DENIED
    }

    /**
     * {@code access}: does the policy (and, when given, the identity policies of a role) allow a request, evaluated
     * the way AWS does. True when the decision is the one {@code expect} says, for every action.
     *
     * @param policy    the resource policy, or {@code null} when only the identity's policies are evaluated
     * @param identity  an IAM role whose inline and attached policies join the evaluation, or {@code null}
     * @param principal the principal, or {@code null} for the identity role itself
     * @param actions   every action asked about (at least one); each is evaluated, none skipped
     * @param context   request context keys to templates (a template giving a list makes a multivalued key)
     * @param sentWhen  context keys AWS sends whenever the template given here has a value: when their own template
     *                  has none, they are sent with a value that is not known (a catalogued delivery's
     *                  {@code sentWhen}, such as {@code aws:SourceOrgPaths} with {@code orgId})
     */
    record Access(PolicyRef policy, Name identity, Template principal, List<Template> actions, Template resource,
                  Map<String, Template> context, Expect expect, Template because, String pointer,
                  Map<String, Template> sentWhen) implements Condition {
        public Access {
            actions = List.copyOf(actions);
            context = Collections.unmodifiableMap(new LinkedHashMap<>(context)); // file order: deterministic evidence
            sentWhen = Collections.unmodifiableMap(new LinkedHashMap<>(sentWhen));
        }

        /** A question whose every context key is left out when its template has no value. */
        public Access(PolicyRef policy, Name identity, Template principal, List<Template> actions, Template resource,
                      Map<String, Template> context, Expect expect, Template because, String pointer) {
            this(policy, identity, principal, actions, resource, context, expect, because, pointer, Map.of());
        }

        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.access(this, arg);
        }
    }

    /** {@code public}: true when the policy grants access to anyone outside the account (S3 Block Public Access). */
    record Public(PolicyRef policy, Template because, String pointer) implements Condition {
        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.publicPolicy(this, arg);
        }
    }

    /**
     * {@code who_may}: the principals the policy lets do an action on a resource, each as
     * {@code {principal, type, breadth, access, allowedBy, deniedBy}}, under a quantifier.
     */
    record WhoMay(PolicyRef policy, Template action, Template resource, Quantifier quantifier, Condition each,
                  Template because, String pointer) implements Condition {
        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.whoMay(this, arg);
        }
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

        @Override
        public <R, A> R accept(Visitor<R, A> v, A arg) {
            return v.matchesEvents(this, arg);
        }
    }

    /** The quantifiers over selected values. */
    enum Quantifier {
        EVERY, SOME, NONE
    }
}
