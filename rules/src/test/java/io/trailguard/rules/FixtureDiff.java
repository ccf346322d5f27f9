package io.trailguard.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keyed patch (docs/rule-dsl.md, "Lean fixtures") that turns one snapshot into another: members by name, array
 * elements by a field that identifies them, never by position, so the patch stays right when its base gains or
 * reorders elements. {@link FixtureMinimizer} writes a fixture as such a patch against a sibling.
 */
final class FixtureDiff {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields that identify an element of an array, in order of preference. */
    private static final List<String> KEYS = List.of("id", "Id", "ID", "Name", "name", "Sid", "Key", "filterName",
            "AlarmName", "TrailARN", "TopicArn", "logGroupName", "FlowLogId", "SubnetId", "VpcId");

    private FixtureDiff() {
    }

    /** Appends to {@code ops} the operations that turn {@code from} into {@code to}. */
    static void diff(JsonNode from, JsonNode to, ArrayNode at, ArrayNode ops) {
        if (from.equals(to)) {
            return;
        }
        if (from.isObject() && to.isObject()) {
            // in the base's member order, then new members: a fixture's materialised member order (added members
            // last) then gives the same operations again, so a second run rewrites nothing
            from.fieldNames().forEachRemaining(k -> {
                if (!to.has(k)) {
                    ops.addObject().put("op", "remove").set("at", at.deepCopy().add(k));
                } else {
                    diff(from.get(k), to.get(k), at.deepCopy().add(k), ops);
                }
            });
            to.fields().forEachRemaining(e -> {
                if (!from.has(e.getKey())) {
                    ObjectNode op = ops.addObject().put("op", "add");
                    op.set("at", at.deepCopy().add(e.getKey()));
                    op.set("value", e.getValue());
                }
            });
            return;
        }
        String key = from.isArray() && to.isArray() && !from.isEmpty() && !to.isEmpty() ? key(from, to) : null;
        if (key == null || !keyedDiff(from, to, key, at, ops)) {
            ObjectNode op = ops.addObject().put("op", "set");
            op.set("at", at);
            op.set("value", to);
        }
    }

    /** The keyed operations for two arrays, or false when the target's order cannot be reached (kept, then added). */
    private static boolean keyedDiff(JsonNode from, JsonNode to, String key, ArrayNode at, ArrayNode ops) {
        Map<JsonNode, JsonNode> was = new LinkedHashMap<>();
        from.forEach(e -> was.put(e.get(key), e));
        List<JsonNode> kept = new ArrayList<>();
        List<JsonNode> added = new ArrayList<>();
        for (JsonNode e : to) {
            if (was.containsKey(e.get(key))) {
                if (!added.isEmpty()) {
                    return false; // a kept element after an added one: appending cannot produce this order
                }
                kept.add(e.get(key));
            } else {
                added.add(e);
            }
        }
        List<JsonNode> inBaseOrder = was.keySet().stream().filter(kept::contains).toList();
        int removed = was.size() - kept.size();
        ArrayNode mine = JSON.createArrayNode();
        if (!inBaseOrder.equals(kept) || kept.size() + 2 < removed) {
            ObjectNode op = mine.addObject().put("op", "select");
            op.set("at", at);
            op.put("by", key);
            kept.forEach(op.putArray("keys")::add);
        } else {
            was.keySet().stream().filter(k -> !kept.contains(k))
                    .forEach(k -> mine.addObject().put("op", "remove").set("at", at.deepCopy().add(step(key, k))));
        }
        for (JsonNode e : to) {
            ArrayNode here = at.deepCopy().add(step(key, e.get(key)));
            if (was.containsKey(e.get(key))) {
                diff(was.get(e.get(key)), e, here, mine);
            } else {
                ObjectNode op = mine.addObject().put("op", "add");
                op.set("at", here);
                op.set("value", e);
            }
        }
        ops.addAll(mine);
        return true;
    }

    private static JsonNode step(String key, JsonNode value) {
        return JSON.createObjectNode().set(key, value);
    }

    /** A field whose value is a unique string in every element of both arrays, or null. */
    private static String key(JsonNode from, JsonNode to) {
        for (String k : KEYS) {
            if (unique(from, k) && unique(to, k)) {
                return k;
            }
        }
        return null;
    }

    private static boolean unique(JsonNode array, String k) {
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode e : array) {
            if (!e.isObject() || !e.path(k).isTextual() || !seen.add(e.get(k).asText())) {
                return false;
            }
        }
        return true;
    }
}
