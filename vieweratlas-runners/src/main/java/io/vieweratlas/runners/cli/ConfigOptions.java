package io.vieweratlas.runners.cli;

import io.vieweratlas.runners.ProcessEnvironment;
import io.vieweratlas.runners.config.ConfigLoader;
import io.vieweratlas.runners.config.LegacyKeys;
import io.vieweratlas.runners.config.LegacyUse;
import io.vieweratlas.runners.config.OriginalLakeHint;
import io.vieweratlas.runners.logging.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The {@code --config} and {@code --preset} options every command takes. */
public final class ConfigOptions {

    /** Warnings about the original project's names are logged under the table's name, so they can be filtered. */
    private static final Logger LEGACY = LoggerFactory.getLogger(LegacyKeys.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file (default: $VIEWERATLAS_CONFIG, else config/config.yaml when present).")
    Path configFile;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Preset to start from: default, rigorous, explorer, debug (default: default).")
    String preset;

    /**
     * Loads the configuration with these options and the given flag overrides, applies its log
     * level, and warns once about each of the original project's names it used.
     */
    public ConfigLoader.LoadedConfig load(Map<String, Object> flags) {
        ConfigLoader.LoadedConfig loaded = new ConfigLoader(ProcessEnvironment.variables())
                .load(Optional.ofNullable(configFile), Optional.ofNullable(preset), flags);
        Logging.setLevel(loaded.config().logLevel());
        for (LegacyUse use : loaded.legacy()) {
            LEGACY.warn(use.message());
        }
        OriginalLakeHint.check(loaded.config(), Path.of("")).ifPresent(LEGACY::warn);
        return loaded;
    }
}
