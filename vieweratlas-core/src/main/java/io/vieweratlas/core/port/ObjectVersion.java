package io.vieweratlas.core.port;

import java.util.Objects;

/**
 * An opaque version of a stored object (an S3 ETag, a content hash on disk). Two reads that
 * return equal versions saw the same bytes; compare-and-set writes are conditioned on it.
 *
 * @param value the store's token, non-blank
 */
public record ObjectVersion(String value) {
    public ObjectVersion {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("object version must not be blank");
        }
    }
}
