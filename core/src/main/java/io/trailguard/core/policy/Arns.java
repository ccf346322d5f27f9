package io.trailguard.core.policy;

import java.util.ArrayList;
import java.util.List;

/** ARN handling: splitting into the six documented components and per-component wildcard matching. */
final class Arns {
  private Arns() {}

  /**
   * Splits an ARN into at most six components on ':' (the last component, the resource, keeps further colons).
   * Colons inside {@code ${...}} policy variables do not split.
   */
  static List<String> split(String arn) {
    List<String> parts = new ArrayList<>(6);
    int start = 0;
    int depth = 0;
    for (int i = 0; i < arn.length() && parts.size() < 5; i++) {
      char c = arn.charAt(i);
      if (c == '$' && i + 1 < arn.length() && arn.charAt(i + 1) == '{') {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      } else if (c == ':' && depth == 0) {
        parts.add(arn.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(arn.substring(start));
    return parts;
  }

  /**
   * Matches an ARN pattern from a policy against a concrete ARN, case-sensitively. {@code *} alone matches
   * everything; otherwise each of the six components is matched separately, so a wildcard never spans a ':' before
   * the resource component (an ARN pattern with fewer components matches only ARNs with as many). A pattern that
   * does not start with {@code arn:} is matched as a whole string.
   */
  static boolean matches(String pattern, String arn, boolean variables, Wildcard.Variables vars) {
    if (pattern.equals("*")) {
      return true;
    }
    if (!literalPrefixMatches(pattern, arn)) {
      return false;
    }
    if (!pattern.startsWith("arn:")) {
      return Wildcard.matches(pattern, arn, variables, vars);
    }
    List<String> pp = split(pattern);
    List<String> ap = split(arn);
    if (ap.size() != pp.size()) {
      return false;
    }
    for (int i = 0; i < pp.size(); i++) {
      if (!Wildcard.matches(pp.get(i), ap.get(i), variables, vars)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A necessary condition, checked without allocating: the pattern's text before its first {@code *}, {@code ?} or
   * {@code $} is literal (case-sensitive in every component), so a matching ARN starts with it. Rejects most
   * patterns of a long Resource list (a central log bucket's policy lists every account's prefix) at once.
   */
  static boolean literalPrefixMatches(String pattern, String arn) {
    int n = pattern.length();
    int i = 0;
    while (i < n) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?' || c == '$') {
        break;
      }
      i++;
    }
    return arn.regionMatches(0, pattern, 0, i);
  }

  /** The account component of an ARN, or null. */
  static String account(String arn) {
    List<String> p = split(arn);
    return p.size() == 6 && p.get(0).equals("arn") && !p.get(4).isEmpty() ? p.get(4) : null;
  }

  static boolean isAccountId(String s) {
    return s.length() == 12 && s.chars().allMatch(Character::isDigit);
  }
}
