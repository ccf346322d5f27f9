package io.trailguard.core.policy;

/**
 * The set operator prefixed to a condition operator for multivalued keys.
 *
 * @since 0.1
 */
public enum SetQualifier {
  /** No prefix: single-valued semantics (a multivalued request key matches if any of its values matches). */
  NONE(""),
  /** {@code ForAllValues:} true if every request value matches; true when the key is missing or empty. */
  FOR_ALL_VALUES("ForAllValues:"),
  /** {@code ForAnyValue:} true if at least one request value matches; false when the key is missing. */
  FOR_ANY_VALUE("ForAnyValue:");

  private final String prefix;

  SetQualifier(String prefix) {
    this.prefix = prefix;
  }

  /** The JSON prefix, e.g. {@code ForAllValues:}, empty for {@link #NONE}. */
  public String prefix() {
    return prefix;
  }
}
