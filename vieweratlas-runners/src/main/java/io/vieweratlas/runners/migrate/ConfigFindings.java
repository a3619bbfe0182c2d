package io.vieweratlas.runners.migrate;

import io.vieweratlas.runners.config.ConfigException;
import io.vieweratlas.runners.config.ConfigLayer;
import io.vieweratlas.runners.config.ConfigResolver;
import io.vieweratlas.runners.config.ConfigSchema;
import io.vieweratlas.runners.config.EnvironmentOverrides;
import io.vieweratlas.runners.config.LegacyKeys;
import io.vieweratlas.runners.config.LegacyUse;
import io.vieweratlas.runners.config.Preset;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.config.YamlConfigFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration part of a migration check: the original's config file and {@code .env}, resolved
 * as a run would resolve them, with what became of every key and variable of the original.
 */
final class ConfigFindings {

    private static final Pattern DOTENV = Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=(.*)");

    private ConfigFindings() {
    }

    static Optional<ConfigLayer> readConfig(Path file, List<Finding> findings) {
        try {
            return Optional.of(YamlConfigFile.read(file));
        } catch (ConfigException e) {
            e.problems().forEach(p -> findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "config file",
                    file.toString(), p)));
            return Optional.empty();
        }
    }

    static Optional<ViewerAtlasConfig> resolve(ConfigLayer layer, Map<String, String> environment,
                                                       Map<String, String> dotenv, List<Finding> findings) {
        Map<String, Object> flat = flatten(layer.values());
        List<String> same = flat.keySet().stream()
                .filter(path -> LegacyKeys.fileKey(path).isEmpty() && ConfigSchema.setting(path).isPresent())
                .toList();
        if (!same.isEmpty()) {
            findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "config keys", "same name and meaning",
                    same.size(), String.join(", ", same)));
        }
        try {
            ConfigResolver.Resolved resolved = new ConfigResolver(Preset.DEFAULT).layer(layer)
                    .layer(EnvironmentOverrides.layer(environment)).resolveDetailed();
            resolved.legacy().forEach(use -> findings.add(legacyFinding(use, dotenv)));
            return Optional.of(resolved.config());
        } catch (ConfigException e) {
            e.problems().forEach(p -> findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "config",
                    layer.origin(), p)));
            // the resolver stopped: list the legacy names from the table alone
            flat.keySet().forEach(path -> LegacyKeys.fileKey(path).ifPresent(name -> findings.add(
                    legacyFinding(name, layer.locate(path), dotenv))));
            LegacyKeys.variables().stream().filter(v -> environment.containsKey(v.name()))
                    .forEach(name -> findings.add(legacyFinding(name, EnvironmentOverrides.ORIGIN, dotenv)));
            return Optional.empty();
        }
    }

    private static Finding legacyFinding(LegacyUse use, Map<String, String> dotenv) {
        LegacyKeys.LegacyName name = use.name();
        String kind = name.source() == LegacyKeys.Source.FILE ? "config key" : "environment variable";
        String where = where(name, use.location(), dotenv);
        return switch (use.outcome()) {
            case MAPPED -> Finding.mapped(kind, name.name(), name.target().orElseThrow(),
                    where + (name.note().isEmpty() ? "" : "; " + name.note()));
            case IGNORED -> Finding.of(Finding.Category.IGNORED, kind, name.name(), name.note() + " (" + where + ")");
            case OVERRIDDEN -> Finding.of(Finding.Category.IGNORED, kind, name.name(), "'"
                    + name.target().orElseThrow() + "' is also set (" + use.overridden().orElseThrow()
                    + ") and the new key wins (" + where + ")");
        };
    }

    private static Finding legacyFinding(LegacyKeys.LegacyName name, String location, Map<String, String> dotenv) {
        String kind = name.source() == LegacyKeys.Source.FILE ? "config key" : "environment variable";
        String where = where(name, location, dotenv);
        return name.target().map(t -> Finding.mapped(kind, name.name(), t,
                        where + (name.note().isEmpty() ? "" : "; " + name.note())))
                .orElseGet(() -> Finding.of(Finding.Category.IGNORED, kind, name.name(),
                        name.note() + " (" + where + ")"));
    }

    private static String where(LegacyKeys.LegacyName name, String location, Map<String, String> dotenv) {
        return name.source() == LegacyKeys.Source.ENVIRONMENT && dotenv.containsKey(name.name())
                ? ".env (ViewerAtlas does not read .env: export it)" : location;
    }

    static void environmentFindings(Map<String, String> environment, Map<String, String> dotenv,
                                            List<Finding> findings) {
        List<String> same = LegacyKeys.unchangedVariables().stream().filter(environment::containsKey).toList();
        if (!same.isEmpty()) {
            List<String> fromDotenv = same.stream().filter(dotenv::containsKey).toList();
            findings.add(Finding.counted(Finding.Category.CARRIES_OVER, "environment variables",
                    "same name and meaning", same.size(), String.join(", ", same)
                            + (fromDotenv.isEmpty() ? "" : "; from .env, which ViewerAtlas does not read (export them"
                            + " or set them in the task definition): " + String.join(", ", fromDotenv))));
        }
    }

    static Map<String, String> readDotenv(Path file, List<Finding> findings) {
        Map<String, String> values = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = DOTENV.matcher(line);
                if (!line.strip().startsWith("#") && m.matches()) {
                    String value = m.group(2).strip();
                    if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!value.isEmpty()) {
                        values.put(m.group(1), value);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            findings.add(Finding.of(Finding.Category.WILL_NOT_LOAD, "environment file", file.toString(),
                    "cannot be read: " + e.getMessage()));
        }
        return values;
    }

    /** Dotted paths of a file layer: {@code section.key} for keys of known sections, the key itself otherwise. */
    static Map<String, Object> flatten(Map<String, Object> values) {
        Map<String, Object> flat = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value instanceof Map<?, ?> section && ConfigSchema.sections().contains(key)) {
                section.forEach((k, v) -> flat.put(key + "." + k, v));
            } else if (!(value == null && ConfigSchema.sections().contains(key))) {
                flat.put(key, value);
            }
        });
        return flat;
    }

}
