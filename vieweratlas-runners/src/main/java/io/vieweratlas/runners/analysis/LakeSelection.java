package io.vieweratlas.runners.analysis;

import java.util.Locale;

/** Which presence data of a lake an analysis reads ({@code analyze --source}). */
public enum LakeSelection {
    /** Raw live snapshots only. */
    LIVE,
    /** Curated VOD and imported chat buckets only. */
    VOD,
    /** Both. */
    ALL;

    /**
     * Parses {@code live}, {@code vod} or {@code all} (case-insensitive).
     *
     * @param text the name
     * @return the selection
     * @throws IllegalArgumentException naming the allowed values
     */
    public static LakeSelection parse(String text) {
        for (LakeSelection s : values()) {
            if (s.name().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("--source must be live, vod or all, was '" + text + "'");
    }

    /** The lower-case name. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
