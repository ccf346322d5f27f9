package io.trailguard.core.policy;

/**
 * The key of a {@code Principal} map entry ({@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}).
 *
 * @since 0.1
 */
public enum PrincipalType {
  AWS("AWS"),
  SERVICE("Service"),
  FEDERATED("Federated"),
  CANONICAL_USER("CanonicalUser");

  private final String jsonName;

  PrincipalType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in policy JSON, e.g. {@code Service}. */
  public String jsonName() {
    return jsonName;
  }
}
