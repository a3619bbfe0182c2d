package io.vieweratlas.runners.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Named starting points, as in the original project: a config file changes only what differs
 * from its preset.
 */
public enum Preset {
    /** Balanced defaults. */
    DEFAULT(Map.of()),
    /** TwitchAtlas-style: strong overlaps only, sizeable communities. */
    RIGOROUS(Map.of(
            "analysis.overlap_threshold", 300,
            "analysis.min_channel_viewers", 10,
            "analysis.min_community_size", 10)),
    /** Finer communities, everything kept. */
    EXPLORER(Map.of(
            "analysis.resolution", 2.0,
            "analysis.min_community_size", 1,
            "log_level", "DEBUG")),
    /** Small collection, verbose logs. */
    DEBUG(Map.of(
            "collection.top_channels_limit", 100,
            "collection.batch_size", 10,
            "log_level", "DEBUG"));

    private final Map<String, Object> overrides;

    Preset(Map<String, Object> overrides) {
        this.overrides = overrides;
    }

    /** The values this preset sets, by dotted path. */
    public Map<String, Object> overrides() {
        return overrides;
    }

    /** The lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a preset name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static Preset fromName(String name) {
        for (Preset p : values()) {
            if (p.cliName().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "' (allowed: "
                + String.join(", ", List.of("default", "rigorous", "explorer", "debug")) + ")");
    }
}
