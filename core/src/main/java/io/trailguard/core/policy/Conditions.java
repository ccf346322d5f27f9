package io.trailguard.core.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Evaluates condition tests as documented in "IAM JSON policy elements: Condition operators" and "Single-valued vs.
 * multivalued context keys":
 *
 * <ul>
 *   <li>key missing: {@code ...IfExists} is true; {@code ForAllValues:} is true; {@code ForAnyValue:} is false;
 *       a negated operator ({@code StringNotEquals}, {@code NotIpAddress}, {@code ArnNotLike}...) is true; any other
 *       operator is false; {@code Null} tests presence;
 *   <li>key present: a positive operator holds for a request value that matches any policy value, a negated one
 *       for a request value that matches none; unqualified tests need one such request value (all of them for
 *       negated operators), {@code ForAnyValue:} one, {@code ForAllValues:} all.
 * </ul>
 */
final class Conditions {
  private Conditions() {}

  static boolean holds(Condition c, RequestContext ctx, boolean variables) {
    List<String> req = ctx.values(c.key());
    boolean missing = req == null || req.isEmpty();
    if (c.operator() == ConditionOperator.NULL) {
      for (String v : c.values()) {
        if (Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT)) == missing) {
          return true;
        }
      }
      return false;
    }
    if (missing) {
      if (c.ifExists()) {
        return true;
      }
      return switch (c.qualifier()) {
        case FOR_ALL_VALUES -> true;
        case FOR_ANY_VALUE -> false;
        case NONE -> c.operator().negated();
      };
    }
    return switch (c.qualifier()) {
      case FOR_ANY_VALUE -> req.stream().anyMatch(r -> passes(c, r, ctx, variables));
      case FOR_ALL_VALUES -> req.stream().allMatch(r -> passes(c, r, ctx, variables));
      case NONE -> c.operator().negated()
          ? req.stream().allMatch(r -> passes(c, r, ctx, variables))
          : req.stream().anyMatch(r -> passes(c, r, ctx, variables));
    };
  }

  /** Whether one request value satisfies the operator against the condition's value list. */
  static boolean passes(Condition c, String reqValue, RequestContext ctx, boolean variables) {
    ConditionOperator.Family f = c.operator().family();
    boolean any = false;
    if (c.values().size() >= PrefixIndex.MIN_SIZE && literalPrefixed(f)) {
      // a value these families accept starts with the policy value's text before its first wildcard or variable
      any = PrefixIndex.of(c.values()).anyCandidate(reqValue, pv -> matchOne(f, pv, reqValue, ctx, variables));
    } else {
      for (String pv : c.values()) {
        if (matchOne(f, pv, reqValue, ctx, variables)) {
          any = true;
          break;
        }
      }
    }
    return c.operator().negated() != any;
  }

  /** The families whose matches start with the policy value's literal prefix (case-sensitive, no numbers). */
  private static boolean literalPrefixed(ConditionOperator.Family f) {
    return f == ConditionOperator.Family.STRING || f == ConditionOperator.Family.STRING_LIKE
        || f == ConditionOperator.Family.ARN;
  }

  static boolean matchOne(ConditionOperator.Family f, String policy, String req, Wildcard.Variables vars,
      boolean variables) {
    switch (f) {
      case STRING: {
        String p = variables && Wildcard.hasVariable(policy) ? Wildcard.substitute(policy, true, vars) : policy;
        return p != null && p.equals(req);
      }
      case STRING_IGNORE_CASE: {
        String p = variables && Wildcard.hasVariable(policy) ? Wildcard.substitute(policy, true, vars) : policy;
        return p != null && p.equalsIgnoreCase(req);
      }
      case STRING_LIKE: {
        return Wildcard.matches(policy, req, variables, vars);
      }
      case ARN:
        return Arns.matches(policy, req, variables, vars);
      case NUMERIC_EQ:
      case NUMERIC_LT:
      case NUMERIC_LE:
      case NUMERIC_GT:
      case NUMERIC_GE: {
        BigDecimal a = number(req);
        BigDecimal b = number(policy);
        if (a == null || b == null) {
          return false;
        }
        return compare(f, a.compareTo(b));
      }
      case DATE_EQ:
      case DATE_LT:
      case DATE_LE:
      case DATE_GT:
      case DATE_GE: {
        Instant a = date(req);
        Instant b = date(policy);
        if (a == null || b == null) {
          return false;
        }
        return compare(f, a.compareTo(b));
      }
      case BOOL:
        return policy.equalsIgnoreCase(req.trim());
      case BINARY: {
        byte[] a = base64(policy);
        byte[] b = base64(req);
        return a != null && b != null ? Arrays.equals(a, b) : policy.equals(req);
      }
      case IP: {
        IpRange r = IpRange.parse(policy);
        return r != null && r.contains(req);
      }
      case NULL:
        throw new IllegalStateException("Null is evaluated on presence");
      default:
        throw new IllegalStateException(f.name());
    }
  }

  private static boolean compare(ConditionOperator.Family f, int cmp) {
    return switch (f) {
      case NUMERIC_EQ, DATE_EQ -> cmp == 0;
      case NUMERIC_LT, DATE_LT -> cmp < 0;
      case NUMERIC_LE, DATE_LE -> cmp <= 0;
      case NUMERIC_GT, DATE_GT -> cmp > 0;
      case NUMERIC_GE, DATE_GE -> cmp >= 0;
      default -> throw new IllegalStateException(f.name());
    };
  }

  static BigDecimal number(String s) {
    try {
      String t = s.trim();
      // plain decimals only: an exponent such as 1e999999999 would make comparisons arbitrarily expensive
      if (t.isEmpty() || t.length() > 100 || !t.chars().allMatch(c -> c == '.' || c == '-' || c == '+'
          || Character.isDigit(c))) {
        return null;
      }
      return new BigDecimal(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** ISO 8601 date, date-time (with or without offset, taken as UTC) or epoch seconds. */
  static Instant date(String s) {
    String t = s.trim();
    if (t.isEmpty() || t.length() > 64) {
      return null;
    }
    if (t.chars().allMatch(Character::isDigit) && t.length() <= 12) {
      return Instant.ofEpochSecond(Long.parseLong(t));
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static byte[] base64(String s) {
    try {
      return Base64.getDecoder().decode(s.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
