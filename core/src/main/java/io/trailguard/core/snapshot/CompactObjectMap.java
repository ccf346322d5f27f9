package io.trailguard.core.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The children of a snapshot's JSON objects: an insertion-ordered map in two parallel arrays while small (most
 * objects of a snapshot have fewer than ten fields), a {@link LinkedHashMap} once it grows past {@link #SMALL}.
 * A {@code LinkedHashMap} costs about 56 bytes plus 44 per entry; this costs about 8 per entry, which is most of the
 * memory of a large snapshot's tree. Same contract as {@code LinkedHashMap} (order, null values, views).
 */
final class CompactObjectMap extends AbstractMap<String, JsonNode> {
    static final int SMALL = 16;

    private String[] keys;
    private JsonNode[] values;
    private int size;
    private LinkedHashMap<String, JsonNode> big;
    private int modCount;

    CompactObjectMap() {
        keys = new String[2];
        values = new JsonNode[2];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                return i;
            }
        }
        if (key == null) {
            return -1;
        }
        // field names are mostly the parser's canonical instances, found above; otherwise compare cached hashes first
        int h = key.hashCode();
        for (int i = 0; i < size; i++) {
            String k = keys[i];
            if (k.hashCode() == h && key.equals(k)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return big != null ? big.size() : size;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return big != null ? big.containsKey(key) : indexOf(key) >= 0;
    }

    @Override
    public JsonNode get(Object key) {
        if (big != null) {
            return big.get(key);
        }
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public JsonNode put(String key, JsonNode value) {
        if (big != null) {
            return big.put(key, value);
        }
        int i = indexOf(key);
        if (i >= 0) {
            JsonNode old = values[i];
            values[i] = value;
            return old;
        }
        modCount++;
        if (size == SMALL) {
            big = new LinkedHashMap<>(SMALL * 4);
            for (int k = 0; k < size; k++) {
                big.put(keys[k], values[k]);
            }
            keys = null;
            values = null;
            size = 0;
            return big.put(key, value);
        }
        if (size == keys.length) {
            int n = Math.min(SMALL, size * 2);
            keys = Arrays.copyOf(keys, n);
            values = Arrays.copyOf(values, n);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        return null;
    }

    @Override
    public JsonNode remove(Object key) {
        if (big != null) {
            return big.remove(key);
        }
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        JsonNode old = values[i];
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        modCount++;
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        keys[size] = null;
        values[size] = null;
    }

    @Override
    public void clear() {
        if (big != null) {
            big.clear();
            return;
        }
        modCount++;
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
        if (big != null) {
            return big.entrySet();
        }
        return new AbstractSet<>() {
            @Override
            public int size() {
                return CompactObjectMap.this.size();
            }

            @Override
            public Iterator<Entry<String, JsonNode>> iterator() {
                if (big != null) {
                    return big.entrySet().iterator();
                }
                return new Iterator<>() {
                    private int next;
                    private int last = -1;
                    private int expected = modCount;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, JsonNode> next() {
                        if (expected != modCount || big != null) {
                            throw new ConcurrentModificationException();
                        }
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        int at = last;
                        return new SimpleEntry<>(keys[at], values[at]) {
                            private static final long serialVersionUID = 1L;

                            @Override
                            public JsonNode setValue(JsonNode v) {
                                if (big == null && at < size && Objects.equals(keys[at], getKey())) {
                                    values[at] = v;
                                }
                                return super.setValue(v);
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        if (expected != modCount || big != null) {
                            throw new ConcurrentModificationException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
                        expected = modCount;
                    }
                };
            }
        };
    }
}
