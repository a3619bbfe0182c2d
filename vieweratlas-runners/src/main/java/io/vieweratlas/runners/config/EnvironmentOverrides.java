package io.vieweratlas.runners.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The environment variables that override configuration keys, as in the original project (plus
 * the Twitch endpoints, so tests and deployments can point them elsewhere). A deployment concern:
 * the domain's configuration knows keys, not variables.
 */
public final class EnvironmentOverrides {

    /** The origin of the environment's layer in messages. */
    public static final String ORIGIN = "environment";

    /** Variable → dotted configuration key, in documentation order. */
    public static final Map<String, String> VARIABLES;

    static {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STORAGE_TYPE", "storage.type");
        env.put("STORAGE_BASE_PATH", "storage.base_path");
        env.put("S3_BUCKET", "storage.s3_bucket");
        env.put("S3_PREFIX", "storage.s3_prefix");
        env.put("S3_REGION", "storage.s3_region");
        env.put("S3_ENDPOINT", "storage.s3_endpoint");
        env.put("S3_PATH_STYLE", "storage.s3_path_style");
        env.put("OVERLAP_THRESHOLD", "analysis.overlap_threshold");
        env.put("MIN_COMMUNITY_SIZE", "analysis.min_community_size");
        env.put("RESOLUTION", "analysis.resolution");
        env.put("ANALYSIS_WINDOW_DAYS", "analysis.window_days");
        env.put("LOG_LEVEL", "log_level");
        env.put("TWITCH_HELIX_URL", "twitch.helix_url");
        env.put("TWITCH_AUTH_URL", "twitch.auth_url");
        env.put("TWITCH_IRC_URI", "twitch.irc_uri");
        env.put("TWITCH_GQL_URL", "twitch.gql_url");
        VARIABLES = Collections.unmodifiableMap(env);
    }

    private EnvironmentOverrides() {
    }

    /**
     * The configuration layer that the variables set in {@code environment} make (blank ones are
     * ignored); its origin in messages is {@code environment}. The original project's variables
     * ({@link LegacyKeys#variables()}) are passed on under their own names, for the resolver to
     * map with a warning.
     *
     * @param environment the process environment
     * @return the layer
     */
    public static ConfigLayer layer(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        Map<String, Object> values = new LinkedHashMap<>();
        VARIABLES.forEach((variable, path) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                values.put(path, value);
            }
        });
        LegacyKeys.variables().forEach(legacy -> {
            String value = environment.get(legacy.name());
            if (value != null && !value.isBlank()) {
                values.put(legacy.name(), value);
            }
        });
        return new ConfigLayer(ORIGIN, values);
    }
}
