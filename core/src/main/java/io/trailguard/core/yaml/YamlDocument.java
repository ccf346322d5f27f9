package io.trailguard.core.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailguard.core.Problem;
import io.trailguard.core.diag.SourceText;
import java.util.Map;

/**
 * A parsed YAML document as a JSON tree, with the position of every value and key by JSON pointer, so that later
 * checks can point at the exact line and column.
 */
public final class YamlDocument {
    private final String source;
    private final JsonNode root;
    private final Map<String, Position> valuePositions;
    private final Map<String, Position> keyPositions;
    private final SourceText text;

    YamlDocument(String source, JsonNode root, Map<String, Position> valuePositions,
                 Map<String, Position> keyPositions, SourceText text) {
        this.source = source;
        this.root = root;
        this.valuePositions = valuePositions;
        this.keyPositions = keyPositions;
        this.text = text;
    }

    /**
     * A document read earlier, such as a rule file precompiled into JSON at build time: its tree and the positions
     * that were kept ({@link #valueAt} falls back to the nearest ancestor's, else {@link Position#UNKNOWN}). Problems
     * found in it quote no line of text.
     */
    public static YamlDocument of(String source, JsonNode root, Map<String, Position> valuePositions) {
        return new YamlDocument(source, root, Map.copyOf(valuePositions), Map.of(), new SourceText(null));
    }

    public String source() {
        return source;
    }

    public JsonNode root() {
        return root;
    }

    /** The position of the value at a JSON pointer, or of its nearest ancestor that has one. */
    public Position valueAt(String pointer) {
        String p = pointer;
        while (true) {
            Position pos = valuePositions.get(p);
            if (pos != null) {
                return pos;
            }
            if (p.isEmpty()) {
                return Position.UNKNOWN;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** The position of the key of the member at a JSON pointer, else of its value. */
    public Position keyAt(String pointer) {
        Position pos = keyPositions.get(pointer);
        return pos != null ? pos : valueAt(pointer);
    }

    /** A problem located at a position of this document. */
    public Problem problem(Position pos, String message) {
        return new Problem(source, pos.line(), pos.column(), message, text.line(pos.line()));
    }
}
