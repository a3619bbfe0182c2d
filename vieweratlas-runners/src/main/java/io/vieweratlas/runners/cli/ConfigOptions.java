package io.vieweratlas.runners.cli;

import io.vieweratlas.runners.ProcessEnvironment;
import io.vieweratlas.runners.config.ConfigLoader;
import io.vieweratlas.runners.logging.Logging;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The {@code --config} and {@code --preset} options every command takes. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file (default: $VIEWERATLAS_CONFIG, else config/config.yaml when present).")
    Path configFile;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Preset to start from: default, rigorous, explorer, debug (default: default).")
    String preset;

    /** Loads the configuration with these options and the given flag overrides, and applies its log level. */
    public ConfigLoader.LoadedConfig load(Map<String, Object> flags) {
        ConfigLoader.LoadedConfig loaded = new ConfigLoader(ProcessEnvironment.variables())
                .load(Optional.ofNullable(configFile), Optional.ofNullable(preset), flags);
        Logging.setLevel(loaded.config().logLevel());
        return loaded;
    }
}
