package io.trailguard.core.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Objects;

/**
 * A policy taking part in an evaluation: its document, what kind it is and a name used in evidence.
 *
 * @param name how evidence refers to the policy, e.g. {@code bucket policy of central-logs}
 * @param ownerAccount for a resource policy, the account owning the resource (null if unknown)
 * @since 0.1
 */
public record PolicyInput(String name, Kind kind, PolicyDocument document, String ownerAccount) {
  /** Whether a policy is attached to an identity or to a resource. */
  public enum Kind {
    /** Attached to the requesting user or role; statements have no Principal. */
    IDENTITY,
    /** Attached to the resource (bucket policy, key policy, trust policy...); statements name principals. */
    RESOURCE
  }

  public PolicyInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(document, "document");
  }

  /** A resource-based policy of a resource owned by {@code ownerAccount} (may be null). */
  public static PolicyInput resource(String name, PolicyDocument document, String ownerAccount) {
    return new PolicyInput(name, Kind.RESOURCE, document, ownerAccount);
  }

  /**
   * Says that the requesting principal's identity policies are known and grant nothing (a role without policies),
   * as opposed to not being part of the evaluation at all.
   */
  public static PolicyInput noIdentityPolicies(String name) {
    return identity(name, new PolicyDocument(PolicyDocument.VERSION_2012, null, List.of(),
        JsonNodeFactory.instance.objectNode()
            .put("Version", PolicyDocument.VERSION_2012)));
  }

  /** An identity-based policy of the requesting principal. */
  public static PolicyInput identity(String name, PolicyDocument document) {
    return new PolicyInput(name, Kind.IDENTITY, document, null);
  }
}
