package io.trailguard.core.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * AWS's documented evaluation: an applicable Deny in any policy wins; otherwise a request within one account is
 * allowed if an identity-based or a resource-based policy allows it, a cross-account request only if both do;
 * service principals are judged by the resource policy alone; otherwise it is implicitly denied.
 */
final class Engine {
  private Engine() {}

  /**
   * How a statement applies to a request: not at all, naming the principal (or everyone), or only by naming the
   * principal's account, which delegates the decision to that account's IAM policies.
   */
  enum Match { NONE, DIRECT, DELEGATED }

  /** Whether the statement applies to the request (principal, action, resource and all conditions match). */
  static boolean applies(Statement s, PolicyInput.Kind kind, PolicyDocument doc, RequestContext ctx) {
    return match(s, kind, doc, ctx) != Match.NONE;
  }

  static Match match(Statement s, PolicyInput.Kind kind, PolicyDocument doc, RequestContext ctx) {
    Match m = principalMatch(s, kind, ctx.principal);
    if (m == Match.NONE || !actionMatches(s.actions(), ctx.request.action())
        || !resourceMatches(s.resources(), ctx.request.resource(), doc.supportsVariables(), ctx)
        || !conditionsHold(s, doc, ctx)) {
      return Match.NONE;
    }
    return m;
  }

  /**
   * Whether every condition of the statement holds. A condition on a key AWS sends with a value that is not known
   * holds or not as the request context's {@link RequestContext.Bound} says (its presence is known, so {@code Null}
   * is decided).
   */
  static boolean conditionsHold(Statement s, PolicyDocument doc, RequestContext ctx) {
    for (Condition c : s.conditions()) {
      boolean holds;
      if (ctx.request.isUnknown(c.key())) {
        holds = c.operator() == ConditionOperator.NULL
            ? c.values().stream().anyMatch(v -> v.equalsIgnoreCase("false"))
            : ctx.assumeUnknown(s.effect());
      } else {
        holds = Conditions.holds(c, ctx, doc.supportsVariables());
      }
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  static boolean principalMatches(Statement s, PolicyInput.Kind kind, RequestPrincipal rp) {
    return principalMatch(s, kind, rp) != Match.NONE;
  }

  static Match principalMatch(Statement s, PolicyInput.Kind kind, RequestPrincipal rp) {
    Principals p = s.principals();
    if (p == null) {
      // Identity policies have no Principal: they apply to the identity they are attached to. A resource policy
      // statement without Principal grants nothing.
      return kind == PolicyInput.Kind.IDENTITY ? Match.DIRECT : Match.NONE;
    }
    if (!p.negated()) {
      boolean viaAccount = false;
      for (PrincipalId id : p.ids()) {
        if (rp.matchedBy(id)) {
          if (!rp.matchedOnlyAsAccount(id)) {
            return Match.DIRECT;
          }
          viaAccount = true;
        }
      }
      return viaAccount ? Match.DELEGATED : Match.NONE;
    }
    if (p.ids().stream().anyMatch(PrincipalId::isEveryone)) {
      return Match.NONE;
    }
    for (PrincipalId identity : rp.identityChain()) {
      if (!RequestPrincipal.listedExactly(p.ids(), identity)) {
        return Match.DIRECT;
      }
    }
    return Match.NONE;
  }

  /** Action names are matched case-insensitively with {@code *} and {@code ?}. */
  static boolean actionMatches(ValueList actions, String action) {
    String a = Wildcard.lower(action);
    boolean any = false;
    for (String pattern : actions.values()) {
      if (Wildcard.matchesPlain(pattern, a, true)) {
        any = true;
        break;
      }
    }
    return actions.negated() != any;
  }

  /** Resource ARNs are matched case-sensitively per ARN component; an absent Resource matches. */
  static boolean resourceMatches(ValueList resources, String resource, boolean variables, Wildcard.Variables v) {
    if (resources == null) {
      return true;
    }
    boolean any = false;
    if (resources.values().size() >= PrefixIndex.MIN_SIZE) {
      any = PrefixIndex.of(resources.values()).anyMatches(resource, variables, v);
    } else {
      for (String pattern : resources.values()) {
        if (Arns.matches(pattern, resource, variables, v)) {
          any = true;
          break;
        }
      }
    }
    return resources.negated() != any;
  }

  static Decision evaluate(List<PolicyInput> policies, AccessRequest request) {
    return evaluate(policies, request, RequestContext.Bound.LEAST);
  }

  static Decision evaluate(List<PolicyInput> policies, AccessRequest request, RequestContext.Bound bound) {
    RequestContext ctx = new RequestContext(request, bound);
    List<StatementRef> denies = new ArrayList<>();
    List<StatementRef> directAllows = new ArrayList<>();
    List<StatementRef> delegatedAllows = new ArrayList<>();
    List<StatementRef> identityAllowList = new ArrayList<>();
    boolean hasIdentity = false;
    boolean hasResource = false;
    String owner = null;
    for (PolicyInput in : policies) {
      if (in.kind() == PolicyInput.Kind.IDENTITY) {
        hasIdentity = true;
        if (ctx.principal.isService()) {
          continue;
        }
      } else {
        hasResource = true;
        if (owner == null) {
          owner = in.ownerAccount();
        }
      }
      for (Statement s : in.document().statements()) {
        Match m = match(s, in.kind(), in.document(), ctx);
        if (m == Match.NONE) {
          continue;
        }
        StatementRef ref = StatementRef.of(in.name(), s);
        if (s.effect() == Effect.DENY) {
          denies.add(ref);
        } else if (in.kind() == PolicyInput.Kind.IDENTITY) {
          identityAllowList.add(ref);
        } else if (m == Match.DELEGATED) {
          delegatedAllows.add(ref);
        } else {
          directAllows.add(ref);
        }
      }
    }
    if (!denies.isEmpty()) {
      return new Decision(Decision.Outcome.EXPLICIT_DENY, denies,
          "explicitly denied by " + labels(denies) + "; an explicit deny overrides any allow");
    }
    List<StatementRef> resourceAllows = new ArrayList<>(directAllows);
    resourceAllows.addAll(delegatedAllows);
    if (ctx.principal.isService()) {
      return resourceAllows.isEmpty()
          ? new Decision(Decision.Outcome.IMPLICIT_DENY, List.of(),
              "no resource policy statement allows " + request.principal() + " to " + request.action()
                  + " on " + request.resource() + " (service principals are judged by the resource policy)")
          : new Decision(Decision.Outcome.ALLOWED, resourceAllows, "allowed by " + labels(resourceAllows));
    }
    String resourceAccount = ctx.resourceAccount(owner);
    String principalAccount = ctx.principal.account();
    boolean cross = resourceAccount != null && principalAccount != null && !resourceAccount.equals(principalAccount);
    // The root user of an account needs no identity policy: naming its account names it.
    boolean root = ctx.principal.kind() == RequestPrincipal.Kind.ACCOUNT;
    if (root) {
      directAllows.addAll(delegatedAllows);
      delegatedAllows.clear();
    }
    boolean identityKnown = hasIdentity || root;
    boolean identityAllows = root || !identityAllowList.isEmpty();
    if (cross) {
      return crossAccount(request, resourceAllows, identityAllowList, identityKnown, identityAllows,
          principalAccount, resourceAccount);
    }
    if (hasResource && isKms(request)) {
      return keyPolicy(request, directAllows, delegatedAllows, identityAllowList, identityKnown, identityAllows,
          principalAccount);
    }
    if (!directAllows.isEmpty() || !identityAllowList.isEmpty()) {
      List<StatementRef> allows = new ArrayList<>(identityAllowList);
      allows.addAll(directAllows);
      allows.addAll(delegatedAllows);
      return new Decision(Decision.Outcome.ALLOWED, allows, "allowed by " + labels(allows));
    }
    if (!delegatedAllows.isEmpty()) {
      return delegated(request, delegatedAllows, identityKnown, principalAccount);
    }
    return new Decision(Decision.Outcome.IMPLICIT_DENY, List.of(),
        "no statement allows " + request.principal() + " to " + request.action() + " on " + request.resource());
  }

  /**
   * A resource policy statement naming only the principal's account delegates to that account's IAM policies: it
   * allows nothing by itself, so without an identity allow the request is denied, and with the identity policies
   * unknown the answer is conditional.
   */
  private static Decision delegated(AccessRequest request, List<StatementRef> delegatedAllows, boolean identityKnown,
      String account) {
    String names = labels(delegatedAllows) + " names account " + account + ", which delegates to that account's IAM"
        + " policies";
    if (!identityKnown) {
      return new Decision(Decision.Outcome.ALLOWED_IF_IDENTITY_ALLOWS, delegatedAllows, names + ": "
          + request.principal() + " may " + request.action() + " only if one of its identity policies allows it, and"
          + " they were not evaluated");
    }
    return new Decision(Decision.Outcome.IMPLICIT_DENY, delegatedAllows, names + ", and no identity policy of "
        + request.principal() + " allows " + request.action());
  }

  /** AWS's cross-account rule: the resource policy and the principal's identity policies must both allow. */
  private static Decision crossAccount(AccessRequest request, List<StatementRef> resourceAllows,
      List<StatementRef> identityAllowList, boolean identityKnown, boolean identityAllows, String principalAccount,
      String resourceAccount) {
    String where = "cross-account request (principal in " + principalAccount + ", resource in " + resourceAccount + ")";
    if (resourceAllows.isEmpty()) {
      return new Decision(Decision.Outcome.IMPLICIT_DENY, identityAllowList,
          where + " needs an allow from both sides, but the resource policy does not allow it");
    }
    if (!identityKnown) {
      return new Decision(Decision.Outcome.ALLOWED_IF_IDENTITY_ALLOWS, resourceAllows,
          where + ": the resource policy allows it (" + labels(resourceAllows) + "); it is allowed only if an"
              + " identity policy of " + request.principal() + " allows it too, and those were not evaluated");
    }
    if (!identityAllows) {
      return new Decision(Decision.Outcome.IMPLICIT_DENY, resourceAllows,
          where + " needs an allow from both sides, but the principal's identity policies do not allow it");
    }
    List<StatementRef> both = new ArrayList<>(identityAllowList);
    both.addAll(resourceAllows);
    return new Decision(Decision.Outcome.ALLOWED, both, identityAllowList.isEmpty()
        ? where + " allowed by the resource policy (" + labels(resourceAllows) + ") for the account's root user"
        : where + " allowed by both the identity policy (" + labels(identityAllowList)
            + ") and the resource policy (" + labels(resourceAllows) + ")");
  }

  /**
   * KMS: the key policy is the primary control. IAM policies take effect only where the key policy allows the
   * account (its "Enable IAM User Permissions" statement), so an identity allow alone grants nothing.
   *
   * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html">Default key
   *     policy</a>
   */
  private static Decision keyPolicy(AccessRequest request, List<StatementRef> directAllows,
      List<StatementRef> delegatedAllows, List<StatementRef> identityAllowList, boolean identityKnown,
      boolean identityAllows, String account) {
    if (!directAllows.isEmpty()) {
      return new Decision(Decision.Outcome.ALLOWED, directAllows, "allowed by the key policy: "
          + labels(directAllows));
    }
    if (!delegatedAllows.isEmpty()) {
      if (identityKnown && identityAllows) {
        List<StatementRef> both = new ArrayList<>(delegatedAllows);
        both.addAll(identityAllowList);
        return new Decision(Decision.Outcome.ALLOWED, both, "the key policy lets account " + account
            + " use IAM policies (" + labels(delegatedAllows) + ") and " + labels(identityAllowList) + " allows it");
      }
      return delegated(request, delegatedAllows, identityKnown, account);
    }
    return new Decision(Decision.Outcome.IMPLICIT_DENY, List.of(), identityAllowList.isEmpty()
        ? "no statement of the key policy allows " + request.principal() + " to " + request.action()
        : labels(identityAllowList) + " allows " + request.action() + ", but IAM policies have no effect on a KMS key"
            + " whose key policy does not allow account " + account + " (no \"Enable IAM User Permissions\""
            + " statement covers it)");
  }

  /** Whether the request is made to AWS KMS, whose key policies follow their own rule. */
  static boolean isKms(AccessRequest request) {
    return request.action().regionMatches(true, 0, "kms:", 0, 4);
  }

  static String labels(List<StatementRef> refs) {
    List<String> l = new ArrayList<>();
    for (StatementRef r : refs) {
      l.add(r.label());
    }
    return String.join(", ", l);
  }
}
