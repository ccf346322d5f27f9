package io.trailguard.core.snapshot;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailguard.core.PatchOperation;
import java.util.List;

/**
 * Applies RFC 6902 JSON Patch operations to a copy of a document. Used to prove fixes: apply a finding's patch to
 * the snapshot, evaluate again.
 */
public final class JsonPatch {
    private JsonPatch() {
    }

    /** Thrown when an operation cannot be applied (missing path, failed test). */
    public static final class PatchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PatchException(String message) {
            super(message);
        }
    }

    /** Returns a patched deep copy of {@code document}; the original is not modified. */
    public static ObjectNode apply(ObjectNode document, List<PatchOperation> ops) {
        ObjectNode doc = document.deepCopy();
        for (PatchOperation op : ops) {
            JsonNode value = op.value() == null ? null : Json.parse(op.value());
            switch (op.op()) {
                case "add" -> add(doc, op.path(), value);
                case "remove" -> remove(doc, op.path());
                case "replace" -> {
                    remove(doc, op.path());
                    add(doc, op.path(), value);
                }
                case "move" -> {
                    JsonNode v = get(doc, op.from());
                    remove(doc, op.from());
                    add(doc, op.path(), v);
                }
                case "copy" -> add(doc, op.path(), get(doc, op.from()).deepCopy());
                case "test" -> {
                    if (!get(doc, op.path()).equals(value)) {
                        throw new PatchException("test failed at " + op.path());
                    }
                }
                default -> throw new PatchException("unknown patch operation '" + op.op() + "'");
            }
        }
        return doc;
    }

    private static JsonNode get(JsonNode doc, String path) {
        JsonNode n = doc.at(JsonPointer.compile(path));
        if (n.isMissingNode()) {
            throw new PatchException("no value at " + path);
        }
        return n;
    }

    private static void add(ObjectNode doc, String path, JsonNode value) {
        if (value == null) {
            throw new PatchException("add at " + path + " needs a value");
        }
        JsonPointer ptr = JsonPointer.compile(path);
        JsonNode parent = doc.at(ptr.head());
        String last = ptr.last().getMatchingProperty();
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            if (last.equals("-")) {
                a.add(value);
            } else {
                int i = index(last, a.size() + 1, path);
                a.insert(i, value);
            }
        } else {
            throw new PatchException("no object or array at the parent of " + path);
        }
    }

    private static void remove(ObjectNode doc, String path) {
        JsonPointer ptr = JsonPointer.compile(path);
        JsonNode parent = doc.at(ptr.head());
        String last = ptr.last().getMatchingProperty();
        if (parent instanceof ObjectNode o && o.has(last)) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a) {
            a.remove(index(last, a.size(), path));
        } else {
            throw new PatchException("no value at " + path);
        }
    }

    private static int index(String s, int bound, String path) {
        try {
            int i = Integer.parseInt(s);
            if (i < 0 || i >= bound) {
                throw new PatchException("index out of range at " + path);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new PatchException("not an array index at " + path);
        }
    }
}
