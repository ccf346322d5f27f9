package io.trailguard.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.yaml.SafeYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of service deliveries the pack reasons about (CloudTrail → S3, KMS, SNS, CloudWatch Logs; Config →
 * S3, SNS; VPC flow logs → S3, CloudWatch Logs; Route 53 → CloudWatch Logs; S3 server access logging; S3
 * replication → buckets and KMS), read from {@code io/trailguard/core/delivery/deliveries.yaml}: one source of truth
 * for the requests rules probe policies with and for the grants fixes write. Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class DeliveryCatalogue {
  private static final String RESOURCE = "/io/trailguard/core/delivery/deliveries.yaml";
  private static final DeliveryCatalogue BUILTIN = load();

  private final Map<String, Delivery> entries;

  private DeliveryCatalogue(Map<String, Delivery> entries) {
    this.entries = entries;
  }

  /** The built-in catalogue. */
  public static DeliveryCatalogue builtin() {
    return BUILTIN;
  }

  /** The entry of that id, if any. */
  public Optional<Delivery> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** The entry of that id. @throws IllegalArgumentException when there is none */
  public Delivery get(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("no delivery " + id + " in the catalogue"));
  }

  /** Every entry, in file order. */
  public List<Delivery> all() {
    return List.copyOf(entries.values());
  }

  /**
   * The grant pattern for a request one of the entries makes: its resource widened to the layout the delivery writes
   * (e.g. a Route 53 log stream to {@code ZONE-ID/*}), or null when no entry makes this request.
   */
  String grantFor(AccessRequest r) {
    for (Delivery d : entries.values()) {
      if (d.actions().stream().noneMatch(a -> a.equalsIgnoreCase(r.action()))) {
        continue;
      }
      Map<String, String> bound = Delivery.bind(d.resource(), r.resource());
      Map<String, String> principal = bound == null ? null : Delivery.bind(d.principal(), r.principal());
      if (principal == null) {
        continue;
      }
      Map<String, String> all = new LinkedHashMap<>(principal);
      all.putAll(bound);
      String g = d.grantResource(all);
      if (g != null) {
        return g;
      }
    }
    return null;
  }

  private static DeliveryCatalogue load() {
    String text;
    try (InputStream in = DeliveryCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + RESOURCE);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode root = SafeYaml.parse("deliveries.yaml", text).root();
    Map<String, Delivery> out = new LinkedHashMap<>();
    root.fields().forEachRemaining(e -> {
      JsonNode n = e.getValue();
      List<String> actions = new ArrayList<>();
      n.path("actions").forEach(a -> actions.add(a.asText()));
      Map<String, String> context = new LinkedHashMap<>();
      n.path("context").fields().forEachRemaining(c -> context.put(c.getKey(), c.getValue().asText()));
      Map<String, String> sentWhen = new LinkedHashMap<>();
      n.path("sentWhen").fields().forEachRemaining(c -> {
        if (!context.containsKey(c.getKey())) {
          throw new IllegalStateException("deliveries.yaml: " + e.getKey() + " sentWhen names " + c.getKey()
              + ", which is not in its context");
        }
        sentWhen.put(c.getKey(), c.getValue().asText());
      });
      out.put(e.getKey(), new Delivery(e.getKey(), text(n, "doc", e.getKey()), text(n, "title", e.getKey()),
          text(n, "principal", e.getKey()), actions, text(n, "resource", e.getKey()), text(n, "grant", e.getKey()),
          context, sentWhen));
    });
    return new DeliveryCatalogue(Collections.unmodifiableMap(out));
  }

  private static String text(JsonNode n, String field, String id) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new IllegalStateException("deliveries.yaml: " + id + " has no " + field);
    }
    return v.asText();
  }
}
