package io.trailguard.core.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;

/**
 * A long list of ARN patterns (a central log bucket's policy lists every account's prefix) indexed by each pattern's
 * literal prefix, the text before its first {@code *}, {@code ?} or {@code $}: a matching ARN starts with it
 * ({@link Arns#literalPrefixMatches}), so only the patterns whose prefix the ARN starts with are matched. One request
 * then costs a few hash lookups instead of one match per pattern, and evaluating such a policy once per account is
 * no longer quadratic. Indexes are kept per list (by content) while the list is in use.
 */
final class PrefixIndex {
  static final int MIN_SIZE = 16;
  private static final Map<List<String>, PrefixIndex> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

  private final Map<String, List<String>> byPrefix = new HashMap<>();
  private final int[] lengths;

  private PrefixIndex(List<String> patterns) {
    TreeSet<Integer> ls = new TreeSet<>();
    for (String p : patterns) {
      String prefix = p.equals("*") ? "" : p.substring(0, literalLength(p));
      byPrefix.computeIfAbsent(prefix, k -> new ArrayList<>(1)).add(p);
      ls.add(prefix.length());
    }
    lengths = ls.stream().mapToInt(Integer::intValue).toArray();
  }

  static PrefixIndex of(List<String> patterns) {
    PrefixIndex ix = CACHE.get(patterns);
    if (ix == null) {
      ix = new PrefixIndex(patterns);
      CACHE.put(patterns, ix);
    }
    return ix;
  }

  private static int literalLength(String p) {
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '*' || c == '?' || c == '$') {
        break;
      }
      i++;
    }
    return i;
  }

  /** Whether some pattern of the list matches the ARN: the same answer as matching each pattern in turn. */
  boolean anyMatches(String arn, boolean variables, Wildcard.Variables vars) {
    for (int len : lengths) {
      if (len > arn.length()) {
        break;
      }
      List<String> candidates = byPrefix.get(arn.substring(0, len));
      if (candidates != null) {
        for (String p : candidates) {
          if (Arns.matches(p, arn, variables, vars)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
