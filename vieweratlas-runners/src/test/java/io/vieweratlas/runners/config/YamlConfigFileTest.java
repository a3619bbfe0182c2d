package io.vieweratlas.runners.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlConfigFileTest {

    @TempDir
    Path dir;

    private ViewerAtlasConfig load(String yaml, String preset, Map<String, String> env) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(env).load(Optional.of(file), Optional.ofNullable(preset), Map.of()).config();
    }

    @Test
    void theShippedConfigFileIsValidAndChangesNothing() {
        Path shipped = Path.of("..", "config", "config.yaml");
        ViewerAtlasConfig c = new ConfigLoader(Map.of()).load(Optional.of(shipped), Optional.of("rigorous"), Map.of())
                .config();
        assertEquals(300, c.analysis().overlapThreshold(), "a shipped file must not override presets");
        assertTrue(c.origins().values().stream().noneMatch(o -> o.contains("config.yaml")));
    }

    @Test
    void unknownKeyIsReportedWithFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("analysis:\n  resolution: 1.1\n  overlap_treshold: 5\n", null, Map.of()));
        assertTrue(e.getMessage().contains("config.yaml:3: unknown key 'analysis.overlap_treshold'"), e.getMessage());
    }

    @Test
    void arbitraryTypesAreRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("analysis: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n", null,
                        Map.of()));
        assertTrue(e.getMessage().contains("invalid YAML"), e.getMessage());
    }

    @Test
    void malformedYamlNamesTheLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("analysis:\n  resolution: [1\n", null, Map.of()));
        assertTrue(e.getMessage().contains("config.yaml:"), e.getMessage());
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThrows(ConfigException.class,
                () -> load("analysis:\n  resolution: 1.1\n  resolution: 1.2\n", null, Map.of()));
    }

    @Test
    void layersApplyInOrderPresetFileEnvironment() throws IOException {
        ViewerAtlasConfig c = load("analysis:\n  overlap_threshold: 50\n  resolution: 1.3\n", "rigorous",
                Map.of("RESOLUTION", "1.7"));
        assertEquals(50, c.analysis().overlapThreshold());
        assertEquals(10, c.analysis().minCommunitySize());
        assertEquals(1.7, c.analysis().resolution());
    }

    @Test
    void unknownPresetIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(Optional.empty(), Optional.of("fast"), Map.of()));
        assertTrue(e.getMessage().contains("unknown preset 'fast'"), e.getMessage());
    }
}
