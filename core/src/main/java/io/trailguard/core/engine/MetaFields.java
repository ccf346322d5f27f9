package io.trailguard.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trailguard.core.snapshot.ResourceNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resource's configuration with {@code id}, {@code type}, {@code accountId} and {@code region} beside it, as
 * templates and fixes see a resource: a read-only view, so that rendering a message does not copy the configuration.
 * Same content and order as copying the configuration and then putting the four fields (which replace configuration
 * fields of the same name in place).
 */
final class MetaFields extends AbstractMap<String, JsonNode> {
    private static final List<String> NAMES = List.of("id", "type", "accountId", "region");

    private final ObjectNode configuration;
    private final TextNode[] meta;

    private MetaFields(ResourceNode r) {
        this.configuration = r.configuration();
        this.meta = new TextNode[] {TextNode.valueOf(r.id()), TextNode.valueOf(r.type()),
                TextNode.valueOf(r.accountId()), TextNode.valueOf(r.region())};
    }

    /** The view as a JSON object. */
    static ObjectNode of(ResourceNode r) {
        return new ObjectNode(JsonNodeFactory.instance, new MetaFields(r));
    }

    private static int metaIndex(Object key) {
        if (!(key instanceof String s)) {
            return -1;
        }
        return switch (s) {
            case "id" -> 0;
            case "type" -> 1;
            case "accountId" -> 2;
            case "region" -> 3;
            default -> -1;
        };
    }

    @Override
    public JsonNode get(Object key) {
        int m = metaIndex(key);
        return m >= 0 ? meta[m] : key instanceof String s ? configuration.get(s) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return metaIndex(key) >= 0 || (key instanceof String s && configuration.has(s));
    }

    /** The configuration's fields and the meta fields it does not already have, without listing them. */
    @Override
    public int size() {
        int n = configuration.size();
        for (String name : NAMES) {
            if (!configuration.has(name)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, JsonNode>> iterator() {
                return entries().iterator();
            }

            @Override
            public int size() {
                return MetaFields.this.size();
            }
        };
    }

    /** The entries in order: the configuration's (meta fields replacing theirs in place), then the other meta fields. */
    private List<Entry<String, JsonNode>> entries() {
        List<Entry<String, JsonNode>> out = new ArrayList<>(configuration.size() + NAMES.size());
        boolean[] placed = new boolean[NAMES.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = configuration.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int m = metaIndex(e.getKey());
            if (m >= 0) {
                placed[m] = true;
                out.add(new SimpleImmutableEntry<>(e.getKey(), meta[m]));
            } else {
                out.add(new SimpleImmutableEntry<>(e.getKey(), e.getValue()));
            }
        }
        for (int m = 0; m < NAMES.size(); m++) {
            if (!placed[m]) {
                out.add(new SimpleImmutableEntry<>(NAMES.get(m), meta[m]));
            }
        }
        return out;
    }
}
