package io.trailguard.core.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled JSONPath selection. Simple definite paths ({@code $.Status.IsLogging}, {@code $['a'][0]}) are walked
 * directly on the tree; anything else (wildcards, filters, deep scan) goes through Jayway JsonPath. A definite path
 * selects at most one value; an indefinite one may select several and so must be used with a quantifier.
 */
public final class PathSelector {
    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_:-]*)|\\['([^']*)'\\]|\\[(\\d+)\\]");
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
            .build();

    private final String text;
    private final List<Object> segments; // String field or Integer index; null when Jayway is used
    private final JsonPath jayway;
    private final boolean definite;

    private PathSelector(String text, List<Object> segments, JsonPath jayway, boolean definite) {
        this.text = text;
        this.segments = segments;
        this.jayway = jayway;
        this.definite = definite;
    }

    /**
     * Compiles a JSONPath.
     *
     * @throws IllegalArgumentException with Jayway's explanation when the path is not valid
     */
    public static PathSelector compile(String text) {
        if (!text.startsWith("$")) {
            throw new IllegalArgumentException("a path starts with '$' (the current resource or element), found \"" + text + "\"");
        }
        int regexFilter = regexFilter(text);
        if (regexFilter >= 0) {
            throw new IllegalArgumentException("the path " + text + " uses the =~ filter at character " + (regexFilter + 1)
                    + ": JSONPath's regular expressions backtrack (a short value can take minutes), so rules may not use "
                    + "them; select the values and test them with 'matches', which uses linear-time RE2");
        }
        List<Object> segs = simple(text);
        if (segs != null) {
            return new PathSelector(text, segs, null, true);
        }
        try {
            JsonPath p = JsonPath.compile(text);
            return new PathSelector(text, null, p, p.isDefinite());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid JSONPath \"" + text + "\": " + e.getMessage());
        }
    }

    /** The index of a {@code =~} outside quotes, or -1. */
    private static int regexFilter(String text) {
        char quote = 0;
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '=' && text.charAt(i + 1) == '~') {
                return i;
            }
        }
        return -1;
    }

    private static List<Object> simple(String text) {
        List<Object> segs = new ArrayList<>();
        Matcher m = SEGMENT.matcher(text);
        int pos = 1;
        while (pos < text.length()) {
            if (!m.find(pos) || m.start() != pos) {
                return null;
            }
            if (m.group(1) != null) {
                segs.add(m.group(1));
            } else if (m.group(2) != null) {
                segs.add(m.group(2));
            } else {
                segs.add(Integer.valueOf(m.group(3)));
            }
            pos = m.end();
        }
        return segs;
    }

    public String text() {
        return text;
    }

    /** True when the path selects at most one value. */
    public boolean isDefinite() {
        return definite;
    }

    /** The top-level field the path reads first ({@code Status} for {@code $.Status.IsLogging}), or {@code null}. */
    public String topField() {
        if (segments != null) {
            return segments.isEmpty() || !(segments.get(0) instanceof String s) ? null : s;
        }
        Matcher m = SEGMENT.matcher(text);
        if (m.find(1) && m.start() == 1) {
            return m.group(1) != null ? m.group(1) : m.group(2);
        }
        return null;
    }

    /** The one value a definite path selects, or {@code null} when it is absent (JSON null counts as absent). */
    public JsonNode selectOne(JsonNode root) {
        if (segments != null) {
            JsonNode n = root;
            for (Object s : segments) {
                if (n == null) {
                    return null;
                }
                n = s instanceof String f ? n.get(f) : n.get((Integer) s);
            }
            return n == null || n.isNull() || n.isMissingNode() ? null : n;
        }
        List<JsonNode> all = selectAll(root);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * The values the path selects. For a definite path that selects an array, its elements; for an indefinite path,
     * every value it matches (absent and null values left out).
     */
    public List<JsonNode> selectAll(JsonNode root) {
        if (segments != null || definite) {
            JsonNode one = segments != null ? selectOne(root) : first(root);
            if (one == null) {
                return List.of();
            }
            if (one.isArray()) {
                List<JsonNode> out = new ArrayList<>(one.size());
                one.forEach(x -> {
                    if (!x.isNull()) {
                        out.add(x);
                    }
                });
                return out;
            }
            return List.of(one);
        }
        JsonNode result = jayway.read(root, JAYWAY);
        List<JsonNode> out = new ArrayList<>();
        if (result instanceof ArrayNode a) {
            a.forEach(x -> {
                if (!x.isNull()) {
                    out.add(x);
                }
            });
        }
        return out;
    }

    private JsonNode first(JsonNode root) {
        JsonNode result = jayway.read(root, JAYWAY);
        if (result instanceof ArrayNode a && !a.isEmpty() && !a.get(0).isNull()) {
            return a.get(0);
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
