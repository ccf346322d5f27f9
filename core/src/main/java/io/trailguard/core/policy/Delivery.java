package io.trailguard.core.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service delivery of the {@link DeliveryCatalogue}: who calls, which actions, on which resource, with which
 * request-context keys, as AWS documents it. Values are layouts with {@code {placeholder}}s the caller fills.
 *
 * @param id the catalogue key, e.g. {@code cloudtrail-s3-put}
 * @param doc the AWS documentation page the entry follows
 * @param title what the delivery does, in words
 * @param principal the calling principal (a service name, or a placeholder such as {@code {roleArn}})
 * @param actions every action of the delivery; each is its own request
 * @param resource the resource a probe asks about: a representative object of AWS's real key layout
 * @param grant the resource pattern a grant must cover for every delivery of this kind (e.g. the whole prefix)
 * @param context request-context keys to value layouts, in the order AWS's page lists them
 * @param sentWhen context keys AWS sends whenever the placeholder named here has a value, even when their own
 *     layout has none: such a key is then sent with a value that is not known (an
 *     {@link AccessRequest#unknownKeys unknown key}), not left out; e.g. {@code aws:SourceOrgPaths} whenever
 *     {@code orgId} has a value
 * @since 0.2
 */
public record Delivery(String id, String doc, String title, String principal, List<String> actions, String resource,
    String grant, Map<String, String> context, Map<String, String> sentWhen) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  public Delivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(doc, "doc");
    actions = List.copyOf(actions);
    context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    sentWhen = Collections.unmodifiableMap(new LinkedHashMap<>(sentWhen));
  }

  /** The placeholders principal and resource need: a request cannot be built without them. */
  public Set<String> required() {
    Set<String> out = new LinkedHashSet<>(names(principal));
    out.addAll(names(resource));
    return out;
  }

  /** Every placeholder of the entry (principal, resource, grant and context). */
  public Set<String> placeholders() {
    Set<String> out = new LinkedHashSet<>(required());
    out.addAll(names(grant));
    context.values().forEach(v -> out.addAll(names(v)));
    out.addAll(sentWhen.values());
    return out;
  }

  /** The placeholders a layout names, in order. */
  public static Set<String> placeholdersOf(String layout) {
    return names(layout);
  }

  /**
   * The requests AWS makes for this delivery, one per action. A context key whose layout names a placeholder
   * without a value is left out, as AWS leaves out a header it does not send.
   *
   * @throws IllegalArgumentException naming the first required placeholder without a value
   */
  public List<AccessRequest> requests(Map<String, String> values) {
    String p = fill(principal, values);
    String r = fill(resource, values);
    if (p == null || r == null) {
      Set<String> missing = new LinkedHashSet<>(required());
      missing.removeIf(n -> values.get(n) != null);
      throw new IllegalArgumentException("delivery " + id + " needs a value for " + String.join(", ", missing));
    }
    Map<String, List<String>> ctx = new LinkedHashMap<>();
    Map<String, String> unknown = new LinkedHashMap<>();
    context.forEach((k, layout) -> {
      String v = fill(layout, values);
      if (v != null) {
        ctx.put(k, List.of(v));
      } else if (sentWhen.containsKey(k) && values.get(sentWhen.get(k)) != null) {
        unknown.put(k, "no value for " + String.join(", ", names(layout)));
      }
    });
    List<AccessRequest> out = new ArrayList<>();
    for (String action : actions) {
      out.add(new AccessRequest(p, action, r, null, ctx, unknown));
    }
    return out;
  }

  /** The resource pattern a grant for these values must cover, or null when a placeholder has no value. */
  public String grantResource(Map<String, String> values) {
    return fill(grant, values);
  }

  /**
   * The placeholder values under which {@code layout} yields {@code concrete}, or null when it does not. Used to
   * widen a grant for one probed object to the layout AWS writes.
   */
  static Map<String, String> bind(String layout, String concrete) {
    StringBuilder regex = new StringBuilder("\\A");
    Matcher m = PLACEHOLDER.matcher(layout);
    Set<String> seen = new LinkedHashSet<>();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(layout.substring(last, m.start())));
      String name = m.group(1);
      regex.append(seen.add(name) ? "(?<" + name + ">[^*?]*?)" : "\\k<" + name + ">");
      last = m.end();
    }
    regex.append(Pattern.quote(layout.substring(last))).append("\\z");
    Matcher b = Pattern.compile(regex.toString()).matcher(concrete);
    if (!b.matches()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String n : seen) {
      out.put(n, b.group(n));
    }
    return out;
  }

  private static Set<String> names(String layout) {
    Set<String> out = new LinkedHashSet<>();
    if (layout != null) {
      Matcher m = PLACEHOLDER.matcher(layout);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /**
   * The layout with every {@code {placeholder}} replaced by {@code source}'s text for it, or null when one has none.
   * Rules use it to turn a layout into template text.
   */
  public static String fill(String layout, Function<String, String> source) {
    if (layout == null) {
      return null;
    }
    Matcher m = PLACEHOLDER.matcher(layout);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      String v = source.apply(m.group(1));
      if (v == null) {
        return null;
      }
      out.append(layout, last, m.start()).append(v);
      last = m.end();
    }
    return out.append(layout.substring(last)).toString();
  }

  private static String fill(String layout, Map<String, String> values) {
    return fill(layout, values::get);
  }
}
