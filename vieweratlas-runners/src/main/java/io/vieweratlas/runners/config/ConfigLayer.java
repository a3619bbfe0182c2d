package io.vieweratlas.runners.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One source of configuration values: a file's parsed content (nested maps by section), the
 * environment or command-line flags (flat dotted paths). Later layers override earlier ones.
 *
 * @param origin    where the values came from, for messages (a file path, "environment", "command line")
 * @param values    nested ({@code analysis: {resolution: 1.0}}) or dotted ({@code analysis.resolution}) values
 * @param locations for dotted keys, a finer location than {@code origin} (e.g. {@code config.yaml:12})
 */
public record ConfigLayer(String origin, Map<String, Object> values, Map<String, String> locations) {
    public ConfigLayer {
        Objects.requireNonNull(origin, "origin");
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
        locations = Map.copyOf(Objects.requireNonNull(locations, "locations"));
    }

    /** A layer without per-key locations. */
    public ConfigLayer(String origin, Map<String, Object> values) {
        this(origin, values, Map.of());
    }

    /** Where {@code path} was set in this layer, for messages. */
    public String locate(String path) {
        return locations.getOrDefault(path, origin);
    }
}
