package io.vieweratlas.core.model;

import java.util.Objects;

/**
 * An undirected edge between two channels that share viewers; {@code source < target} by login.
 *
 * @param source one channel login
 * @param target the other channel login
 * @param weight the weight under the configured weighting
 * @param shared number of shared viewers
 */
public record GraphEdge(String source, String target, double weight, int shared) {
    public GraphEdge {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (shared < 0) {
            throw new IllegalArgumentException("shared must be >= 0, was " + shared);
        }
    }
}
