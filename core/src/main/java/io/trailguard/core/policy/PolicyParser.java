package io.trailguard.core.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns policy JSON into {@link PolicyDocument}s, reporting the first problem with a JSON pointer. */
final class PolicyParser {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT_KEYS =
      Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource",
          "Condition");

  private PolicyParser() {}

  static PolicyDocument parse(String text) throws PolicyParseException {
    if (text == null) {
      throw new PolicyParseException("", "policy text is missing");
    }
    return parse(readJson(text, ""));
  }

  static PolicyDocument parse(JsonNode node) throws PolicyParseException {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new PolicyParseException("", "policy is missing");
    }
    if (node.isTextual()) {
      return parse(readJson(node.textValue(), ""));
    }
    if (node.isObject() && node.has("Policy") && !node.has("Statement")) {
      JsonNode inner = node.get("Policy");
      if (node.size() != 1) {
        throw new PolicyParseException("", "a {\"Policy\": ...} wrapper must have no other fields");
      }
      if (inner.isTextual()) {
        return parseDocument(readJson(inner.textValue(), "/Policy"), "/Policy");
      }
      return parseDocument(inner, "/Policy");
    }
    return parseDocument(node, "");
  }

  private static JsonNode readJson(String text, String pointer) throws PolicyParseException {
    try (JsonParser p = MAPPER.createParser(text)) {
      JsonNode n = MAPPER.readTree(p);
      if (n == null) {
        throw new PolicyParseException(pointer, "policy text is empty");
      }
      if (p.nextToken() != null) {
        throw new PolicyParseException(pointer, "unexpected text after the JSON document");
      }
      return n;
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new PolicyParseException(pointer, "not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new PolicyParseException(pointer, "cannot read policy text: " + e.getMessage());
    }
  }

  private static PolicyDocument parseDocument(JsonNode doc, String base) throws PolicyParseException {
    if (!doc.isObject()) {
      throw new PolicyParseException(base, "a policy must be a JSON object, found " + kind(doc));
    }
    checkKeys(doc, TOP_LEVEL, base);
    String version = PolicyDocument.VERSION_2008;
    JsonNode v = doc.get("Version");
    if (v != null) {
      if (!v.isTextual()) {
        throw new PolicyParseException(base + "/Version", "Version must be a string");
      }
      version = v.textValue();
      if (!version.equals(PolicyDocument.VERSION_2012) && !version.equals(PolicyDocument.VERSION_2008)) {
        throw new PolicyParseException(base + "/Version",
            "Version must be \"2012-10-17\" or \"2008-10-17\", found \"" + version + "\"");
      }
    }
    String id = null;
    JsonNode idNode = doc.get("Id");
    if (idNode != null) {
      if (!idNode.isTextual()) {
        throw new PolicyParseException(base + "/Id", "Id must be a string");
      }
      id = idNode.textValue();
    }
    JsonNode st = doc.get("Statement");
    if (st == null) {
      throw new PolicyParseException(base, "a policy needs a Statement");
    }
    List<Statement> statements = new ArrayList<>();
    if (st.isObject()) {
      statements.add(parseStatement(st, 0, base + "/Statement"));
    } else if (st.isArray()) {
      if (st.isEmpty()) {
        throw new PolicyParseException(base + "/Statement", "Statement list is empty");
      }
      for (int i = 0; i < st.size(); i++) {
        statements.add(parseStatement(st.get(i), i, base + "/Statement/" + i));
      }
    } else {
      throw new PolicyParseException(base + "/Statement",
          "Statement must be an object or a list of objects, found " + kind(st));
    }
    // Sids are not required to be unique: IAM identity policies demand it, but S3 accepts bucket policies with a
    // repeated Sid (the CloudTrail guide's organization-trail example once had two "AWSCloudTrailWrite20150319").
    // Evidence therefore names statements by index as well as Sid.
    return new PolicyDocument(version, id, statements, doc);
  }

  private static Statement parseStatement(JsonNode s, int index, String ptr) throws PolicyParseException {
    if (!s.isObject()) {
      throw new PolicyParseException(ptr, "a statement must be an object, found " + kind(s));
    }
    checkKeys(s, STATEMENT_KEYS, ptr);
    String sid = null;
    if (s.has("Sid")) {
      if (!s.get("Sid").isTextual()) {
        throw new PolicyParseException(ptr + "/Sid", "Sid must be a string");
      }
      sid = s.get("Sid").textValue();
    }
    JsonNode eff = s.get("Effect");
    if (eff == null) {
      throw new PolicyParseException(ptr, "statement has no Effect (expected \"Allow\" or \"Deny\")");
    }
    Effect effect;
    if (eff.isTextual() && eff.textValue().equals("Allow")) {
      effect = Effect.ALLOW;
    } else if (eff.isTextual() && eff.textValue().equals("Deny")) {
      effect = Effect.DENY;
    } else {
      throw new PolicyParseException(ptr + "/Effect", "Effect must be \"Allow\" or \"Deny\", found " + eff);
    }
    Principals principals = null;
    if (s.has("Principal") && s.has("NotPrincipal")) {
      throw new PolicyParseException(ptr, "a statement cannot have both Principal and NotPrincipal");
    }
    if (s.has("Principal")) {
      principals = parsePrincipals(s.get("Principal"), false, ptr + "/Principal");
    } else if (s.has("NotPrincipal")) {
      principals = parsePrincipals(s.get("NotPrincipal"), true, ptr + "/NotPrincipal");
    }
    ValueList actions = either(s, "Action", "NotAction", ptr, true);
    for (int i = 0; i < actions.values().size(); i++) {
      checkAction(actions.values().get(i), ptr + "/" + (actions.negated() ? "NotAction" : "Action"));
    }
    ValueList resources = either(s, "Resource", "NotResource", ptr, false);
    if (resources != null) {
      for (int i = 0; i < resources.values().size(); i++) {
        String r = resources.values().get(i);
        String rp = ptr + "/" + (resources.negated() ? "NotResource" : "Resource")
            + (s.get(resources.negated() ? "NotResource" : "Resource").isArray() ? "/" + i : "");
        if (r.startsWith("arn:")) {
          List<String> parts = Arns.split(r);
          // IAM's legacy rules: partition and service must be present and a 4- or 5-component ARN is malformed.
          if (parts.size() == 4 || parts.size() == 5 || parts.get(1).isEmpty()
              || (parts.size() > 2 && parts.get(2).isEmpty())) {
            throw new PolicyParseException(rp, "resource \"" + r
                + "\" is not an ARN: expected arn:partition:service:region:account:resource");
          }
        }
      }
    }
    List<Condition> conditions = new ArrayList<>();
    if (s.has("Condition")) {
      parseConditions(s.get("Condition"), ptr + "/Condition", conditions);
    }
    return new Statement(index, sid, effect, principals, actions, resources, conditions);
  }

  private static void checkAction(String a, String ptr) throws PolicyParseException {
    if (a.equals("*")) {
      return;
    }
    int colon = a.indexOf(':');
    if (colon <= 0) {
      throw new PolicyParseException(ptr,
          "action \"" + a + "\" must be \"*\" or be prefixed by a service, e.g. \"s3:GetObject\"");
    }
    if (a.indexOf(':', colon + 1) >= 0) {
      throw new PolicyParseException(ptr, "action \"" + a + "\" can contain only one colon");
    }
  }

  private static ValueList either(JsonNode s, String pos, String neg, String ptr, boolean required)
      throws PolicyParseException {
    if (s.has(pos) && s.has(neg)) {
      throw new PolicyParseException(ptr, "a statement cannot have both " + pos + " and " + neg);
    }
    if (s.has(pos)) {
      return new ValueList(false, strings(s.get(pos), ptr + "/" + pos, pos));
    }
    if (s.has(neg)) {
      return new ValueList(true, strings(s.get(neg), ptr + "/" + neg, neg));
    }
    if (required) {
      throw new PolicyParseException(ptr, "statement has neither " + pos + " nor " + neg);
    }
    return null;
  }

  private static List<String> strings(JsonNode n, String ptr, String what) throws PolicyParseException {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.textValue());
    } else if (n.isArray()) {
      if (n.isEmpty()) {
        throw new PolicyParseException(ptr, what + " list is empty");
      }
      for (int i = 0; i < n.size(); i++) {
        JsonNode e = n.get(i);
        if (e.isNull()) {
          continue; // IAM accepts and ignores null entries, e.g. "Resource": ["arn:...", null]
        }
        if (!e.isTextual()) {
          throw new PolicyParseException(ptr + "/" + i, what + " entries must be strings, found " + kind(e));
        }
        out.add(e.textValue());
      }
    } else {
      throw new PolicyParseException(ptr, what + " must be a string or a list of strings, found " + kind(n));
    }
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).isEmpty()) {
        throw new PolicyParseException(n.isArray() ? ptr + "/" + i : ptr, what + " must not be an empty string");
      }
    }
    return out;
  }

  private static Principals parsePrincipals(JsonNode n, boolean negated, String ptr)
      throws PolicyParseException {
    List<PrincipalId> ids = new ArrayList<>();
    if (n.isTextual()) {
      // AWS documents only "*" here; a bare ARN or account id (accepted by older tools) is read as {"AWS": value}.
      ids.add(new PrincipalId(PrincipalType.AWS, n.textValue()));
    } else if (n.isObject()) {
      if (n.isEmpty()) {
        throw new PolicyParseException(ptr, "principal map is empty");
      }
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        PrincipalType type = null;
        for (PrincipalType t : PrincipalType.values()) {
          if (t.jsonName().equals(e.getKey())) {
            type = t;
          }
        }
        if (type == null) {
          throw new PolicyParseException(ptr + "/" + escape(e.getKey()),
              "unknown principal type \"" + e.getKey() + "\" (expected AWS, Service, Federated or CanonicalUser)");
        }
        for (String v : strings(e.getValue(), ptr + "/" + escape(e.getKey()), "principal")) {
          ids.add(new PrincipalId(type, v));
        }
      }
    } else {
      throw new PolicyParseException(ptr, "principal must be \"*\" or a map such as {\"AWS\": ...}, found " + kind(n));
    }
    return new Principals(negated, ids);
  }

  private static void parseConditions(JsonNode block, String ptr, List<Condition> out)
      throws PolicyParseException {
    if (!block.isObject()) {
      throw new PolicyParseException(ptr, "Condition must be an object of operators, found " + kind(block));
    }
    for (Map.Entry<String, JsonNode> e : block.properties()) {
      String opText = e.getKey();
      String opPtr = ptr + "/" + escape(opText);
      if (e.getValue().isObject() && e.getValue().isEmpty()) {
        continue; // IAM accepts an empty operator block (even under an unknown name); it tests nothing
      }
      String rest = opText;
      SetQualifier q = SetQualifier.NONE;
      int colon = rest.indexOf(':');
      if (colon >= 0) {
        String prefix = rest.substring(0, colon + 1);
        if (prefix.equalsIgnoreCase(SetQualifier.FOR_ALL_VALUES.prefix())) {
          q = SetQualifier.FOR_ALL_VALUES;
        } else if (prefix.equalsIgnoreCase(SetQualifier.FOR_ANY_VALUE.prefix())) {
          q = SetQualifier.FOR_ANY_VALUE;
        } else {
          throw new PolicyParseException(opPtr,
              "unknown set operator \"" + prefix + "\" (expected ForAllValues: or ForAnyValue:)");
        }
        rest = rest.substring(colon + 1);
      }
      boolean ifExists = false;
      if (rest.toLowerCase(Locale.ROOT).endsWith("ifexists")) {
        ifExists = true;
        rest = rest.substring(0, rest.length() - "IfExists".length());
      }
      ConditionOperator op = ConditionOperator.byName(rest).orElse(null);
      if (op == null) {
        throw new PolicyParseException(opPtr, "unknown condition operator \"" + opText + "\"" + suggest(rest));
      }
      if (op == ConditionOperator.NULL && (ifExists || q != SetQualifier.NONE)) {
        throw new PolicyParseException(opPtr, "Null cannot be combined with IfExists or a set operator");
      }
      JsonNode keys = e.getValue();
      if (!keys.isObject()) {
        throw new PolicyParseException(opPtr, "condition operator needs an object of key: value(s)");
      }
      for (Map.Entry<String, JsonNode> k : keys.properties()) {
        String kPtr = opPtr + "/" + escape(k.getKey());
        if (k.getKey().isEmpty()) {
          throw new PolicyParseException(kPtr, "condition key must not be empty");
        }
        List<String> values = conditionValues(k.getValue(), kPtr);
        validateValues(op, values, kPtr);
        out.add(new Condition(opText, q, op, ifExists, k.getKey(), values));
      }
    }
  }

  private static List<String> conditionValues(JsonNode n, String ptr) throws PolicyParseException {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        out.add(scalar(n.get(i), ptr + "/" + i));
      }
    } else {
      out.add(scalar(n, ptr));
    }
    return out;
  }

  private static String scalar(JsonNode n, String ptr) throws PolicyParseException {
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isNumber() || n.isBoolean()) {
      return n.asText();
    }
    throw new PolicyParseException(ptr, "condition values must be strings, numbers or booleans, found " + kind(n));
  }

  private static void validateValues(ConditionOperator op, List<String> values, String ptr)
      throws PolicyParseException {
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      String p = values.size() > 1 ? ptr + "/" + i : ptr;
      switch (op.family()) {
        case IP -> {
          if (IpRange.parse(v) == null) {
            throw new PolicyParseException(p, "\"" + v + "\" is not an IP address or CIDR block");
          }
        }
        case BOOL, NULL -> {
          if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new PolicyParseException(p, op.jsonName() + " expects \"true\" or \"false\", found \"" + v + "\"");
          }
        }
        default -> { }
      }
    }
  }

  private static String suggest(String name) {
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    for (ConditionOperator op : ConditionOperator.values()) {
      int d = distance(name.toLowerCase(Locale.ROOT), op.jsonName().toLowerCase(Locale.ROOT));
      if (d < bestDist) {
        bestDist = d;
        best = op.jsonName();
      }
    }
    return bestDist <= 3 ? "; did you mean \"" + best + "\"?" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static void checkKeys(JsonNode obj, Set<String> allowed, String ptr) throws PolicyParseException {
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        String hint = "";
        for (String a : allowed) {
          if (a.equalsIgnoreCase(k) || distance(a.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT)) <= 2) {
            hint = "; did you mean \"" + a + "\"?";
          }
        }
        throw new PolicyParseException(ptr + "/" + escape(k), "unknown field \"" + k + "\"" + hint);
      }
    }
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
