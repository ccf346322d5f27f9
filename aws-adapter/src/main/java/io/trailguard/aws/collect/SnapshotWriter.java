package io.trailguard.aws.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a snapshot whole or not at all: a temporary file in the target's directory, then an atomic rename. */
public final class SnapshotWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SnapshotWriter() {
    }

    /**
     * Writes the snapshot through {@link io.trailguard.core.report.AtomicFiles} (whole or not at all, synced, links
     * and special files handled as it documents).
     */
    public static void write(JsonNode snapshot, Path target) throws IOException {
        io.trailguard.core.report.AtomicFiles.write(target, out -> MAPPER.writeValue(out, snapshot));
    }
}
