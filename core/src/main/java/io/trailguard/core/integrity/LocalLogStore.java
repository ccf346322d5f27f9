package io.trailguard.core.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A local copy of a log bucket: the directory is the bucket's root ({@code DIR/[prefix/]AWSLogs/...}, as {@code aws s3
 * sync} or {@code trailguard logs fetch} writes it). A digest's S3 metadata is kept beside it as
 * {@code <digest file name>}{@value #METADATA_SUFFIX} = {@code {"signature": "…", "signature-algorithm": "SHA256withRSA"}}.
 *
 * @since 0.2.0
 */
public final class LocalLogStore implements LogStore {
    /** The suffix of the file that holds an object's S3 user metadata in a local copy. */
    public static final String METADATA_SUFFIX = ".metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;
    private final String bucket;

    /**
     * @param root   the copy's root directory (the bucket's root)
     * @param bucket the bucket it is a copy of, or {@code null}: digests then name it
     */
    public LocalLogStore(Path root, String bucket) {
        this.root = root;
        this.bucket = bucket;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public void list(String prefix, Consumer<String> sink) throws IOException {
        Path start = prefix == null || prefix.isEmpty() ? root : root.resolve(dirOf(prefix));
        if (!Files.isDirectory(start)) {
            return;
        }
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                String key = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (!key.endsWith(METADATA_SUFFIX) && (prefix == null || key.startsWith(prefix))) {
                    sink.accept(key);
                }
            });
        }
    }

    private static String dirOf(String prefix) {
        int slash = prefix.lastIndexOf('/');
        return slash < 0 ? "" : prefix.substring(0, slash);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public Opened openWithMetadata(String key) throws IOException {
        Map<String, String> meta = metadata(key);
        return new Opened(open(key), meta);
    }

    /** The sidecar {@code <key>.metadata.json}'s string fields; empty when there is none. */
    private Map<String, String> metadata(String key) throws IOException {
        Path meta = root.resolve(key + METADATA_SUFFIX);
        if (!Files.exists(meta)) {
            if (!Files.exists(path(key))) {
                throw new NoSuchFileException(path(key).toString());
            }
            return Map.of();
        }
        JsonNode n;
        try {
            n = JSON.readTree(meta.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(meta + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    m.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return m;
    }

    /** Writes an object's metadata file beside it (what {@code logs fetch} and the test generator write). */
    public static void writeMetadata(Path objectFile, Map<String, String> metadata) throws IOException {
        io.trailguard.core.report.AtomicFiles.write(objectFile.resolveSibling(objectFile.getFileName() + METADATA_SUFFIX),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new java.util.TreeMap<>(metadata)));
    }

    @Override
    public String describe(String key) {
        return path(key).toString();
    }

    private Path path(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root.normalize())) {
            throw new IllegalArgumentException("object key leaves the copy's directory: " + key);
        }
        return p;
    }
}
