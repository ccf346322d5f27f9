package io.trailguard.aws.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * How AWS Config encodes what it records, read back: JSON sent as strings (sometimes twice), URL-encoded IAM policy
 * documents, camelCase keys where the APIs use PascalCase, times as epoch seconds, milliseconds or ISO-8601.
 * Stateless.
 */
final class ConfigJson {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ConfigJson() {
    }

    /** A value that Config may deliver as a JSON string (sometimes twice encoded) as the JSON it holds. */
    static JsonNode parsed(JsonNode v) {
        JsonNode cur = v;
        for (int i = 0; i < 3 && cur != null && cur.isTextual(); i++) {
            String s = cur.asText().trim();
            if (!(s.startsWith("{") || s.startsWith("[") || s.startsWith("\""))) {
                break;
            }
            try {
                cur = JSON.readTree(s);
            } catch (JsonProcessingException e) {
                break;
            }
        }
        return cur;
    }

    /** An IAM policy document as Config records it (URL-encoded JSON text), parsed; {@code null} when absent. */
    static JsonNode iamPolicy(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isObject()) {
            return v;
        }
        String s = v.asText();
        if (s.startsWith("%7B") || s.startsWith("%7b") || s.contains("%22")) {
            s = URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
        JsonNode p = parsed(F.textNode(s));
        return p != null && p.isObject() ? p : F.textNode(s);
    }

    /** Config's camelCase keys as the API's PascalCase keys, recursively; millisecond times as ISO-8601. */
    static JsonNode pascal(JsonNode v) {
        if (v instanceof ObjectNode o) {
            ObjectNode out = F.objectNode();
            o.fields().forEachRemaining(e -> {
                String k = pascalKey(e.getKey());
                JsonNode val = e.getValue();
                if (val.isNumber() && isTimeKey(k)) {
                    out.put(k, isoTime(val));
                } else {
                    out.set(k, pascal(val));
                }
            });
            return out;
        }
        if (v instanceof ArrayNode a) {
            ArrayNode out = F.arrayNode();
            a.forEach(x -> out.add(pascal(x)));
            return out;
        }
        return v;
    }

    static ObjectNode pascal(ObjectNode o) {
        return (ObjectNode) pascal((JsonNode) o);
    }

    /** PascalCase keys (the CloudFormation-registry items) as the camelCase of APIs that answer in camelCase. */
    static ObjectNode camel(ObjectNode o) {
        ObjectNode out = F.objectNode();
        o.fields().forEachRemaining(e -> {
            String k = e.getKey();
            String ck = k.equals("RoleARN") ? "roleARN"
                    : k.isEmpty() ? k : Character.toLowerCase(k.charAt(0)) + k.substring(1);
            JsonNode val = e.getValue();
            if (val instanceof ObjectNode c) {
                out.set(ck, camel(c));
            } else if (val instanceof ArrayNode a) {
                ArrayNode arr = F.arrayNode();
                a.forEach(x -> arr.add(x instanceof ObjectNode xo ? camel(xo) : x));
                out.set(ck, arr);
            } else {
                out.set(ck, val);
            }
        });
        return out;
    }

    static String pascalKey(String k) {
        if (k.isEmpty()) {
            return k;
        }
        if (k.equals("id")) {
            return "ID";
        }
        return Character.toUpperCase(k.charAt(0)) + k.substring(1);
    }

    private static boolean isTimeKey(String k) {
        return k.endsWith("Date") || k.endsWith("Time") || k.endsWith("Timestamp");
    }

    /** A Config time (epoch milliseconds, or ISO-8601 with or without offset) as an ISO-8601 instant. */
    static String isoTime(JsonNode v) {
        if (v.isNumber()) {
            long n = v.asLong();
            return (n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n)).toString();
        }
        Instant i = instant(v);
        return i == null ? v.asText() : i.toString();
    }

    static Instant instant(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isNumber()) {
            return Instant.parse(isoTime(v));
        }
        String s = v.asText();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static void putIfText(ObjectNode o, String k, JsonNode v) {
        if (v != null && !v.isNull() && !v.isMissingNode()) {
            o.set(k, v.isValueNode() ? F.textNode(v.asText()) : v);
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String firstText(JsonNode n, String... fields) {
        for (String f : fields) {
            String t = text(n, f);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    static JsonNode firstNode(JsonNode n, String... fields) {
        for (String f : fields) {
            JsonNode v = n.get(f);
            if (v != null && !v.isNull()) {
                return parsed(v);
            }
        }
        return null;
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
