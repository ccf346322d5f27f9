package io.trailguard.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the Allow statements that make required requests succeed, scoped as tightly as the requests allow and in
 * the shapes the CloudTrail User Guide documents: bucket writes limited to the {@code AWSLogs/<account>/} prefix with
 * {@code s3:x-amz-acl = bucket-owner-full-control} and {@code aws:SourceArn}; key use as
 * {@code kms:GenerateDataKey*} with {@code kms:EncryptionContext:aws:cloudtrail:arn} like
 * {@code arn:aws:cloudtrail:*:<account>:trail/*}.
 */
final class GrantSynthesizer {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String CT_CONTEXT = "kms:EncryptionContext:aws:cloudtrail:arn";

  private GrantSynthesizer() {}

  static MissingGrants find(PolicyInput policy, List<AccessRequest> required) {
    List<MissingGrants.DeniedRequest> denied = new ArrayList<>();
    List<MissingGrants.DeniedRequest> blocked = new ArrayList<>();
    Map<String, ObjectNode> groups = new LinkedHashMap<>();
    Map<String, List<String>> groupResources = new LinkedHashMap<>();
    List<AccessRequest> toFix = new ArrayList<>();
    for (AccessRequest r : required) {
      Decision d = Engine.evaluate(List.of(policy), r);
      if (d.resourcePolicyAllows()) {
        continue;
      }
      MissingGrants.DeniedRequest dr = new MissingGrants.DeniedRequest(r, d);
      denied.add(dr);
      if (d.outcome() == Decision.Outcome.EXPLICIT_DENY) {
        blocked.add(dr);
        continue;
      }
      toFix.add(r);
      ObjectNode shape = shape(r, policy.document().supportsVariables());
      String key = shape.toString();
      groups.putIfAbsent(key, shape);
      List<String> res = groupResources.computeIfAbsent(key, k -> new ArrayList<>());
      String resource = literal(resourcePattern(r), policy.document().supportsVariables());
      if (!res.contains(resource)) {
        res.add(resource);
      }
    }
    Set<String> sids = new HashSet<>();
    for (Statement s : policy.document().statements()) {
      if (s.sid() != null) {
        sids.add(s.sid());
      }
    }
    List<JsonNode> statements = new ArrayList<>();
    int n = 1;
    for (Map.Entry<String, ObjectNode> e : groups.entrySet()) {
      while (sids.contains("TrailguardGrant" + n)) {
        n++;
      }
      ObjectNode st = F.objectNode();
      st.put("Sid", "TrailguardGrant" + n++);
      st.put("Effect", "Allow");
      st.set("Principal", e.getValue().get("Principal"));
      st.set("Action", e.getValue().get("Action"));
      List<String> res = groupResources.get(e.getKey());
      st.set("Resource", res.size() == 1 ? F.textNode(res.get(0)) : array(res));
      if (e.getValue().has("Condition")) {
        st.set("Condition", e.getValue().get("Condition"));
      }
      statements.add(st);
    }
    JsonNode patched = append(policy.document().json(), statements);
    verify(policy, patched, toFix);
    return new MissingGrants(denied, blocked, statements, patched);
  }

  /** Principal, Action and Condition of the statement for one request (Resource is collected per group). */
  private static ObjectNode shape(AccessRequest r, boolean variables) {
    RequestPrincipal rp = RequestPrincipal.of(r.principal());
    ObjectNode shape = F.objectNode();
    switch (rp.kind()) {
      case ANONYMOUS -> shape.put("Principal", "*");
      case SERVICE -> shape.set("Principal", F.objectNode().put("Service", rp.raw()));
      case ACCOUNT -> shape.set("Principal", F.objectNode().put("AWS", "arn:aws:iam::" + rp.account() + ":root"));
      default -> shape.set("Principal", F.objectNode().put("AWS", rp.raw()));
    }
    String action = r.action();
    shape.put("Action", action.equalsIgnoreCase("kms:GenerateDataKey") ? "kms:GenerateDataKey*" : action);
    ObjectNode equals = F.objectNode();
    ObjectNode like = F.objectNode();
    copy(r, "s3:x-amz-acl", equals, variables);
    copy(r, "s3:x-amz-server-side-encryption", equals, variables);
    if (r.values("aws:SourceArn") != null) {
      copy(r, "aws:SourceArn", equals, variables);
    } else {
      copy(r, "aws:SourceAccount", equals, variables);
    }
    List<String> ct = r.values(CT_CONTEXT);
    if (ct != null && ct.size() == 1 && Arns.account(ct.get(0)) != null) {
      like.put(CT_CONTEXT, "arn:aws:cloudtrail:*:" + Arns.account(ct.get(0)) + ":trail/*");
    } else {
      copy(r, CT_CONTEXT, equals, variables);
    }
    ObjectNode cond = F.objectNode();
    if (!equals.isEmpty()) {
      cond.set("StringEquals", equals);
    }
    if (!like.isEmpty()) {
      cond.set("StringLike", like);
    }
    if (!cond.isEmpty()) {
      shape.set("Condition", cond);
    }
    return shape;
  }

  private static void copy(AccessRequest r, String key, ObjectNode into, boolean variables) {
    List<String> v = r.values(key);
    if (v == null || v.isEmpty()) {
      return;
    }
    List<String> lit = v.stream().map(x -> literal(x, variables)).toList();
    into.set(key, lit.size() == 1 ? F.textNode(lit.get(0)) : array(lit));
  }

  /** In a 2012-10-17 policy "${" starts a variable; {@code ${$}} keeps a request's literal '$' literal. */
  private static String literal(String value, boolean variables) {
    return variables ? value.replace("${", "${$}{") : value;
  }

  /**
   * A request of a catalogued delivery is granted the layout the delivery writes ({@link DeliveryCatalogue}: a
   * CloudTrail prefix, every stream of a hosted zone, every replicated key); otherwise KMS key policies name the key
   * as {@code *}; an object key under {@code AWSLogs/<id>/} is widened to that prefix; anything else is granted
   * exactly.
   */
  static String resourcePattern(AccessRequest r) {
    if (r.action().toLowerCase(java.util.Locale.ROOT).startsWith("kms:")) {
      return "*";
    }
    String catalogued = DeliveryCatalogue.builtin().grantFor(r);
    if (catalogued != null) {
      return catalogued;
    }
    String res = r.resource();
    int i = res.indexOf("/AWSLogs/");
    if (res.startsWith("arn:") && i >= 0) {
      int idStart = i + "/AWSLogs/".length();
      int idEnd = res.indexOf('/', idStart);
      if (idEnd > idStart) {
        return res.substring(0, idEnd) + "/*";
      }
    }
    return res;
  }

  private static ArrayNode array(List<String> values) {
    ArrayNode a = F.arrayNode();
    values.forEach(a::add);
    return a;
  }

  static JsonNode append(JsonNode policy, List<JsonNode> statements) {
    ObjectNode copy = (ObjectNode) policy.deepCopy();
    if (statements.isEmpty()) {
      return copy;
    }
    JsonNode st = copy.get("Statement");
    ArrayNode list = F.arrayNode();
    if (st == null || st.isNull()) {
      // no policy yet (a bucket or key without one): the grants are the whole policy
      if (!copy.has("Version")) {
        copy.put("Version", "2012-10-17");
      }
    } else if (st.isArray()) {
      list.addAll((ArrayNode) st);
    } else {
      list.add(st);
    }
    statements.forEach(list::add);
    copy.set("Statement", list);
    return copy;
  }

  private static void verify(PolicyInput policy, JsonNode patched, List<AccessRequest> fixed) {
    PolicyDocument doc;
    try {
      doc = PolicyDocument.parse(patched);
    } catch (PolicyParseException e) {
      throw new IllegalStateException("generated statements do not parse: " + e.getMessage(), e);
    }
    PolicyInput p = new PolicyInput(policy.name(), policy.kind(), doc, policy.ownerAccount());
    for (AccessRequest r : fixed) {
      if (!Engine.evaluate(List.of(p), r).resourcePolicyAllows()) {
        throw new IllegalStateException("generated statements do not allow " + r.describe());
      }
    }
  }
}
