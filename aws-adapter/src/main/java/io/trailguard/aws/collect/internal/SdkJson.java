package io.trailguard.aws.collect.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * SDK v2 model objects to JSON with AWS's own field names: each {@link SdkField}'s member name, which is the name
 * the API documentation and the AWS CLI print ({@code VpcId}, not EC2's wire name {@code vpcId}). Absent members
 * (null, or lists and maps the response did not contain) are left out; timestamps become ISO-8601 strings.
 */
public final class SdkJson {
    public static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200).maxStringLength(1_000_000).build());
    }

    private SdkJson() {
    }

    public static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode out = F.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() == MarshallLocation.STATUS_CODE) {
                continue;
            }
            JsonNode v = value(field.getValueOrDefault(pojo));
            if (v != null) {
                out.set(field.memberName(), v);
            }
        }
        return out;
    }

    public static JsonNode value(Object v) {
        if (v == null || v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap) {
            return null;
        }
        if (v instanceof SdkPojo p) {
            return toJson(p);
        }
        if (v instanceof String s) {
            return F.textNode(s);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Integer i) {
            return F.numberNode(i);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Short s) {
            return F.numberNode(s);
        }
        if (v instanceof Double d) {
            return F.numberNode(d);
        }
        if (v instanceof Float f) {
            return F.numberNode(f);
        }
        if (v instanceof BigDecimal d) {
            return F.numberNode(d);
        }
        if (v instanceof Instant t) {
            return F.textNode(t.toString());
        }
        if (v instanceof SdkBytes b) {
            return F.textNode(java.util.Base64.getEncoder().encodeToString(b.asByteArrayUnsafe()));
        }
        if (v instanceof Document d) {
            return document(d);
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            for (Object o : c) {
                JsonNode n = value(o);
                a.add(n == null ? F.nullNode() : n);
            }
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                JsonNode n = value(e.getValue());
                o.set(String.valueOf(e.getKey()), n == null ? F.nullNode() : n);
            }
            return o;
        }
        return F.textNode(v.toString());
    }

    private static JsonNode document(Document d) {
        if (d.isNull()) {
            return F.nullNode();
        }
        if (d.isString()) {
            return F.textNode(d.asString());
        }
        if (d.isBoolean()) {
            return F.booleanNode(d.asBoolean());
        }
        if (d.isNumber()) {
            return F.numberNode(d.asNumber().bigDecimalValue());
        }
        if (d.isList()) {
            ArrayNode a = F.arrayNode();
            d.asList().forEach(x -> a.add(document(x)));
            return a;
        }
        ObjectNode o = F.objectNode();
        d.asMap().forEach((k, x) -> o.set(k, document(x)));
        return o;
    }

    /** A policy document as returned by S3, KMS, SNS, Logs (a JSON string). */
    public static JsonNode parsePolicy(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("policy document is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** An IAM policy document: URL-encoded JSON (RFC 3986). */
    public static JsonNode parseIamPolicy(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return null;
        }
        String s = encoded.trim().startsWith("{") ? encoded : URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        return parsePolicy(s);
    }

    public static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Our own reading of an answer failed: the answer was not what the API promises. */
    public static final class MalformedResponseException extends RuntimeException {
        public MalformedResponseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
