package io.trailguard.core.policy;

import java.util.List;

/**
 * A request prepared for evaluation: its classified principal and its context keys, completed with the keys AWS
 * derives from the principal ({@code aws:PrincipalAccount}, {@code aws:PrincipalArn}, {@code aws:username},
 * {@code aws:PrincipalServiceName}) unless the caller supplied them.
 */
final class RequestContext implements Wildcard.Variables {
  /**
   * How a condition on a key whose value is not known ({@link AccessRequest#unknownKeys}) is taken: for the least
   * the request can be allowed (Allow conditions false, Deny conditions true) or for the most (the reverse).
   */
  enum Bound { LEAST, MOST }

  final AccessRequest request;
  final RequestPrincipal principal;
  final Bound bound;

  RequestContext(AccessRequest request) {
    this(request, Bound.LEAST);
  }

  RequestContext(AccessRequest request, Bound bound) {
    this.request = request;
    this.principal = RequestPrincipal.of(request.principal());
    this.bound = bound;
  }

  /** What a condition on a key of unknown value counts as in a statement of this effect, under this bound. */
  boolean assumeUnknown(Effect effect) {
    return (effect == Effect.DENY) == (bound == Bound.LEAST);
  }

  /** Values of a key, or null when the request does not have it. */
  List<String> values(String key) {
    List<String> v = request.values(key);
    if (v != null) {
      return v;
    }
    String derived = switch (AccessRequest.lowerKey(key)) {
      case "aws:principalaccount" -> principal.isService() ? null : principal.account();
      case "aws:principalarn" -> principal.principalArn();
      case "aws:username" -> principal.kind() == RequestPrincipal.Kind.USER ? principal.name() : null;
      case "aws:principalservicename" -> principal.isService() ? principal.raw() : null;
      default -> null;
    };
    return derived == null ? null : List.of(derived);
  }

  @Override
  public String resolve(String name) {
    List<String> v = values(name);
    return v != null && v.size() == 1 ? v.get(0) : null;
  }

  String resourceAccount(String policyOwner) {
    if (request.resourceAccount() != null) {
      return request.resourceAccount();
    }
    String a = Arns.account(request.resource());
    return a != null ? a : policyOwner;
  }
}
