package io.trailguard.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lists the principals a resource policy lets perform an action on a resource, with Denies taken into account. */
final class WhoMay {
  private WhoMay() {}

  static List<Grantee> find(PolicyInput policy, String action, String resource) {
    PolicyDocument doc = policy.document();
    Map<PrincipalId, List<Statement>> allows = new LinkedHashMap<>();
    List<Statement> denies = new ArrayList<>();
    for (Statement s : doc.statements()) {
      if (s.principals() == null || !Engine.actionMatches(s.actions(), action)
          || !Engine.resourceMatches(s.resources(), resource, doc.supportsVariables(), Wildcard.Variables.NONE)) {
        continue;
      }
      if (s.effect() == Effect.DENY) {
        denies.add(s);
      } else if (s.principals().negated()) {
        allows.computeIfAbsent(new PrincipalId(PrincipalType.AWS, "*"), k -> new ArrayList<>()).add(s);
      } else {
        for (PrincipalId id : s.principals().ids()) {
          allows.computeIfAbsent(id, k -> new ArrayList<>()).add(s);
        }
      }
    }
    List<Grantee> out = new ArrayList<>();
    for (Map.Entry<PrincipalId, List<Statement>> e : allows.entrySet()) {
      PrincipalId id = e.getKey();
      boolean unconditional = e.getValue().stream().anyMatch(s -> s.conditions().isEmpty());
      List<StatementRef> allowedBy = e.getValue().stream().map(s -> StatementRef.of(policy.name(), s)).toList();
      List<StatementRef> deniedBy = new ArrayList<>();
      boolean fullyDenied = false;
      boolean limited = false;
      for (Statement d : denies) {
        Cover cover = cover(d.principals(), id);
        if (cover == Cover.NONE) {
          continue;
        }
        deniedBy.add(StatementRef.of(policy.name(), d));
        if (cover == Cover.FULL && d.conditions().isEmpty()) {
          fullyDenied = true;
        } else {
          limited = true;
        }
      }
      Grantee.Access access = fullyDenied ? Grantee.Access.DENIED
          : unconditional && !limited ? Grantee.Access.MAY : Grantee.Access.MAY_UNDER_CONDITIONS;
      out.add(new Grantee(id, breadth(id), access, allowedBy, deniedBy));
    }
    return out;
  }

  private enum Cover { NONE, PARTIAL, FULL }

  /** How much of the callers covered by {@code grantee} a Deny's principal element covers. */
  private static Cover cover(Principals deny, PrincipalId grantee) {
    Grantee.Breadth b = breadth(grantee);
    if (deny.negated()) {
      if (RequestPrincipal.listedExactly(deny.ids(), grantee)) {
        return Cover.NONE;
      }
      return b == Grantee.Breadth.SPECIFIC ? Cover.FULL : Cover.PARTIAL;
    }
    for (PrincipalId d : deny.ids()) {
      if (d.isEveryone()) {
        return Cover.FULL;
      }
    }
    if (b == Grantee.Breadth.EVERYONE || b == Grantee.Breadth.WILDCARD) {
      return Cover.PARTIAL;
    }
    RequestPrincipal rp = RequestPrincipal.of(grantee.value());
    for (PrincipalId d : deny.ids()) {
      if (d.type() == grantee.type() && rp.matchedBy(d)) {
        return Cover.FULL;
      }
    }
    if (b == Grantee.Breadth.ACCOUNT) {
      String acct = RequestPrincipal.policyAccount(grantee.value());
      for (PrincipalId d : deny.ids()) {
        if (acct.equals(Arns.account(d.value()))) {
          return Cover.PARTIAL;
        }
      }
    }
    return Cover.NONE;
  }

  static Grantee.Breadth breadth(PrincipalId id) {
    if (id.isEveryone()) {
      return Grantee.Breadth.EVERYONE;
    }
    if (id.value().indexOf('*') >= 0 || id.value().indexOf('?') >= 0) {
      return Grantee.Breadth.WILDCARD;
    }
    if (id.type() == PrincipalType.AWS && RequestPrincipal.policyAccount(id.value()) != null) {
      return Grantee.Breadth.ACCOUNT;
    }
    return Grantee.Breadth.SPECIFIC;
  }
}
