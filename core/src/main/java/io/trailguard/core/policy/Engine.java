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

  /** Whether the statement applies to the request (principal, action, resource and all conditions match). */
  static boolean applies(Statement s, PolicyInput.Kind kind, PolicyDocument doc, RequestContext ctx) {
    return principalMatches(s, kind, ctx.principal) && actionMatches(s.actions(), ctx.request.action())
        && resourceMatches(s.resources(), ctx.request.resource(), doc.supportsVariables(), ctx)
        && conditionsHold(s, doc, ctx);
  }

  static boolean conditionsHold(Statement s, PolicyDocument doc, RequestContext ctx) {
    for (Condition c : s.conditions()) {
      if (!Conditions.holds(c, ctx, doc.supportsVariables())) {
        return false;
      }
    }
    return true;
  }

  static boolean principalMatches(Statement s, PolicyInput.Kind kind, RequestPrincipal rp) {
    Principals p = s.principals();
    if (p == null) {
      // Identity policies have no Principal: they apply to the identity they are attached to. A resource policy
      // statement without Principal grants nothing.
      return kind == PolicyInput.Kind.IDENTITY;
    }
    if (!p.negated()) {
      for (PrincipalId id : p.ids()) {
        if (rp.matchedBy(id)) {
          return true;
        }
      }
      return false;
    }
    if (p.ids().stream().anyMatch(PrincipalId::isEveryone)) {
      return false;
    }
    for (PrincipalId identity : rp.identityChain()) {
      if (!RequestPrincipal.listedExactly(p.ids(), identity)) {
        return true;
      }
    }
    return false;
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
    RequestContext ctx = new RequestContext(request);
    List<StatementRef> denies = new ArrayList<>();
    List<StatementRef> resourceAllows = new ArrayList<>();
    List<StatementRef> identityAllows = new ArrayList<>();
    boolean hasIdentity = false;
    String owner = null;
    for (PolicyInput in : policies) {
      if (in.kind() == PolicyInput.Kind.IDENTITY) {
        hasIdentity = true;
        if (ctx.principal.isService()) {
          continue;
        }
      } else if (owner == null) {
        owner = in.ownerAccount();
      }
      for (Statement s : in.document().statements()) {
        if (!applies(s, in.kind(), in.document(), ctx)) {
          continue;
        }
        StatementRef ref = StatementRef.of(in.name(), s);
        if (s.effect() == Effect.DENY) {
          denies.add(ref);
        } else if (in.kind() == PolicyInput.Kind.IDENTITY) {
          identityAllows.add(ref);
        } else {
          resourceAllows.add(ref);
        }
      }
    }
    if (!denies.isEmpty()) {
      return new Decision(Decision.Outcome.EXPLICIT_DENY, denies,
          "explicitly denied by " + labels(denies) + "; an explicit deny overrides any allow");
    }
    if (ctx.principal.isService()) {
      return resourceAllows.isEmpty()
          ? new Decision(Decision.Outcome.IMPLICIT_DENY, List.of(),
              "no resource policy statement allows " + request.principal() + " to " + request.action()
                  + " on " + request.resource() + " (service principals are judged by the resource policy)")
          : new Decision(Decision.Outcome.ALLOWED, resourceAllows, "allowed by " + labels(resourceAllows));
    }
    String resourceAccount = ctx.resourceAccount(owner);
    String principalAccount = ctx.principal.account();
    boolean cross = hasIdentity && resourceAccount != null && principalAccount != null
        && !resourceAccount.equals(principalAccount);
    if (cross) {
      if (!resourceAllows.isEmpty() && !identityAllows.isEmpty()) {
        List<StatementRef> both = new ArrayList<>(identityAllows);
        both.addAll(resourceAllows);
        return new Decision(Decision.Outcome.ALLOWED, both,
            "cross-account request allowed by both the identity policy (" + labels(identityAllows)
                + ") and the resource policy (" + labels(resourceAllows) + ")");
      }
      List<StatementRef> partial = resourceAllows.isEmpty() ? identityAllows : resourceAllows;
      String missing = resourceAllows.isEmpty() ? "the resource policy" : "the principal's identity policies";
      return new Decision(Decision.Outcome.IMPLICIT_DENY, partial,
          "cross-account request (principal in " + principalAccount + ", resource in " + resourceAccount
              + ") needs an allow from both sides, but " + missing + " does not allow it");
    }
    List<StatementRef> allows = new ArrayList<>(identityAllows);
    allows.addAll(resourceAllows);
    if (!allows.isEmpty()) {
      return new Decision(Decision.Outcome.ALLOWED, allows, "allowed by " + labels(allows));
    }
    return new Decision(Decision.Outcome.IMPLICIT_DENY, List.of(),
        "no statement allows " + request.principal() + " to " + request.action() + " on " + request.resource());
  }

  static String labels(List<StatementRef> refs) {
    List<String> l = new ArrayList<>();
    for (StatementRef r : refs) {
      l.add(r.label());
    }
    return String.join(", ", l);
  }
}
