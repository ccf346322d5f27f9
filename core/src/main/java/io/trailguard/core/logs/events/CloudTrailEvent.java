package io.trailguard.core.logs.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One CloudTrail event (a record of a log file), read-only, with the fields the analyses use; fields a record lacks
 * are {@code null}. Field names: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 *
 * @since 0.2.0
 */
public final class CloudTrailEvent {
    private final JsonNode json;
    private final String file;

    CloudTrailEvent(JsonNode json, String file) {
        this.json = json;
        this.file = file;
    }

    /** The event's JSON (for the filter-pattern engine). */
    JsonNode json() {
        return json;
    }

    /** The log file (key) the event was read from. */
    public String file() {
        return file;
    }

    public String text(String... path) {
        JsonNode n = json;
        for (String p : path) {
            n = n == null ? null : n.get(p);
        }
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    public String eventName() {
        return text("eventName");
    }

    public String eventSource() {
        return text("eventSource");
    }

    public String errorCode() {
        return text("errorCode");
    }

    public String sourceIp() {
        return text("sourceIPAddress");
    }

    public String region() {
        return text("awsRegion");
    }

    /** The account the event was delivered for ({@code recipientAccountId}, else the caller's account). */
    public String account() {
        String a = text("recipientAccountId");
        return a != null ? a : text("userIdentity", "accountId");
    }

    /** The event time, or {@code null} when absent or not a timestamp. */
    public Instant time() {
        String t = text("eventTime");
        try {
            return t == null ? null : Instant.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Who called: the identity's ARN, else its principal id, else its type and the service it was invoked by. */
    public String principal() {
        String arn = text("userIdentity", "arn");
        if (arn != null) {
            return arn;
        }
        String id = text("userIdentity", "principalId");
        if (id != null) {
            return id;
        }
        String by = text("userIdentity", "invokedBy");
        String type = text("userIdentity", "type");
        return type == null && by == null ? "(no userIdentity)" : (type == null ? "" : type) + (by == null ? "" : " via " + by);
    }

    /** The action in IAM form: the service prefix of {@code eventSource} and the event name ({@code s3:GetObject}). */
    public String action() {
        String src = eventSource();
        String svc = src == null ? "?" : src.endsWith(".amazonaws.com") ? src.substring(0, src.indexOf('.')) : src;
        return svc + ":" + eventName();
    }

    /** A request parameter's text value, or {@code null}. */
    public String parameter(String name) {
        return text("requestParameters", name);
    }

    /** The request parameter's values (a string, or a list of strings), empty when absent. */
    public java.util.List<String> parameterValues(String name) {
        JsonNode n = json.path("requestParameters").path(name);
        java.util.List<String> out = new java.util.ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> {
                if (v.isValueNode()) {
                    out.add(v.asText());
                }
            });
        } else if (n.isValueNode() && !n.isNull()) {
            out.add(n.asText());
        }
        return out;
    }

    /** The first ARN of {@code resources}, or {@code null}. */
    public String firstResourceArn() {
        JsonNode r = json.path("resources");
        if (r.isArray()) {
            for (JsonNode x : r) {
                String a = x.path("ARN").asText(null);
                if (a != null) {
                    return a;
                }
            }
        }
        return null;
    }

    /** The event as compact JSON (samples in reports). */
    public String toJson() {
        return json.toString();
    }
}
