package io.trailguard.core.integrity;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where CloudTrail's log and digest files are read from: an S3 bucket (in {@code aws-adapter}) or a local copy of one
 * ({@link LocalLogStore}). Keys are S3 object keys ({@code [prefix/]AWSLogs/...}). An object that does not exist is
 * reported by {@link java.nio.file.NoSuchFileException}; any other {@link IOException} means the object could not be
 * read, which the validator reports as UNKNOWN, never as valid. Implementations are thread-safe.
 *
 * @since 0.2.0
 */
public interface LogStore {
    /** The bucket the objects were delivered to, as digests name it; {@code null} when the store does not know it. */
    String bucket();

    /** Calls {@code sink} with every object key under {@code prefix} (empty = all), in no particular order. */
    void list(String prefix, Consumer<String> sink) throws IOException;

    /** Opens an object's bytes as stored. */
    InputStream open(String key) throws IOException;

    /**
     * Opens an object's bytes as stored together with its user metadata, without the {@code x-amz-meta-} prefix
     * ({@code signature}, {@code signature-algorithm} on a digest; empty when it has none): in S3 one
     * {@code GetObject}, whose response headers carry the metadata.
     */
    Opened openWithMetadata(String key) throws IOException;

    /** An opened object: its content (the caller closes it) and its user metadata. */
    record Opened(InputStream content, Map<String, String> metadata) {
        public Opened {
            metadata = Map.copyOf(metadata);
        }
    }

    /** Where a key is, for messages: {@code s3://bucket/key} or a local path. */
    String describe(String key);
}
