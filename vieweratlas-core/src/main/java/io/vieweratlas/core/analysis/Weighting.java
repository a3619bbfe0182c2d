package io.vieweratlas.core.analysis;

import java.util.Locale;

/**
 * How the weight of an edge between two channels is computed from their audiences.
 * With {@code s} shared viewers and audiences of sizes {@code a} and {@code b}:
 */
public enum Weighting {
    /** {@code s}: the count of shared viewers (the original project's weight). */
    SHARED,
    /** {@code s / (a + b - s)}: Jaccard similarity of the two audiences. */
    JACCARD,
    /** {@code s / min(a, b)}: overlap coefficient, the share of the smaller audience that is shared. */
    OVERLAP,
    /**
     * {@code -log10(p)} where {@code p = P(X >= s)} for {@code X ~ Hypergeometric(N, a, b)} and
     * {@code N} the number of viewers in the analysis: how far the overlap exceeds chance. Edges
     * whose {@code p} is not below the significance level are dropped.
     */
    SIGNIFICANCE;

    /** The lower-case name used in configuration. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configuration name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static Weighting fromWireName(String name) {
        for (Weighting w : values()) {
            if (w.wireName().equalsIgnoreCase(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown weighting '" + name
                + "' (allowed: shared, jaccard, overlap, significance)");
    }
}
