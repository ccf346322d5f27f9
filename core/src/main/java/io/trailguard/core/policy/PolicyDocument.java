package io.trailguard.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A parsed IAM policy document (identity-based, bucket, key, trust or other resource-based policy).
 *
 * <p>Parse with {@link #parse(JsonNode)} or {@link #parse(String)}; both accept the forms AWS accepts
 * ({@code Statement} object or list, string-or-list elements, every condition operator) and the wrapper
 * {@code {"Policy": "<json string>"}} returned by S3 {@code GetBucketPolicy} and KMS {@code GetKeyPolicy}.
 * Parsing is as lenient as AWS where AWS is lenient (repeated Sids in bucket policies, {@code null} list entries,
 * empty operator blocks) and also reads a bare ARN or account id as {@code Principal} as {@code {"AWS": ...}}; it
 * rejects what AWS rejects structurally (unknown fields, wrong types, unknown operators, bad Version, malformed
 * ARNs and action names), with a JSON pointer to the problem.
 *
 * @param version the {@code Version}, {@code "2008-10-17"} when absent (AWS's default)
 * @param id the {@code Id}, or null
 * @param json the document as parsed (wrapper removed), kept so fixes can be expressed as JSON patches
 * @since 0.1
 */
public record PolicyDocument(String version, String id, List<Statement> statements, JsonNode json) {
  /** The current policy language version, which enables policy variables. */
  public static final String VERSION_2012 = "2012-10-17";

  /** The legacy version; policy variables are not substituted. */
  public static final String VERSION_2008 = "2008-10-17";

  public PolicyDocument {
    Objects.requireNonNull(version, "version");
    statements = List.copyOf(statements);
    json = json.deepCopy();
  }

  @Override
  public JsonNode json() {
    return json.deepCopy();
  }

  /** Whether {@code ${...}} policy variables are substituted (only in version 2012-10-17). */
  public boolean supportsVariables() {
    return VERSION_2012.equals(version);
  }

  /** Parses a policy given as JSON text (possibly the {@code {"Policy": "..."}} wrapper). */
  public static PolicyDocument parse(String json) throws PolicyParseException {
    return PolicyParser.parse(json);
  }

  /** Parses a policy given as a JSON tree (possibly the {@code {"Policy": "..."}} wrapper). */
  public static PolicyDocument parse(JsonNode json) throws PolicyParseException {
    return PolicyParser.parse(json);
  }
}
