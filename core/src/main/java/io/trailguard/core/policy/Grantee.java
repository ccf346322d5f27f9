package io.trailguard.core.policy;

import java.util.List;

/**
 * A principal named in a resource policy that may perform the asked action on the asked resource.
 *
 * @param principal the principal as named ({@code AWS:*} for everyone, also used for an Allow with NotPrincipal)
 * @param breadth how many callers the entry covers
 * @param access whether the grant holds unconditionally, only under conditions, or is cancelled by a Deny
 * @param allowedBy the Allow statements granting it
 * @param deniedBy the Deny statements that cancel or limit it
 * @since 0.1
 */
public record Grantee(
    PrincipalId principal, Breadth breadth, Access access, List<StatementRef> allowedBy,
    List<StatementRef> deniedBy) {
  public Grantee {
    allowedBy = List.copyOf(allowedBy);
    deniedBy = List.copyOf(deniedBy);
  }

  /** How broad a principal entry is. */
  public enum Breadth {
    /** {@code *}, or an Allow with NotPrincipal: anyone, including anonymous callers. */
    EVERYONE,
    /** A pattern with a wildcard, e.g. {@code arn:aws:iam::*:role/x}. */
    WILDCARD,
    /** A whole account: every user and role the account's administrators allow. */
    ACCOUNT,
    /** One user, role, session, service or federated identity. */
    SPECIFIC
  }

  /** Whether the grant stands. */
  public enum Access {
    /** Granted without conditions and not cancelled by a Deny. */
    MAY,
    /** Granted, but only when conditions hold, or partly limited by a conditional or narrower Deny. */
    MAY_UNDER_CONDITIONS,
    /** Cancelled by an unconditional Deny that covers the principal. */
    DENIED
  }
}
