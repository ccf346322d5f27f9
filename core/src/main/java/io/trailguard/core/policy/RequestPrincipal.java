package io.trailguard.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The principal making a request, classified so policy principals can be matched as AWS documents: an account
 * principal covers every identity of the account, a role ARN covers the role's sessions.
 */
record RequestPrincipal(Kind kind, String raw, String account, String arn, String roleName, String name) {
  enum Kind { ANONYMOUS, ACCOUNT, USER, ROLE, ASSUMED_ROLE, FEDERATED_USER, SERVICE, OTHER }

  static RequestPrincipal of(String p) {
    String s = p.trim();
    if (s.equals("*") || s.equalsIgnoreCase("anonymous")) {
      return new RequestPrincipal(Kind.ANONYMOUS, s, null, null, null, null);
    }
    if (Arns.isAccountId(s)) {
      return new RequestPrincipal(Kind.ACCOUNT, s, s, "arn:aws:iam::" + s + ":root", null, null);
    }
    if (!s.startsWith("arn:") && s.toLowerCase(Locale.ROOT).endsWith(".amazonaws.com")) {
      return new RequestPrincipal(Kind.SERVICE, s, null, null, null, s);
    }
    List<String> parts = Arns.split(s);
    if (parts.size() == 6 && parts.get(0).equals("arn")) {
      String service = parts.get(2);
      String account = parts.get(4);
      String res = parts.get(5);
      if (service.equals("iam")) {
        if (res.equals("root")) {
          return new RequestPrincipal(Kind.ACCOUNT, s, account, s, null, null);
        }
        if (res.startsWith("user/")) {
          return new RequestPrincipal(Kind.USER, s, account, s, null, lastSegment(res));
        }
        if (res.startsWith("role/")) {
          String name = lastSegment(res);
          return new RequestPrincipal(Kind.ROLE, s, account, s, name, name);
        }
      } else if (service.equals("sts")) {
        if (res.startsWith("assumed-role/")) {
          String[] seg = res.split("/", -1);
          String role = seg.length >= 3 ? seg[1] : null;
          String session = seg.length >= 3 ? seg[seg.length - 1] : null;
          return new RequestPrincipal(Kind.ASSUMED_ROLE, s, account, s, role, session);
        }
        if (res.startsWith("federated-user/")) {
          return new RequestPrincipal(Kind.FEDERATED_USER, s, account, s, null, lastSegment(res));
        }
      }
      return new RequestPrincipal(Kind.OTHER, s, account.isEmpty() ? null : account, s, null, null);
    }
    return new RequestPrincipal(Kind.OTHER, s, null, null, null, null);
  }

  private static String lastSegment(String res) {
    return res.substring(res.lastIndexOf('/') + 1);
  }

  boolean isService() {
    return kind == Kind.SERVICE;
  }

  /** The ARN AWS puts in {@code aws:PrincipalArn}: the role (without path, which a session ARN lacks). */
  String principalArn() {
    return switch (kind) {
      case ASSUMED_ROLE -> roleName == null ? arn : arn.substring(0, arn.indexOf(":sts:")) + ":iam::" + account
          + ":role/" + roleName;
      case ACCOUNT, USER, ROLE, FEDERATED_USER, OTHER -> arn;
      case ANONYMOUS, SERVICE -> null;
    };
  }

  /**
   * Whether a principal named in a {@code Principal} element matches this request principal: {@code *} matches
   * everyone; an account ({@code 123456789012} or {@code arn:aws:iam::123456789012:root}) matches every identity
   * of that account; a role ARN matches the role and its assumed-role sessions; other ARNs and service names match
   * themselves.
   */
  boolean matchedBy(PrincipalId id) {
    String v = id.value();
    switch (id.type()) {
      case AWS:
        if (v.equals("*")) {
          return true;
        }
        if (kind == Kind.ANONYMOUS || kind == Kind.SERVICE) {
          return false;
        }
        String acct = policyAccount(v);
        if (acct != null) {
          return acct.equals(account);
        }
        if (isRoleArn(v)) {
          if (kind == Kind.ROLE) {
            return v.equals(arn);
          }
          return kind == Kind.ASSUMED_ROLE && roleName != null && roleName.equals(lastSegment(Arns.split(v).get(5)))
              && account != null && account.equals(Arns.account(v));
        }
        return v.equals(arn) || v.equals(raw);
      case SERVICE:
        return kind == Kind.SERVICE && v.equalsIgnoreCase(raw);
      case FEDERATED:
      case CANONICAL_USER:
        return v.equals(raw);
      default:
        throw new IllegalStateException(id.type().name());
    }
  }

  /**
   * Whether {@code id} matches this principal only because it names the principal's account ({@code 123456789012}
   * or {@code arn:aws:iam::123456789012:root}): such a grant delegates to the account's IAM policies and does not
   * by itself allow a user or role of the account.
   *
   * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts">
   *     IAM JSON policy elements: Principal — AWS account principals</a>
   */
  boolean matchedOnlyAsAccount(PrincipalId id) {
    return id.type() == PrincipalType.AWS && kind != Kind.ACCOUNT && policyAccount(id.value()) != null;
  }

  /**
   * The identities that must all be listed in a {@code NotPrincipal} element for this principal to be excluded.
   * AWS documents that with NotPrincipal a request is evaluated as its account and, for sessions, the role too:
   * e.g. an assumed-role session is excluded only if its session ARN, role ARN and account are all listed.
   */
  List<PrincipalId> identityChain() {
    List<PrincipalId> chain = new ArrayList<>();
    switch (kind) {
      case ANONYMOUS -> chain.add(new PrincipalId(PrincipalType.AWS, "*"));
      case SERVICE -> chain.add(new PrincipalId(PrincipalType.SERVICE, raw));
      case ACCOUNT -> chain.add(new PrincipalId(PrincipalType.AWS, "arn:aws:iam::" + account + ":root"));
      case USER, FEDERATED_USER, ROLE -> {
        chain.add(new PrincipalId(PrincipalType.AWS, arn));
        chain.add(new PrincipalId(PrincipalType.AWS, "arn:aws:iam::" + account + ":root"));
      }
      case ASSUMED_ROLE -> {
        chain.add(new PrincipalId(PrincipalType.AWS, arn));
        chain.add(new PrincipalId(PrincipalType.AWS, principalArn()));
        chain.add(new PrincipalId(PrincipalType.AWS, "arn:aws:iam::" + account + ":root"));
      }
      case OTHER -> chain.add(new PrincipalId(PrincipalType.AWS, raw));
    }
    return chain;
  }

  /** Whether a NotPrincipal list names this exact identity (no account-covers-members widening). */
  static boolean listedExactly(List<PrincipalId> listed, PrincipalId identity) {
    for (PrincipalId l : listed) {
      if (l.type() != identity.type()) {
        continue;
      }
      String a = l.value();
      String b = identity.value();
      if (l.type() == PrincipalType.SERVICE ? a.equalsIgnoreCase(b) : a.equals(b)) {
        return true;
      }
      String la = policyAccount(a);
      if (la != null && la.equals(policyAccount(b))) {
        return true;
      }
      if (isRoleArn(a) && isRoleArn(b) && Arns.account(a).equals(Arns.account(b))
          && lastSegment(Arns.split(a).get(5)).equals(lastSegment(Arns.split(b).get(5)))) {
        return true;
      }
    }
    return false;
  }

  /** The account of an account principal ({@code 123456789012} or {@code arn:...:iam::123456789012:root}). */
  static String policyAccount(String v) {
    if (Arns.isAccountId(v)) {
      return v;
    }
    List<String> p = Arns.split(v);
    if (p.size() == 6 && p.get(0).equals("arn") && p.get(2).equals("iam") && p.get(5).equals("root")) {
      return p.get(4);
    }
    return null;
  }

  static boolean isRoleArn(String v) {
    List<String> p = Arns.split(v);
    return p.size() == 6 && p.get(0).equals("arn") && p.get(2).equals("iam") && p.get(5).startsWith("role/");
  }
}
