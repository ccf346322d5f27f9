package io.trailguard.aws.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesWholeAndReplacesAtomically() throws IOException {
        ObjectMapper m = new ObjectMapper();
        Path target = dir.resolve("out/snapshot.json");
        ObjectNode a = m.createObjectNode().put("snapshotVersion", 1).put("n", "first");
        SnapshotWriter.write(a, target);
        assertEquals(a, m.readTree(target.toFile()));
        ObjectNode b = m.createObjectNode().put("snapshotVersion", 1).put("n", "second");
        SnapshotWriter.write(b, target);
        assertEquals(b, m.readTree(target.toFile()));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        ObjectMapper m = new ObjectMapper();
        Path target = dir.resolve("snapshot.json");
        ObjectNode a = m.createObjectNode().put("n", "old");
        SnapshotWriter.write(a, target);
        ObjectNode bad = m.createObjectNode();
        bad.putPOJO("x", new Object() {
            public String getBoom() {
                throw new IllegalStateException("boom");
            }
        });
        assertThrows(Exception.class, () -> SnapshotWriter.write(bad, target));
        assertEquals(a, m.readTree(target.toFile()));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
