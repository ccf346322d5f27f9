package io.trailguard.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * One condition test: an operator (with its qualifier and {@code IfExists}), one key and its values. A
 * {@code Condition} block with several operators or keys becomes several of these, all of which must hold.
 *
 * @param operatorText the operator exactly as written, e.g. {@code ForAnyValue:StringLikeIfExists}
 * @since 0.1
 */
public record Condition(
    String operatorText,
    SetQualifier qualifier,
    ConditionOperator operator,
    boolean ifExists,
    String key,
    List<String> values) {
  public Condition {
    Objects.requireNonNull(operatorText, "operatorText");
    Objects.requireNonNull(qualifier, "qualifier");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(key, "key");
    values = List.copyOf(values);
  }
}
