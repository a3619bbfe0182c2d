package io.vieweratlas.core.port.out;

/**
 * The lake's area for analysis outputs ({@code processed/}): stores a document under the key the
 * lake layout gives it. Writes are atomic and a repeated write of the same bytes changes nothing.
 */
@FunctionalInterface
public interface ProcessedStore {

    /**
     * Stores {@code bytes} as {@code document}, replacing an earlier version.
     *
     * @param document which document
     * @param bytes    its content
     */
    void put(ProcessedDocument document, byte[] bytes);
}
