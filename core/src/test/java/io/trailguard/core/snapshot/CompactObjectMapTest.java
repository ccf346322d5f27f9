package io.trailguard.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CompactObjectMap behaves as a LinkedHashMap, small and after it grows past SMALL. */
class CompactObjectMapTest {
    @Test
    void sameAsLinkedHashMapUnderRandomOperations() {
        Random r = new Random(1);
        for (int round = 0; round < 200; round++) {
            Map<String, JsonNode> expected = new LinkedHashMap<>();
            Map<String, JsonNode> actual = new CompactObjectMap();
            int keyspace = 1 + r.nextInt(40);
            for (int op = 0; op < 200; op++) {
                String k = "k" + r.nextInt(keyspace);
                JsonNode v = r.nextInt(10) == 0 ? null : IntNode.valueOf(r.nextInt(100));
                switch (r.nextInt(7)) {
                    case 0, 1, 2 -> assertThat(actual.put(k, v)).isEqualTo(expected.put(k, v));
                    case 3 -> assertThat(actual.remove(k)).isEqualTo(expected.remove(k));
                    case 4 -> {
                        Iterator<Map.Entry<String, JsonNode>> ie = expected.entrySet().iterator();
                        Iterator<Map.Entry<String, JsonNode>> ia = actual.entrySet().iterator();
                        while (ie.hasNext()) {
                            Map.Entry<String, JsonNode> e = ie.next();
                            Map.Entry<String, JsonNode> a = ia.next();
                            assertThat(a).isEqualTo(e);
                            if (e.getKey().hashCode() % 3 == 0) {
                                ie.remove();
                                ia.remove();
                            }
                        }
                        assertThat(ia.hasNext()).isFalse();
                    }
                    case 5 -> {
                        if (r.nextInt(20) == 0) {
                            expected.clear();
                            actual.clear();
                        }
                        assertThat(actual.containsKey(k)).isEqualTo(expected.containsKey(k));
                    }
                    default -> {
                        for (Map.Entry<String, JsonNode> e : actual.entrySet()) {
                            if (e.getKey().equals(k)) {
                                e.setValue(IntNode.valueOf(7));
                            }
                        }
                        if (expected.containsKey(k)) {
                            expected.put(k, IntNode.valueOf(7));
                        }
                    }
                }
                assertThat(actual.get(k)).isEqualTo(expected.get(k));
                assertThat(actual.size()).isEqualTo(expected.size());
                assertThat(new ArrayList<>(actual.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
                assertThat(new ArrayList<>(actual.values())).isEqualTo(new ArrayList<>(expected.values()));
                assertThat(actual).isEqualTo(expected);
                assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
            }
        }
    }
}
