package io.trailguard.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * S3 Block Public Access's definition of a public policy (S3 User Guide, "Blocking public access to your Amazon S3
 * storage", section "The meaning of public"): a policy is public unless every Allow statement grants only to fixed
 * principals or is restricted to fixed values (no wildcard, no policy variable) of the keys the guide lists.
 */
final class PublicCheck {
  /**
   * Keys whose fixed value makes a statement non-public. From the guide: aws:SourceIp (a not-too-broad CIDR),
   * aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner, aws:SourceAccount, aws:userid (outside the
   * pattern "AROLEID:*"), s3:DataAccessPointArn, s3:DataAccessPointAccount,
   * s3:x-amz-server-side-encryption-aws-kms-key-id, and "an AWS principal, user, role or service principal (for
   * example aws:PrincipalOrgID)", which covers the principal keys aws:PrincipalOrgID, aws:PrincipalOrgPaths,
   * aws:PrincipalAccount and aws:PrincipalArn.
   */
  static final Set<String> FIXING_KEYS = Set.of(
      "aws:sourceip", "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner", "aws:sourceaccount",
      "aws:userid", "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
      "s3:dataaccesspointarn", "s3:dataaccesspointaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id");

  /** The guide treats IPv4 blocks broader than /8 and IPv6 blocks broader than /32 as public. */
  static final int MIN_IPV4_PREFIX = 8;
  static final int MIN_IPV6_PREFIX = 32;

  private PublicCheck() {}

  static PublicAccess check(PolicyInput policy) {
    List<PublicAccess.PublicGrant> grants = new ArrayList<>();
    for (Statement s : policy.document().statements()) {
      if (s.effect() != Effect.ALLOW || s.principals() == null) {
        continue;
      }
      String who = publicPrincipal(s.principals());
      if (who == null) {
        continue;
      }
      boolean restricted = false;
      for (Condition c : s.conditions()) {
        if (restricts(c)) {
          restricted = true;
          break;
        }
      }
      if (!restricted) {
        grants.add(new PublicAccess.PublicGrant(StatementRef.of(policy.name(), s),
            who + (s.conditions().isEmpty() ? ", with no condition"
                : ", and no condition limits it to fixed values of aws:SourceArn, aws:SourceAccount,"
                    + " aws:SourceVpc(e), aws:SourceOwner, aws:PrincipalOrgID, aws:userid or a narrow"
                    + " aws:SourceIp")));
      }
    }
    return new PublicAccess(!grants.isEmpty(), grants);
  }

  /** Why the principal element is public, or null when it names only fixed principals. */
  static String publicPrincipal(Principals p) {
    if (p.negated()) {
      return "Allow with NotPrincipal grants access to everyone not listed";
    }
    for (PrincipalId id : p.ids()) {
      if (id.isEveryone()) {
        return "grants access to Principal \"*\" (everyone, including anonymous callers)";
      }
      if (id.value().indexOf('*') >= 0 || id.value().indexOf('?') >= 0) {
        return "grants access to the wildcard principal \"" + id.value() + "\"";
      }
    }
    return null;
  }

  /**
   * Whether the condition limits the statement to fixed values of a listed key. It must be a positive operator
   * (negations, {@code ...IfExists} and {@code ForAllValues:} are also satisfied by requests without the key) with
   * values that contain no wildcard and no policy variable.
   */
  static boolean restricts(Condition c) {
    String key = c.key().toLowerCase(Locale.ROOT);
    if (!FIXING_KEYS.contains(key) || c.operator().negated() || c.operator() == ConditionOperator.NULL
        || c.ifExists() || c.qualifier() == SetQualifier.FOR_ALL_VALUES) {
      return false;
    }
    if (key.equals("aws:sourceip")) {
      if (c.operator() != ConditionOperator.IP_ADDRESS) {
        return false;
      }
      for (String v : c.values()) {
        IpRange r = IpRange.parse(v);
        if (r == null || r.prefix() < (r.isIpv4() ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX)) {
          return false;
        }
      }
      return true;
    }
    switch (c.operator().family()) {
      case STRING, STRING_IGNORE_CASE, STRING_LIKE, ARN -> { }
      default -> {
        return false;
      }
    }
    for (String v : c.values()) {
      if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0 || Wildcard.hasVariable(v) || v.isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
