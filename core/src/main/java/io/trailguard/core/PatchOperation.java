package io.trailguard.core;

import java.util.Objects;

/**
 * One RFC 6902 JSON Patch operation on a resource's {@code configuration}.
 *
 * @param op    {@code add}, {@code remove}, {@code replace}, {@code move}, {@code copy} or {@code test}
 * @param path  a JSON Pointer into the configuration
 * @param from  the source pointer for {@code move} and {@code copy}, else {@code null}
 * @param value the value as JSON text for {@code add}, {@code replace} and {@code test}, else {@code null}
 * @since 0.1.0
 */
public record PatchOperation(String op, String path, String from, String value) {
    public PatchOperation {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(path, "path");
    }
}
