package io.vieweratlas.runners.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Layers built-in defaults, a {@link Preset}, then any number of {@link ConfigLayer}s (file,
 * environment, flags: the runners make them) into a checked {@link ViewerAtlasConfig}. Every unknown key, wrong type and
 * out-of-range value is collected and reported at once, each naming key, value, origin and what
 * is allowed.
 */
public final class ConfigResolver {

    private final Preset preset;
    private final List<ConfigLayer> layers = new ArrayList<>();

    /** Starts from the built-in defaults overlaid with {@code preset}. */
    public ConfigResolver(Preset preset) {
        this.preset = Objects.requireNonNull(preset, "preset");
    }

    /** Adds a layer that overrides everything before it. */
    public ConfigResolver layer(ConfigLayer layer) {
        layers.add(Objects.requireNonNull(layer, "layer"));
        return this;
    }

    /**
     * Resolves and checks the layers.
     *
     * @throws ConfigException listing every problem
     */
    public ViewerAtlasConfig resolve() {
        return resolveDetailed().config();
    }

    /**
     * Resolves and checks the layers, and says what became of every name of the original project
     * found in them ({@link LegacyKeys}).
     *
     * @throws ConfigException listing every problem
     */
    public Resolved resolveDetailed() {
        Map<String, Object> values = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        ConfigSchema.settings().forEach((path, s) -> {
            values.put(path, s.defaultValue());
            origins.put(path, "default");
        });
        List<String> problems = new ArrayList<>();
        List<LegacyUse> legacy = new ArrayList<>();
        ConfigLayer presetLayer = new ConfigLayer("preset " + preset.cliName(), preset.overrides());
        apply(presetLayer, flatten(presetLayer, problems), Map.of(), values, origins, problems, legacy);
        List<Map<String, Object>> flats = new ArrayList<>();
        Map<String, String> setByNewName = new TreeMap<>();
        for (ConfigLayer layer : layers) {
            Map<String, Object> flat = flatten(layer, problems);
            flats.add(flat);
            flat.keySet().stream().filter(path -> legacyName(layer, path).isEmpty())
                    .forEach(path -> setByNewName.put(path, layer.locate(path)));
        }
        for (int i = 0; i < layers.size(); i++) {
            apply(layers.get(i), flats.get(i), setByNewName, values, origins, problems, legacy);
        }
        if (problems.isEmpty()) {
            crossChecks(values, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Resolved(ViewerAtlasConfig.from(preset, values, origins), legacy);
    }

    /**
     * A checked configuration and what became of the original's names found on the way.
     *
     * @param config the configuration
     * @param legacy the legacy names used, in the order they were found (one warning each)
     */
    public record Resolved(ViewerAtlasConfig config, List<LegacyUse> legacy) {
        public Resolved {
            Objects.requireNonNull(config, "config");
            legacy = List.copyOf(legacy);
        }
    }

    private static Optional<LegacyKeys.LegacyName> legacyName(ConfigLayer layer, String path) {
        return EnvironmentOverrides.ORIGIN.equals(layer.origin()) ? LegacyKeys.variable(path)
                : LegacyKeys.fileKey(path);
    }

    private static Map<String, Object> flatten(ConfigLayer layer, List<String> problems) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten(layer, "", layer.values(), flat, problems);
        return flat;
    }

    private static void apply(ConfigLayer layer, Map<String, Object> flat, Map<String, String> setByNewName,
                              Map<String, Object> values, Map<String, String> origins, List<String> problems,
                              List<LegacyUse> legacy) {
        Map<String, LegacyKeys.LegacyName> mappedHere = new TreeMap<>();
        flat.forEach((path, raw) -> {
            Optional<LegacyKeys.LegacyName> old = legacyName(layer, path);
            if (old.isPresent()) {
                applyLegacy(layer, old.get(), raw, flat, setByNewName, mappedHere, values, origins, problems, legacy);
                return;
            }
            Optional<Setting> setting = ConfigSchema.setting(path);
            if (setting.isEmpty()) {
                problems.add(layer.locate(path) + ": unknown key '" + path + "'" + suggestion(path));
                return;
            }
            if (raw == null) {
                problems.add(layer.locate(path) + ": key '" + path + "' has no value" + setting.get().allowed());
                return;
            }
            try {
                values.put(path, setting.get().check(raw));
                origins.put(path, layer.origin());
            } catch (IllegalArgumentException e) {
                problems.add(layer.locate(path) + ": key '" + path + "' has value '" + display(setting.get(), raw)
                        + "': " + e.getMessage());
            }
        });
    }

    private static void applyLegacy(ConfigLayer layer, LegacyKeys.LegacyName old, Object raw,
                                    Map<String, Object> flat, Map<String, String> setByNewName,
                                    Map<String, LegacyKeys.LegacyName> mappedHere, Map<String, Object> values,
                                    Map<String, String> origins, List<String> problems, List<LegacyUse> legacy) {
        String where = layer.locate(old.name());
        String shown = String.valueOf(raw);
        if (old.ignored()) {
            legacy.add(new LegacyUse(old, where, shown, LegacyUse.Outcome.IGNORED, Optional.empty()));
            return;
        }
        String target = old.target().orElseThrow();
        Optional<Object> value = LegacyKeys.translate(old, raw);
        if (value.isEmpty()) {
            legacy.add(new LegacyUse(old, where, shown, LegacyUse.Outcome.IGNORED, Optional.empty()));
            return;
        }
        if (setByNewName.containsKey(target)) {
            legacy.add(new LegacyUse(old, where, shown, LegacyUse.Outcome.OVERRIDDEN,
                    Optional.of(setByNewName.get(target))));
            return;
        }
        LegacyKeys.LegacyName sibling = mappedHere.putIfAbsent(target, old);
        if (sibling != null && !String.valueOf(flat.get(sibling.name())).equals(shown)) {
            problems.add(where + ": " + old.display() + " ('" + shown + "') and " + sibling.display() + " ('"
                    + flat.get(sibling.name()) + "') both stand for '" + target + "' but differ; ViewerAtlas has one "
                    + target + ": set it instead");
            return;
        }
        Setting setting = ConfigSchema.setting(target).orElseThrow(
                () -> new IllegalStateException("legacy name " + old.name() + " maps to unknown key " + target));
        try {
            values.put(target, setting.check(value.get()));
            origins.put(target, layer.origin() + " (as " + old.name() + ")");
            legacy.add(new LegacyUse(old, where, shown, LegacyUse.Outcome.MAPPED, Optional.empty()));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + old.display() + " (read as '" + target + "') has value '" + shown + "': "
                    + e.getMessage());
        }
    }

    private static void flatten(ConfigLayer layer, String prefix, Map<?, ?> map, Map<String, Object> out,
                                List<String> problems) {
        map.forEach((k, v) -> {
            String key = prefix + k;
            if (v == null && prefix.isEmpty() && ConfigSchema.sections().contains(key)) {
                return; // a section whose keys are all commented out
            }
            if (v instanceof Map<?, ?> nested && prefix.isEmpty() && ConfigSchema.sections().contains(key)) {
                flatten(layer, key + ".", nested, out, problems);
            } else if (v instanceof Map<?, ?> && prefix.isEmpty()) {
                problems.add(layer.locate(key) + ": unknown section '" + key + "' (known sections: "
                        + String.join(", ", ConfigSchema.sections()) + ")");
            } else if (prefix.isEmpty() && ConfigSchema.sections().contains(key)) {
                problems.add(layer.locate(key) + ": section '" + key + "' must be a map of keys, not '" + v + "'");
            } else {
                out.put(key, v);
            }
        });
    }

    private static String suggestion(String path) {
        int dot = path.indexOf('.');
        String section = dot < 0 ? "" : path.substring(0, dot);
        List<String> known = ConfigSchema.settings().values().stream()
                .filter(s -> s.section().equals(section))
                .map(s -> dot < 0 ? s.path() : s.path().substring(dot + 1))
                .collect(Collectors.toList());
        if (known.isEmpty()) {
            return " (known sections: " + String.join(", ", ConfigSchema.sections()) + ")";
        }
        return " (known keys" + (section.isEmpty() ? " at top level" : " in " + section) + ": "
                + String.join(", ", known) + ")";
    }

    private static String display(Setting setting, Object raw) {
        return setting.secret() ? "***" : String.valueOf(raw);
    }

    private static void crossChecks(Map<String, Object> values, List<String> problems) {
        if ("s3".equals(values.get("storage.type")) && values.get("storage.s3_bucket").toString().isBlank()) {
            problems.add("key 'storage.s3_bucket' is empty but storage.type is s3: set S3_BUCKET or storage.s3_bucket");
        }
    }
}
