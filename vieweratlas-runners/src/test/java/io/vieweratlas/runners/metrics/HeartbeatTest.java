package io.vieweratlas.runners.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The collector's health-check file. */
class HeartbeatTest {
    @TempDir
    Path dir;

    @Test
    void createsThenTouchesTheFileNamedByTheEnvironment() throws Exception {
        Path file = dir.resolve("heartbeat");
        Heartbeat.fromEnvironment(Map.of("VIEWERATLAS_HEARTBEAT_FILE", file.toString()),
                Clock.fixed(Instant.parse("2026-01-05T03:00:00Z"), ZoneOffset.UTC)).beat();
        assertEquals(Instant.parse("2026-01-05T03:00:00Z"), Files.getLastModifiedTime(file).toInstant());
        Heartbeat.fromEnvironment(Map.of("VIEWERATLAS_HEARTBEAT_FILE", file.toString()),
                Clock.fixed(Instant.parse("2026-01-05T04:00:00Z"), ZoneOffset.UTC)).beat();
        assertEquals(Instant.parse("2026-01-05T04:00:00Z"), Files.getLastModifiedTime(file).toInstant());
    }

    @Test
    void withoutTheVariableNothingIsWrittenAndAFailureDoesNotThrow() throws Exception {
        Heartbeat.fromEnvironment(Map.of(), Clock.systemUTC()).beat();
        Path missingDir = dir.resolve("no-such-dir").resolve("heartbeat");
        Heartbeat.fromEnvironment(Map.of("VIEWERATLAS_HEARTBEAT_FILE", missingDir.toString()), Clock.systemUTC()).beat();
        assertFalse(Files.exists(missingDir));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
