package io.trailguard.core.policy;

/**
 * A policy document is malformed. Carries a JSON pointer (RFC 6901) to the offending element and a plain message.
 *
 * @since 0.1
 */
public final class PolicyParseException extends Exception {
  private final String pointer;
  private final String problem;

  PolicyParseException(String pointer, String problem) {
    super((pointer.isEmpty() ? "(document)" : pointer) + ": " + problem);
    this.pointer = pointer;
    this.problem = problem;
  }

  /** JSON pointer to the problem, {@code ""} for the whole document. */
  public String pointer() {
    return pointer;
  }

  /** The problem in plain words, without the pointer. */
  public String problem() {
    return problem;
  }
}
