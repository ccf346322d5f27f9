package io.trailguard.core.dsl;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The comparison operators of a condition leaf, by their rule-file keys. */
public enum Operator {
    EQUALS("equals", "equals %s"),
    NOT_EQUALS("not_equals", "does not equal %s"),
    IN("in", "is one of %s"),
    NOT_IN("not_in", "is none of %s"),
    /** IAM-style wildcards ({@code *}, {@code ?}), as in ArnLike: the value matches one of the patterns. */
    LIKE("like", "matches one of the wildcard patterns %s"),
    NOT_LIKE("not_like", "matches none of the wildcard patterns %s"),
    EXISTS("exists", "is present"),
    ABSENT("absent", "is absent"),
    MATCHES("matches", "matches the pattern %s"),
    CONTAINS("contains", "contains %s"),
    STARTS_WITH("starts_with", "starts with %s"),
    ENDS_WITH("ends_with", "ends with %s"),
    GREATER_THAN("greater_than", "is greater than %s"),
    LESS_THAN("less_than", "is less than %s"),
    AT_LEAST("at_least", "is at least %s"),
    AT_MOST("at_most", "is at most %s"),
    OLDER_THAN("older_than", "is older than %s before the snapshot was captured"),
    NEWER_THAN("newer_than", "is newer than %s before the snapshot was captured"),
    SIZE("size", "has a size that %s");

    private final String key;
    private final String phrase;

    Operator(String key, String phrase) {
        this.key = key;
        this.phrase = phrase;
    }

    public String key() {
        return key;
    }

    /** Plain words for evidence: "equals true". */
    public String describe(String operand) {
        int at = phrase.indexOf("%s");
        return at < 0 ? phrase : phrase.substring(0, at) + operand + phrase.substring(at + 2);
    }

    /** The numeric comparisons, allowed inside {@code size} and {@code count}. */
    public static final List<Operator> NUMERIC = List.of(EQUALS, NOT_EQUALS, GREATER_THAN, LESS_THAN, AT_LEAST, AT_MOST);

    public static Optional<Operator> byKey(String key) {
        return Arrays.stream(values()).filter(o -> o.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Operator::key).toList();
    }
}
