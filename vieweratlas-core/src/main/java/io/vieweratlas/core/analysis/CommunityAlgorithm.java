package io.vieweratlas.core.analysis;

import java.util.Locale;

/** Which community-detection algorithm optimises modularity. */
public enum CommunityAlgorithm {
    /** Leiden (Traag, Waltman, van Eck 2019): every community is guaranteed connected. */
    LEIDEN,
    /** Louvain (Blondel et al. 2008), the original project's algorithm, for comparison. */
    LOUVAIN;

    /** The lower-case name used in configuration. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configuration name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static CommunityAlgorithm fromWireName(String name) {
        for (CommunityAlgorithm a : values()) {
            if (a.wireName().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + name + "' (allowed: leiden, louvain)");
    }
}
