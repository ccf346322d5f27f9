package io.trailguard.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.diag.Suggestions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a fixture's patch: a list of operations on a JSON document whose paths address array elements by a key
 * field ({@code {"id": "arn:…"}}), never by index, so a patch stays right when its base gains or reorders elements.
 *
 * <p>An operation is {@code {"op": "add"|"set"|"remove", "at": PATH, "value": V}} or
 * {@code {"op": "select", "at": PATH, "by": FIELD, "keys": [K…]}}. A PATH is a list of steps: a string names an object
 * member, a one-field object {@code {FIELD: K}} names the one element of an array whose FIELD is K. {@code add}
 * requires the target to be absent (a new element is appended), {@code set} and {@code remove} require it present,
 * {@code select} keeps only the listed elements, in the listed order. Operations apply in order, and each place is
 * changed once: an operation at, inside or above a place an earlier one changed is a conflict (except inside the
 * elements an earlier {@code select} kept). Every failure names the operation and step by its JSON pointer in the
 * patch.
 */
final class KeyedPatch {
    private static final Set<String> OPS = Set.of("add", "set", "remove", "select");
    private static final Set<String> OP_KEYS = Set.of("op", "at", "value", "by", "keys");

    /** A patch operation that cannot apply; {@code pointer} is its place in the patch (e.g. {@code /3/at/1}). */
    static final class PatchException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String pointer;

        PatchException(String pointer, String message) {
            super(message);
            this.pointer = pointer;
        }
    }

    private record Done(int index, List<JsonNode> steps, boolean select) {
    }

    private final List<Done> done = new ArrayList<>();

    private KeyedPatch() {
    }

    /** Applies {@code ops} to a copy of {@code base} and returns it. */
    static JsonNode apply(JsonNode base, JsonNode ops) {
        if (!ops.isArray()) {
            throw new PatchException("", "expected a list of operations {op, at, value}");
        }
        JsonNode doc = base.deepCopy();
        KeyedPatch p = new KeyedPatch();
        for (int i = 0; i < ops.size(); i++) {
            p.one(doc, ops.get(i), i);
        }
        return doc;
    }

    private void one(JsonNode doc, JsonNode op, int i) {
        String ptr = "/" + i;
        if (!op.isObject() || !op.path("op").isTextual() || !OPS.contains(op.path("op").asText())) {
            throw new PatchException(ptr, "expected an operation {\"op\": add|set|remove|select, \"at\": [steps…], …}"
                    + (op.path("op").isTextual() ? Suggestions.hint(op.path("op").asText(), OPS) : ""));
        }
        for (Iterator<String> it = op.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!OP_KEYS.contains(k)) {
                throw new PatchException(ptr + "/" + k, "unknown key '" + k + "' in an operation" + Suggestions.hint(k, OP_KEYS));
            }
        }
        String kind = op.get("op").asText();
        JsonNode at = op.get("at");
        if (at == null || !at.isArray() || at.isEmpty()) {
            throw new PatchException(ptr + "/at", "expected 'at': a non-empty list of steps (member names, or {field: key} for an array element)");
        }
        if (kind.equals("add") || kind.equals("set")) {
            require(op, "value", ptr);
        }
        List<JsonNode> steps = new ArrayList<>();
        at.forEach(steps::add);
        conflict(steps, kind.equals("select"), ptr, i);
        JsonNode parent = doc;
        for (int s = 0; s < at.size() - 1; s++) {
            parent = child(parent, at.get(s), ptr + "/at/" + s, at, s, true);
        }
        JsonNode last = at.get(at.size() - 1);
        String lastPtr = ptr + "/at/" + (at.size() - 1);
        switch (kind) {
            case "select" -> select(child(parent, last, lastPtr, at, at.size() - 1, true), op, ptr, at);
            case "set" -> replace(parent, last, lastPtr, at, op.get("value").deepCopy());
            case "remove" -> remove(parent, last, lastPtr, at);
            default -> add(parent, last, lastPtr, at, op.get("value").deepCopy());
        }
        done.add(new Done(i, steps, kind.equals("select")));
    }

    private static void require(JsonNode op, String key, String ptr) {
        if (!op.has(key)) {
            throw new PatchException(ptr, "missing '" + key + "' in a '" + op.get("op").asText() + "' operation");
        }
    }

    /** An operation may not touch a place an earlier one changed, nor a place that contains it. */
    private void conflict(List<JsonNode> steps, boolean select, String ptr, int i) {
        for (Done d : done) {
            int n = Math.min(d.steps.size(), steps.size());
            if (!d.steps.subList(0, n).equals(steps.subList(0, n))) {
                continue;
            }
            boolean insideKept = d.select && steps.size() > d.steps.size() && !select;
            if (!insideKept) {
                throw new PatchException(ptr + "/at", "conflicting patch: operation " + i + " at " + render(steps)
                        + " overlaps operation " + d.index + " at " + render(d.steps) + "; change each place once");
            }
        }
    }

    /** The value a step names; {@code mustExist} false returns null for an absent member. */
    private static JsonNode child(JsonNode parent, JsonNode step, String ptr, JsonNode at, int s, boolean mustExist) {
        if (step.isTextual()) {
            if (!parent.isObject()) {
                throw new PatchException(ptr, render(at, s) + " is " + kind(parent) + ", not an object with member '"
                        + step.asText() + "'");
            }
            JsonNode v = parent.get(step.asText());
            if (v == null && mustExist) {
                List<String> names = new ArrayList<>();
                parent.fieldNames().forEachRemaining(names::add);
                throw new PatchException(ptr, "the patch addresses nothing: " + render(at, s) + " has no member '"
                        + step.asText() + "'" + Suggestions.hint(step.asText(), names));
            }
            return v;
        }
        int index = index(parent, step, ptr, at, s);
        if (index < 0) {
            if (!mustExist) {
                return null;
            }
            Map.Entry<String, JsonNode> key = step.fields().next();
            List<String> keys = new ArrayList<>();
            parent.forEach(e -> keys.add(e.path(key.getKey()).asText()));
            throw new PatchException(ptr, "the patch addresses nothing: no element of " + render(at, s) + " has "
                    + key.getKey() + " " + key.getValue() + Suggestions.hint(key.getValue().asText(), keys));
        }
        return parent.get(index);
    }

    /** The index of the one element a {@code {field: key}} step names, or -1. */
    private static int index(JsonNode parent, JsonNode step, String ptr, JsonNode at, int s) {
        if (!step.isObject() || step.size() != 1 || !step.fields().next().getValue().isValueNode()) {
            throw new PatchException(ptr, "expected a step: a member name, or {field: key} naming an array element "
                    + "by a field that identifies it (elements are never addressed by position)");
        }
        if (!parent.isArray()) {
            throw new PatchException(ptr, render(at, s) + " is " + kind(parent) + ", not an array of elements to pick "
                    + step + " from");
        }
        Map.Entry<String, JsonNode> key = step.fields().next();
        int found = -1;
        for (int i = 0; i < parent.size(); i++) {
            if (key.getValue().equals(parent.get(i).get(key.getKey()))) {
                if (found >= 0) {
                    throw new PatchException(ptr, "ambiguous step: several elements of " + render(at, s) + " have "
                            + key.getKey() + " " + key.getValue() + "; choose a field whose value is unique");
                }
                found = i;
            }
        }
        return found;
    }

    private static void replace(JsonNode parent, JsonNode last, String ptr, JsonNode at, JsonNode value) {
        child(parent, last, ptr, at, at.size() - 1, true);
        if (last.isTextual()) {
            ((ObjectNode) parent).set(last.asText(), value);
        } else {
            ((ArrayNode) parent).set(index(parent, last, ptr, at, at.size() - 1), keyed(last, value, ptr));
        }
    }

    private static void remove(JsonNode parent, JsonNode last, String ptr, JsonNode at) {
        child(parent, last, ptr, at, at.size() - 1, true);
        if (last.isTextual()) {
            ((ObjectNode) parent).remove(last.asText());
        } else {
            ((ArrayNode) parent).remove(index(parent, last, ptr, at, at.size() - 1));
        }
    }

    private static void add(JsonNode parent, JsonNode last, String ptr, JsonNode at, JsonNode value) {
        if (child(parent, last, ptr, at, at.size() - 1, false) != null) {
            throw new PatchException(ptr, "conflicting patch: " + render(at, at.size()) + " already exists in the base; "
                    + "use 'set' to replace it");
        }
        if (last.isTextual()) {
            ((ObjectNode) parent).set(last.asText(), value);
        } else {
            ((ArrayNode) parent).add(keyed(last, value, ptr));
        }
    }

    /** A new or replacing element must carry the key its step names, or the step would not find it again. */
    private static JsonNode keyed(JsonNode step, JsonNode value, String ptr) {
        Map.Entry<String, JsonNode> key = step.fields().next();
        if (!key.getValue().equals(value.get(key.getKey()))) {
            throw new PatchException(ptr, "conflicting patch: the value's " + key.getKey() + " is "
                    + value.get(key.getKey()) + ", but the step names " + key.getValue());
        }
        return value;
    }

    private static void select(JsonNode array, JsonNode op, String ptr, JsonNode at) {
        if (!array.isArray() || !op.path("by").isTextual() || !op.path("keys").isArray()) {
            throw new PatchException(ptr, "'select' needs 'at' naming an array, 'by' (the key field) and 'keys' (the "
                    + "keys of the elements to keep, in order)");
        }
        String by = op.get("by").asText();
        Map<JsonNode, JsonNode> kept = new LinkedHashMap<>();
        JsonNode keys = op.get("keys");
        for (int k = 0; k < keys.size(); k++) {
            JsonNode step = JsonNodeFactory.instance.objectNode().set(by, keys.get(k));
            int i = index(array, step, ptr + "/keys/" + k, at, at.size());
            if (i < 0) {
                List<String> have = new ArrayList<>();
                array.forEach(e -> have.add(e.path(by).asText()));
                throw new PatchException(ptr + "/keys/" + k, "the patch addresses nothing: no element of "
                        + render(at, at.size()) + " has " + by + " " + keys.get(k) + Suggestions.hint(keys.get(k).asText(), have));
            }
            if (kept.put(keys.get(k), array.get(i)) != null) {
                throw new PatchException(ptr + "/keys/" + k, "conflicting patch: " + keys.get(k) + " is selected twice");
            }
        }
        ArrayNode a = (ArrayNode) array;
        a.removeAll();
        kept.values().forEach(a::add);
    }

    private static String kind(JsonNode n) {
        return n.isObject() ? "an object" : n.isArray() ? "an array" : n.isNull() ? "null" : "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The first {@code n} steps of a path as a readable pointer: {@code /resources[id=arn:…]/configuration}. */
    static String render(JsonNode at, int n) {
        List<JsonNode> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(at.get(i));
        }
        return render(steps);
    }

    private static String render(List<JsonNode> steps) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode s : steps) {
            if (s.isObject() && s.size() == 1) {
                Map.Entry<String, JsonNode> e = s.fields().next();
                sb.append('[').append(e.getKey()).append('=').append(e.getValue().asText()).append(']');
            } else {
                sb.append('/').append(s.asText());
            }
        }
        return sb.isEmpty() ? "the document" : sb.toString();
    }
}
