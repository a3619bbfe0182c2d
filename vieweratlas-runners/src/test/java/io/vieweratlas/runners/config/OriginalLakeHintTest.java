package io.vieweratlas.runners.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginalLakeHintTest {

    @TempDir
    Path dir;

    @Test
    void pointsAtTheOriginalsLogsDirectoryOnlyWhenNoLakeIsConfiguredAndDataIsMissing() throws IOException {
        ViewerAtlasConfig defaults = ViewerAtlasConfig.defaults(Preset.DEFAULT);
        assertEquals(Optional.empty(), OriginalLakeHint.check(defaults, dir), "no logs/ lake: nothing to say");

        Files.createDirectories(dir.resolve("logs/raw/snapshots"));
        String hint = OriginalLakeHint.check(defaults, dir).orElseThrow();
        assertTrue(hint.contains("--data logs") && hint.contains("LOGS_DIR=logs"), hint);

        ViewerAtlasConfig configured = new ConfigResolver(Preset.DEFAULT)
                .layer(new ConfigLayer("command line", Map.of("storage.base_path", "elsewhere"))).resolve();
        assertEquals(Optional.empty(), OriginalLakeHint.check(configured, dir), "a configured lake is never second-guessed");

        Files.createDirectories(dir.resolve("data"));
        assertEquals(Optional.empty(), OriginalLakeHint.check(defaults, dir), "data/ exists: it is the lake");
    }
}
