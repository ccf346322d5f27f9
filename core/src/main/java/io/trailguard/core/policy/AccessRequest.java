package io.trailguard.core.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request to evaluate: who does what to which resource, with which request-context keys.
 *
 * @param principal an account id, an IAM user/role ARN, an STS assumed-role session ARN, a service principal such
 *     as {@code cloudtrail.amazonaws.com}, or {@code *} for an anonymous caller
 * @param action e.g. {@code s3:PutObject}
 * @param resource the resource ARN, e.g. {@code arn:aws:s3:::central-logs/AWSLogs/111122223333/x.json.gz}
 * @param resourceAccount the account owning the resource, or null to take it from the resource ARN or the
 *     resource policy's {@link PolicyInput#ownerAccount()}; S3 ARNs carry no account
 * @param context request-context keys (matched case-insensitively) to their values; multivalued keys allowed
 * @param unknownKeys keys AWS sends with this request whose values are not known (e.g. {@code aws:SourceOrgPaths}
 *     of an account whose organisational unit the snapshot does not hold), each with why: a condition on such a key
 *     is neither true nor false, and {@link PolicyEvaluator#evaluateRange} says whether the decision depends on it
 * @since 0.1
 */
public record AccessRequest(String principal, String action, String resource, String resourceAccount,
    Map<String, List<String>> context, Map<String, String> unknownKeys) {
  public AccessRequest {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    context.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    context = java.util.Collections.unmodifiableMap(copy);
    unknownKeys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unknownKeys));
  }

  /** A request whose every context key is known. */
  public AccessRequest(String principal, String action, String resource, String resourceAccount,
      Map<String, List<String>> context) {
    this(principal, action, resource, resourceAccount, context, Map.of());
  }

  /** A request without context keys. */
  public static AccessRequest of(String principal, String action, String resource) {
    return new AccessRequest(principal, action, resource, null, Map.of());
  }

  /** This request with one more context key (replacing the key if present, ignoring case). */
  public AccessRequest with(String key, String... values) {
    Map<String, List<String>> m = new LinkedHashMap<>(context);
    m.keySet().removeIf(k -> k.equalsIgnoreCase(key));
    m.put(key, Arrays.asList(values));
    Map<String, String> u = new LinkedHashMap<>(unknownKeys);
    u.keySet().removeIf(k -> k.equalsIgnoreCase(key));
    return new AccessRequest(principal, action, resource, resourceAccount, m, u);
  }

  /**
   * This request with a key AWS sends but whose value is not known, and why (replacing a known value of the key).
   */
  public AccessRequest withUnknown(String key, String why) {
    Map<String, List<String>> m = new LinkedHashMap<>(context);
    m.keySet().removeIf(k -> k.equalsIgnoreCase(key));
    Map<String, String> u = new LinkedHashMap<>(unknownKeys);
    u.keySet().removeIf(k -> k.equalsIgnoreCase(key));
    u.put(key, why);
    return new AccessRequest(principal, action, resource, resourceAccount, m, u);
  }

  /** This request with the resource account set. */
  public AccessRequest withResourceAccount(String account) {
    return new AccessRequest(principal, action, resource, account, context, unknownKeys);
  }

  /** Whether AWS sends the key with a value that is not known (case-insensitive). */
  public boolean isUnknown(String key) {
    for (String k : unknownKeys.keySet()) {
      if (k.equalsIgnoreCase(key)) {
        return true;
      }
    }
    return false;
  }

  /** The values of a context key (case-insensitive), or null when the key is absent. */
  public List<String> values(String key) {
    for (Map.Entry<String, List<String>> e : context.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** One-line form for messages. */
  public String describe() {
    List<String> ctx = new ArrayList<>();
    context.forEach((k, v) -> ctx.add(k + "=" + (v.size() == 1 ? v.get(0) : v.toString())));
    unknownKeys.keySet().forEach(k -> ctx.add(k + "=(not known)"));
    return principal + " " + action + " " + resource + (ctx.isEmpty() ? "" : " " + ctx)
        + (resourceAccount == null ? "" : " (resource account " + resourceAccount + ")");
  }

  static String lowerKey(String k) {
    return k.toLowerCase(Locale.ROOT);
  }
}
