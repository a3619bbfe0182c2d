package io.vieweratlas.core.port;

import java.time.Instant;
import java.util.Objects;

/**
 * Metadata of a stored object.
 *
 * @param key          the object's key
 * @param size         its length in bytes
 * @param lastModified when it was last written
 * @param version      its current version
 */
public record ObjectInfo(String key, long size, Instant lastModified, ObjectVersion version) {
    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(version, "version");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
    }
}
