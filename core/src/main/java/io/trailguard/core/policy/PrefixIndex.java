package io.trailguard.core.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * A long list of ARN patterns (a central log bucket's policy lists every account's prefix) indexed by each pattern's
 * literal prefix, the text before its first {@code *}, {@code ?} or {@code $}: a matching ARN starts with it
 * ({@link Arns#literalPrefixMatches}), so only the patterns whose prefix the ARN starts with are matched. One request
 * then costs a few hash lookups instead of one match per pattern, and evaluating such a policy once per account is
 * no longer quadratic. The same holds for long condition value lists (a central key's policy lists every account's
 * trail ARN pattern). Indexes are kept per list (by content) while the list is in use.
 */
final class PrefixIndex {
  static final int MIN_SIZE = 16;
  private static final Map<List<String>, PrefixIndex> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

  private final Map<String, List<String>> byPrefix = new HashMap<>();
  private final int[] lengths;
  /** For prefixes many patterns share, those patterns again by their second literal segment. */
  private final Map<String, SegmentIndex> bySegment = new HashMap<>();

  private PrefixIndex(List<String> patterns) {
    TreeSet<Integer> ls = new TreeSet<>();
    for (String p : patterns) {
      String prefix = p.equals("*") ? "" : p.substring(0, literalLength(p));
      byPrefix.computeIfAbsent(prefix, k -> new ArrayList<>(1)).add(p);
      ls.add(prefix.length());
    }
    lengths = ls.stream().mapToInt(Integer::intValue).toArray();
    byPrefix.forEach((prefix, ps) -> {
      if (ps.size() >= MIN_SIZE) {
        bySegment.put(prefix, new SegmentIndex(prefix.length(), ps));
      }
    });
  }

  /**
   * Patterns with the same literal prefix ({@code arn:aws:cloudtrail:*:ACCOUNT:trail/*} for every account) by the
   * literal text after their first wildcard: a value a pattern accepts contains that text after the prefix, so only
   * the patterns whose segment occurs in the value are candidates. Patterns without such a segment, or with a policy
   * variable, are always candidates.
   */
  private static final class SegmentIndex {
    private final int from;
    private final Map<String, List<String>> bySegment = new HashMap<>();
    private final List<String> always = new ArrayList<>();
    private final int[] lengths;

    SegmentIndex(int prefixLength, List<String> patterns) {
      this.from = prefixLength;
      TreeSet<Integer> ls = new TreeSet<>();
      for (String p : patterns) {
        int start = prefixLength;
        while (start < p.length() && (p.charAt(start) == '*' || p.charAt(start) == '?')) {
          start++;
        }
        int end = start + literalLength(p.substring(start));
        if (end == start || p.indexOf('$') >= 0) {
          always.add(p);
        } else {
          bySegment.computeIfAbsent(p.substring(start, end), k -> new ArrayList<>(1)).add(p);
          ls.add(end - start);
        }
      }
      lengths = ls.stream().mapToInt(Integer::intValue).toArray();
    }

    boolean anyCandidate(String value, Predicate<String> matches) {
      for (String p : always) {
        if (matches.test(p)) {
          return true;
        }
      }
      for (int len : lengths) {
        for (int i = from; i + len <= value.length(); i++) {
          List<String> candidates = bySegment.get(value.substring(i, i + len));
          if (candidates != null) {
            for (String p : candidates) {
              if (matches.test(p)) {
                return true;
              }
            }
          }
        }
      }
      return false;
    }
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
    return anyCandidate(arn, p -> Arns.matches(p, arn, variables, vars));
  }

  /**
   * Whether {@code matches} holds for some pattern whose literal prefix starts {@code value}: the same answer as
   * testing every pattern, for any test that only accepts values starting with the pattern's literal prefix.
   */
  boolean anyCandidate(String value, Predicate<String> matches) {
    for (int len : lengths) {
      if (len > value.length()) {
        break;
      }
      String prefix = value.substring(0, len);
      SegmentIndex segments = bySegment.get(prefix);
      if (segments != null) {
        if (segments.anyCandidate(value, matches)) {
          return true;
        }
        continue;
      }
      List<String> candidates = byPrefix.get(prefix);
      if (candidates != null) {
        for (String p : candidates) {
          if (matches.test(p)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
