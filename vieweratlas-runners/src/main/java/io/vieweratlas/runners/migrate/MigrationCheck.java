package io.vieweratlas.runners.migrate;

import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.runners.config.ConfigLayer;
import io.vieweratlas.runners.config.ConfigSchema;
import io.vieweratlas.runners.config.StorageType;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.wiring.S3StorageSettings;
import io.vieweratlas.s3.S3AccessRequirement;
import io.vieweratlas.s3.S3ObjectStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads an installation of the original project — its config file, its {@code .env}, its lake
 * (a directory, or the S3 bucket and prefix its configuration names), its channels file and VOD
 * queue — and reports what carries over, what is mapped, what is ignored and what will not load. It
 * only reads: the lake is opened through a {@link ReadOnlyObjectStore} and no file is created or
 * changed.
 *
 * <p>Relative paths of the original (its lake {@code logs}, {@code channels.txt}, {@code vod_queue.json},
 * {@code vod_raw}) resolve against the directory it ran in, the {@link Request#home() home}.
 */
public final class MigrationCheck {

    /**
     * What to check.
     *
     * @param config      the original's config file ({@code config/config.yaml}), if any
     * @param lake        the original's lake directory; empty to take the lake from the config and environment
     * @param home        the directory the original ran in
     * @param environment the process environment (the original's {@code .env} in {@code home} fills in what it lacks)
     */
    public record Request(Optional<Path> config, Optional<Path> lake, Path home, Map<String, String> environment) {
        public Request {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(lake, "lake");
            Objects.requireNonNull(home, "home");
            environment = Map.copyOf(environment);
        }
    }

    private MigrationCheck() {
    }

    /**
     * Checks the installation.
     *
     * @throws IllegalArgumentException when the lake directory does not exist or the S3 settings are invalid
     */
    public static MigrationReport check(Request request) {
        Objects.requireNonNull(request, "request");
        List<Finding> findings = new ArrayList<>();
        Map<String, String> dotenv = ConfigFindings.readDotenv(request.home().resolve(".env"), findings);
        Map<String, String> environment = new TreeMap<>(dotenv);
        environment.putAll(request.environment());
        Optional<ConfigLayer> layer = request.config().flatMap(file -> ConfigFindings.readConfig(file, findings));
        Optional<ViewerAtlasConfig> config = ConfigFindings.resolve(layer.orElseGet(
                () -> new ConfigLayer("(no config file)", Map.of())), environment, dotenv, findings);
        ConfigFindings.environmentFindings(environment, dotenv, findings);

        String lake;
        if (request.lake().isEmpty() && config.map(c -> c.storage().type() == StorageType.S3).orElse(false)) {
            S3ObjectStore s3 = S3ObjectStore.open(S3StorageSettings.from(config.get().storage()));
            try (s3) {
                s3.verifyAccess(S3AccessRequirement.listOnly());
                lake = s3.describe();
                LakeFindings.check(s3, lake, findings);
            }
        } else {
            Path directory = request.lake().orElseGet(() -> request.home().resolve(config.map(c -> c.storage().basePath())
                    .filter(p -> !p.equals(ConfigSchema.setting("storage.base_path").orElseThrow().defaultValue()))
                    .orElse(environment.getOrDefault("LOGS_DIR", "logs"))));
            lake = directory.toString();
            LakeFindings.check(openDirectory(directory), lake, findings);
        }

        Map<String, Object> file = layer.map(l -> ConfigFindings.flatten(l.values())).orElse(Map.of());
        String channelsFile = config.map(c -> c.collection().channelsFile())
                .orElse(environment.getOrDefault("CHANNELS_FILE", "channels.txt"));
        HomeFindings.checkChannels(request.home().resolve(channelsFile), environment, findings);
        HomeFindings.checkVodQueue(request.home().resolve(String.valueOf(file.getOrDefault("vod.queue_file",
                "vod_queue.json"))), findings);
        HomeFindings.checkRawVodChat(request.home().resolve(String.valueOf(file.getOrDefault("vod.raw_dir",
                "vod_raw"))), findings);
        return new MigrationReport(request.home(), request.config(), lake, findings);
    }

    /** The file store creates a missing root: check first, so that a check never makes a directory. */
    private static ObjectStore openDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no lake directory at " + directory.toAbsolutePath()
                    + (Files.exists(directory) ? " (it is not a directory)" : " (it does not exist)"));
        }
        return new FileSystemObjectStore(directory);
    }
}
