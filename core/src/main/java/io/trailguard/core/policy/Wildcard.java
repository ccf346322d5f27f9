package io.trailguard.core.policy;

/**
 * IAM wildcard patterns: {@code *} matches any run of characters (including none), {@code ?} exactly one.
 * Compiled patterns are int arrays of characters with {@link #STAR} and {@link #ONE}; policy variables are
 * substituted as literal text. Matching is the classic greedy star-backtracking loop: O(n·m) worst case, no regex.
 */
final class Wildcard {
  static final int STAR = -1;
  static final int ONE = -2;

  private Wildcard() {}

  /** Resolves a policy variable name (e.g. {@code aws:username}) to its single value, or null when unknown. */
  interface Variables {
    String resolve(String name);

    Variables NONE = name -> null;
  }

  /**
   * Compiles {@code raw}; when {@code variables} is true, {@code ${key}}, {@code ${key, 'default'}}, {@code ${*}},
   * {@code ${?}} and {@code ${$}} are substituted. Returns null when a variable has no value and no default
   * (AWS then treats the element as not matching).
   */
  static int[] compile(String raw, boolean variables, Variables vars, boolean lowerCase) {
    return compile(raw, variables, vars, lowerCase, true);
  }

  /** Substitutes variables without treating {@code *} and {@code ?} as wildcards; null when unresolved. */
  static String substitute(String raw, boolean variables, Variables vars) {
    int[] p = compile(raw, variables, vars, false, false);
    if (p == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(p.length);
    for (int c : p) {
      sb.append((char) c);
    }
    return sb.toString();
  }

  private static int[] compile(String raw, boolean variables, Variables vars, boolean lowerCase,
      boolean wildcards) {
    int[] out = new int[raw.length()];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (variables && c == '$' && i + 1 < raw.length() && raw.charAt(i + 1) == '{') {
        int end = raw.indexOf('}', i + 2);
        if (end > 0) {
          String lit = substitute(raw.substring(i + 2, end), vars);
          if (lit == null) {
            return null;
          }
          if (n + lit.length() > out.length) {
            out = java.util.Arrays.copyOf(out, n + lit.length() + raw.length());
          }
          for (int k = 0; k < lit.length(); k++) {
            char lc = lit.charAt(k);
            out[n++] = lowerCase ? Character.toLowerCase(lc) : lc;
          }
          i = end;
          continue;
        }
      }
      out[n++] = wildcards && c == '*' ? STAR : wildcards && c == '?' ? ONE
          : lowerCase ? Character.toLowerCase(c) : c;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static String substitute(String inner, Variables vars) {
    String body = inner.trim();
    switch (body) {
      case "*":
        return "*";
      case "?":
        return "?";
      case "$":
        return "$";
      default:
        break;
    }
    String def = null;
    int comma = body.indexOf(',');
    if (comma >= 0) {
      String d = body.substring(comma + 1).trim();
      if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
        def = d.substring(1, d.length() - 1);
      }
      body = body.substring(0, comma).trim();
    }
    String v = vars.resolve(body);
    return v != null ? v : def;
  }

  /** Whether {@code raw} contains a policy variable reference {@code ${...}}. */
  static boolean hasVariable(String raw) {
    int i = raw.indexOf("${");
    return i >= 0 && raw.indexOf('}', i) > 0;
  }

  /** Whether the compiled pattern matches the whole of {@code s}. */
  static boolean matches(int[] p, String s) {
    int pi = 0;
    int si = 0;
    int starP = -1;
    int starS = 0;
    int len = s.length();
    while (si < len) {
      if (pi < p.length && (p[pi] == ONE || p[pi] == s.charAt(si))) {
        pi++;
        si++;
      } else if (pi < p.length && p[pi] == STAR) {
        starP = pi++;
        starS = si;
      } else if (starP >= 0) {
        pi = starP + 1;
        si = ++starS;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == STAR) {
      pi++;
    }
    return pi == p.length;
  }

  /**
   * Whether a pattern without variables matches the whole of {@code s}: the same as {@link #matches(int[], String)}
   * of its compilation, without compiling (this runs for every policy element of every request evaluated).
   * {@code lowerCasePattern} lower-cases the pattern's characters as {@code compile(..., true)} does.
   */
  static boolean matchesPlain(String p, String s, boolean lowerCasePattern) {
    int pi = 0;
    int si = 0;
    int starP = -1;
    int starS = 0;
    int len = s.length();
    int plen = p.length();
    while (si < len) {
      char pc = pi < plen ? p.charAt(pi) : 0;
      if (pi < plen && (pc == '?' || (lowerCasePattern ? Character.toLowerCase(pc) : pc) == s.charAt(si))) {
        pi++;
        si++;
      } else if (pi < plen && pc == '*') {
        starP = pi++;
        starS = si;
      } else if (starP >= 0) {
        pi = starP + 1;
        si = ++starS;
      } else {
        return false;
      }
    }
    while (pi < plen && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == plen;
  }

  /** Whether {@code raw} (with variables substituted when {@code variables}) matches the whole of {@code s}. */
  static boolean matches(String raw, String s, boolean variables, Variables vars) {
    if (!variables || !hasVariable(raw)) {
      return matchesPlain(raw, s, false);
    }
    int[] p = compile(raw, true, vars, false);
    return p != null && matches(p, s);
  }

  /** Convenience: plain wildcard match without variables. */
  static boolean matches(String pattern, String s, boolean ignoreCase) {
    int[] p = compile(pattern, false, Variables.NONE, ignoreCase);
    return matches(p, ignoreCase ? lower(s) : s);
  }

  /** Lower-cases char by char, so pattern and subject stay aligned (no locale-dependent length changes). */
  static String lower(String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      c[i] = Character.toLowerCase(c[i]);
    }
    return new String(c);
  }
}
