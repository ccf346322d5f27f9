package io.trailguard.core.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * The condition operators documented in "IAM JSON policy elements: Condition operators".
 *
 * <p>A <em>negated</em> operator (e.g. {@code StringNotEquals}) is true when the request value matches none of the
 * policy values, and is true when the key is missing from the request.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html">
 *     Condition operators</a>
 * @since 0.1
 */
public enum ConditionOperator {
  STRING_EQUALS("StringEquals", Family.STRING, false),
  STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
  STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING_IGNORE_CASE, false),
  STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING_IGNORE_CASE, true),
  STRING_LIKE("StringLike", Family.STRING_LIKE, false),
  STRING_NOT_LIKE("StringNotLike", Family.STRING_LIKE, true),
  NUMERIC_EQUALS("NumericEquals", Family.NUMERIC_EQ, false),
  NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC_EQ, true),
  NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC_LT, false),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC_LE, false),
  NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC_GT, false),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC_GE, false),
  DATE_EQUALS("DateEquals", Family.DATE_EQ, false),
  DATE_NOT_EQUALS("DateNotEquals", Family.DATE_EQ, true),
  DATE_LESS_THAN("DateLessThan", Family.DATE_LT, false),
  DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE_LE, false),
  DATE_GREATER_THAN("DateGreaterThan", Family.DATE_GT, false),
  DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE_GE, false),
  BOOL("Bool", Family.BOOL, false),
  BINARY_EQUALS("BinaryEquals", Family.BINARY, false),
  IP_ADDRESS("IpAddress", Family.IP, false),
  NOT_IP_ADDRESS("NotIpAddress", Family.IP, true),
  ARN_EQUALS("ArnEquals", Family.ARN, false),
  ARN_LIKE("ArnLike", Family.ARN, false),
  ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
  ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
  NULL("Null", Family.NULL, false);

  /** How a single policy value is compared with a single request value. */
  enum Family {
    STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE,
    DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE, BOOL, BINARY, IP, ARN, NULL
  }

  private final String jsonName;
  private final Family family;
  private final boolean negated;

  ConditionOperator(String jsonName, Family family, boolean negated) {
    this.jsonName = jsonName;
    this.family = family;
    this.negated = negated;
  }

  /** The operator name as written in policies, e.g. {@code StringNotLike}. */
  public String jsonName() {
    return jsonName;
  }

  /** Whether the operator is a negation (true when the request value matches none of the policy values). */
  public boolean negated() {
    return negated;
  }

  Family family() {
    return family;
  }

  /** Looks up an operator by name, case-insensitively, without {@code IfExists} or a set qualifier. */
  public static Optional<ConditionOperator> byName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (ConditionOperator op : values()) {
      if (op.jsonName.toLowerCase(Locale.ROOT).equals(lower)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
