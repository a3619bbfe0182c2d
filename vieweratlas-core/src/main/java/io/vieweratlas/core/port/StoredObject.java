package io.vieweratlas.core.port;

import java.util.Objects;

/**
 * An object read from an {@link ObjectStore}: its bytes and the version they belong to.
 * The array is the caller's to keep; stores hand out a fresh one on every read.
 *
 * @param key     the object's key
 * @param content its bytes
 * @param version the version those bytes belong to, for a later compare-and-set
 */
public record StoredObject(String key, byte[] content, ObjectVersion version) {
    public StoredObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(version, "version");
    }
}
