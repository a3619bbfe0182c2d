package io.vieweratlas.runners.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the configuration of one command run: built-in defaults, then the preset, the config
 * file, the environment and finally command-line flags, each overriding the one before.
 *
 * <p>The file is {@code --config}, else {@code $VIEWERATLAS_CONFIG}, else {@code config/config.yaml}
 * in the working directory when it exists, else none. The preset is {@code --preset}, else
 * {@code $VIEWERATLAS_PRESET}, else {@code default}.
 */
public final class ConfigLoader {

    /** The file read when no other is named. */
    public static final Path DEFAULT_FILE = Path.of("config", "config.yaml");

    private final Map<String, String> environment;

    /** @param environment the process environment (tests pass their own) */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * Loads the configuration.
     *
     * @param file   the file named on the command line, if any
     * @param preset the preset named on the command line, if any
     * @param flags  values set by command-line flags, by dotted key
     * @throws ConfigException listing every problem
     */
    public LoadedConfig load(Optional<Path> file, Optional<String> preset, Map<String, Object> flags) {
        Preset chosen;
        try {
            chosen = Preset.fromName(preset.or(() -> Optional.ofNullable(environment.get("VIEWERATLAS_PRESET")))
                    .orElse("default"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of("--preset: " + e.getMessage()));
        }
        Optional<Path> source = file.or(() -> Optional.ofNullable(environment.get("VIEWERATLAS_CONFIG"))
                        .filter(s -> !s.isBlank()).map(Path::of))
                .or(() -> Files.isRegularFile(DEFAULT_FILE) ? Optional.of(DEFAULT_FILE) : Optional.empty());
        ConfigResolver resolver = new ConfigResolver(chosen);
        source.ifPresent(p -> resolver.layer(YamlConfigFile.read(p)));
        resolver.layer(EnvironmentOverrides.layer(environment));
        if (!flags.isEmpty()) {
            resolver.layer(new ConfigLayer("command line", flags));
        }
        ConfigResolver.Resolved resolved = resolver.resolveDetailed();
        return new LoadedConfig(resolved.config(), source, resolved.legacy());
    }

    /**
     * A configuration, the file it was read from and the original project's names found in it.
     *
     * @param config the checked configuration
     * @param file   the config file used, if any
     * @param legacy the original's keys and variables found, each with what became of it (one warning each)
     */
    public record LoadedConfig(ViewerAtlasConfig config, Optional<Path> file, List<LegacyUse> legacy) {
        public LoadedConfig {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(file, "file");
            legacy = List.copyOf(legacy);
        }

        /** A configuration without legacy names. */
        public LoadedConfig(ViewerAtlasConfig config, Optional<Path> file) {
            this(config, file, List.of());
        }
    }
}
