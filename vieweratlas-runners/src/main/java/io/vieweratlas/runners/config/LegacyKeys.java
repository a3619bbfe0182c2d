package io.vieweratlas.runners.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The names the original (Python) project used for configuration — keys of its {@code config.yaml}
 * and its environment variables — and what each means here: a new key it maps to, or the reason it
 * is accepted and ignored. The one table behind the warnings a run prints, {@code validate-config},
 * {@code migrate-check} and docs/MIGRATING.md.
 *
 * <p>Rules the resolver applies with it: a legacy name is read as its new key with one warning
 * naming both; an ignored name is accepted with one warning saying why; when the new key is also set
 * (in any file, the environment or on the command line) the new key wins and the legacy name is
 * ignored with a warning. Keys the original never had stay unknown and stop the run.
 */
public final class LegacyKeys {

    /** Where a legacy name appears. */
    public enum Source {
        /** A key of the config file (dotted, {@code collection.logs_dir}; top-level, {@code storage_type}). */
        FILE,
        /** An environment variable ({@code LOGS_DIR}). */
        ENVIRONMENT
    }

    /**
     * One name of the original.
     *
     * @param name   the original's key (dotted) or variable
     * @param source file key or environment variable
     * @param target the key it maps to here; empty when it is ignored
     * @param note   for a mapped name, what changed about it (may be empty); for an ignored one, why
     */
    public record LegacyName(String name, Source source, Optional<String> target, String note) {
        public LegacyName {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(note, "note");
            if (target.isEmpty() && note.isBlank()) {
                throw new IllegalArgumentException("an ignored legacy name needs a reason: " + name);
            }
        }

        /** Whether the name is accepted and ignored (it maps to nothing). */
        public boolean ignored() {
            return target.isEmpty();
        }

        /** How the name is written in messages: {@code 'collection.logs_dir'} or {@code environment variable LOGS_DIR}. */
        public String display() {
            return source == Source.FILE ? "'" + name + "'" : "environment variable " + name;
        }

        /** One line for tables: {@code collection.logs_dir -> storage.base_path} or {@code vod.cli_path: ignored (why)}. */
        public String describe() {
            return target.map(t -> name + " -> " + t + (note.isEmpty() ? "" : " (" + note + ")"))
                    .orElse(name + ": ignored (" + note + ")");
        }
    }

    private static final Map<String, LegacyName> FILE_KEYS;
    private static final Map<String, LegacyName> VARIABLES;
    private static final Map<String, Function<Object, Optional<Object>>> VALUE_TRANSLATIONS;
    private static final List<String> UNCHANGED_VARIABLES = List.of("STORAGE_TYPE", "S3_BUCKET", "S3_PREFIX",
            "S3_REGION", "OVERLAP_THRESHOLD", "MIN_COMMUNITY_SIZE", "RESOLUTION", "LOG_LEVEL", "TWITCH_OAUTH_TOKEN",
            "TWITCH_CLIENT_ID", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    private static final String LAKE = "the one lake directory (the original read and wrote its lake under logs/)";
    private static final String BATCHING = "the original sampled channels in batches; ViewerAtlas watches every"
            + " discovered channel's chat for the whole window (collection.window_seconds)";

    static {
        List<LegacyName> file = new ArrayList<>();
        file.add(mapped("collection.logs_dir", "storage.base_path", LAKE));
        file.add(ignored("collection.batch_size", BATCHING));
        file.add(ignored("collection.duration_per_batch", BATCHING));
        file.add(mapped("analysis.logs_dir", "storage.base_path", LAKE));
        file.add(ignored("vod.raw_dir", "raw VOD chat is kept in the lake under raw/vod_chat/; files in the old"
                + " directory can be imported with 'vieweratlas import --format twitchdownloader'"));
        file.add(ignored("vod.queue_file", "the VOD queue lives in the lake at state/vod_queue.json; 'vieweratlas"
                + " migrate-check' lists the old queue's unfinished VODs for 'vieweratlas vod add'"));
        file.add(ignored("vod.cli_path", "chat replays are fetched over HTTP; TwitchDownloaderCLI is not used"));
        file.add(ignored("log_format", "a Python logging format; ViewerAtlas logs text, or JSON lines with"
                + " LOG_FORMAT=json"));
        file.add(mapped("verbose", "log_level", "verbose: true means log_level DEBUG; false changes nothing"));
        file.add(mapped("storage_type", "storage.type", ""));
        file.add(mapped("s3_bucket", "storage.s3_bucket", ""));
        file.add(mapped("s3_prefix", "storage.s3_prefix", ""));
        file.add(mapped("s3_region", "storage.s3_region", ""));
        Map<String, LegacyName> byName = new LinkedHashMap<>();
        file.forEach(n -> byName.put(n.name(), n));
        FILE_KEYS = Collections.unmodifiableMap(byName);

        List<LegacyName> env = new ArrayList<>();
        env.add(new LegacyName("LOGS_DIR", Source.ENVIRONMENT, Optional.of("storage.base_path"),
                "STORAGE_BASE_PATH here; " + LAKE));
        env.add(new LegacyName("CHANNELS_FILE", Source.ENVIRONMENT, Optional.of("collection.channels_file"), ""));
        env.add(new LegacyName("TWITCH_CHANNELS", Source.ENVIRONMENT, Optional.of("collection.channels"),
                "comma-separated logins, watched when the channels file lists none, as in the original"));
        Map<String, LegacyName> vars = new LinkedHashMap<>();
        env.forEach(n -> vars.put(n.name(), n));
        VARIABLES = Collections.unmodifiableMap(vars);

        VALUE_TRANSLATIONS = Map.of("verbose", LegacyKeys::verboseToLogLevel);
    }

    private LegacyKeys() {
    }

    /** The original's config-file keys that are mapped or ignored, in documentation order. */
    public static List<LegacyName> fileKeys() {
        return List.copyOf(FILE_KEYS.values());
    }

    /** The original's environment variables that are mapped here, in documentation order. */
    public static List<LegacyName> variables() {
        return List.copyOf(VARIABLES.values());
    }

    /**
     * The original's environment variables that are read here under the same name and meaning
     * (configuration overrides, Twitch credentials, AWS credentials for the SDK).
     */
    public static List<String> unchangedVariables() {
        return UNCHANGED_VARIABLES;
    }

    /** The legacy config-file key {@code path} (dotted), if it is one. */
    public static Optional<LegacyName> fileKey(String path) {
        return Optional.ofNullable(FILE_KEYS.get(path));
    }

    /** The legacy environment variable {@code variable}, if it is one. */
    public static Optional<LegacyName> variable(String variable) {
        return Optional.ofNullable(VARIABLES.get(variable));
    }

    /**
     * The value a legacy name gives its target key, or empty when this value sets nothing
     * ({@code verbose: false}). Most names pass their value on unchanged.
     */
    public static Optional<Object> translate(LegacyName name, Object raw) {
        Objects.requireNonNull(name, "name");
        if (name.ignored()) {
            return Optional.empty();
        }
        Function<Object, Optional<Object>> translation = VALUE_TRANSLATIONS.get(name.name());
        return translation == null ? Optional.ofNullable(raw) : translation.apply(raw);
    }

    private static Optional<Object> verboseToLogLevel(Object raw) {
        String text = String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("yes") || text.equals("on") || text.equals("1")) {
            return Optional.of("DEBUG");
        }
        return Optional.empty();
    }

    private static LegacyName mapped(String name, String target, String note) {
        return new LegacyName(name, Source.FILE, Optional.of(target), note);
    }

    private static LegacyName ignored(String name, String why) {
        return new LegacyName(name, Source.FILE, Optional.empty(), why);
    }
}
