package io.vieweratlas.runners.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The original project kept its lake in {@code logs/} when nothing else was configured; ViewerAtlas
 * defaults to {@code data/}. A lake is never switched silently: when no lake directory was
 * configured, {@code data/} does not exist and {@code logs/} holds the original's snapshots, this
 * says how to point at it ({@code --data logs} or {@code LOGS_DIR=logs}).
 */
public final class OriginalLakeHint {

    /** The original's default lake directory. */
    public static final String ORIGINAL_DIRECTORY = "logs";

    private OriginalLakeHint() {
    }

    /**
     * The hint for {@code config} run from {@code workingDirectory}, or empty when none applies.
     *
     * @param config           the resolved configuration
     * @param workingDirectory the directory relative lake paths resolve against
     * @return one warning line
     */
    public static Optional<String> check(ViewerAtlasConfig config, Path workingDirectory) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        String origin = config.origins().getOrDefault("storage.base_path", "default");
        boolean configured = !(origin.equals("default") || origin.startsWith("preset "));
        if (config.storage().type() != StorageType.FILE || configured) {
            return Optional.empty();
        }
        Path lake = workingDirectory.resolve(config.storage().basePath());
        Path original = workingDirectory.resolve(ORIGINAL_DIRECTORY);
        if (Files.exists(lake) || !Files.isDirectory(original.resolve("raw").resolve("snapshots"))) {
            return Optional.empty();
        }
        return Optional.of("no lake directory is configured and " + lake + " does not exist, but " + original
                + " holds the original project's lake: pass --data " + ORIGINAL_DIRECTORY + " or set LOGS_DIR="
                + ORIGINAL_DIRECTORY + " to use it (see docs/MIGRATING.md)");
    }
}
