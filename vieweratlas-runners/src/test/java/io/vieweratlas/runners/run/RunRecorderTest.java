package io.vieweratlas.runners.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.runners.config.ConfigResolver;
import io.vieweratlas.runners.config.Preset;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunRecorderTest {

    @TempDir
    Path lake;

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private final ViewerAtlasConfig config = new ConfigResolver(Preset.DEFAULT)
            .layer(io.vieweratlas.runners.config.EnvironmentOverrides.layer(Map.of("S3_ENDPOINT", "http://user:hunter2@127.0.0.1:9000"))).resolve();

    private JsonNode only(FileSystemObjectStore store, String command) throws Exception {
        List<ObjectInfo> records;
        try (var s = store.list("runs/" + command + "/")) {
            records = s.toList();
        }
        assertEquals(1, records.size(), records.toString());
        return new ObjectMapper().readTree(store.get(records.get(0).key()).orElseThrow().content());
    }

    @Test
    void successIsRecordedWithCountsInputsAndRedactedConfig() throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(lake);
        int code = new RunRecorder(store, clock).record("synth", config,
                Map.of("out", "/tmp/x", "token", "oauth:abcdef"), run -> {
                    run.count("snapshots_written", 12);
                    run.add("snapshots_written", 3);
                    return 0;
                });
        assertEquals(0, code);
        JsonNode r = only(store, "synth");
        assertEquals("succeeded", r.get("status").asText());
        assertEquals(15, r.get("counts").get("snapshots_written").asLong());
        assertEquals("oauth:***", r.get("inputs").get("token").asText());
        assertEquals("http://***@127.0.0.1:9000", r.get("config").get("storage").get("s3_endpoint").asText());
        assertFalse(new String(store.get("runs/synth/20260301T120000.000Z.json").orElseThrow().content())
                .contains("hunter2"));
    }

    @Test
    void failureIsRecordedAndRethrown() throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(lake);
        IllegalStateException boom = assertThrows(IllegalStateException.class, () ->
                new RunRecorder(store, clock).record("analyze", config, Map.of(), run -> {
                    run.error("skipped raw/snapshots/x.json: bad JSON");
                    throw new IllegalStateException("disk full");
                }));
        assertEquals("disk full", boom.getMessage());
        JsonNode r = only(store, "analyze");
        assertEquals("failed", r.get("status").asText());
        assertEquals(2, r.get("errors").size());
        assertTrue(r.get("errors").get(1).asText().contains("disk full"));
    }

    @Test
    void twoRunsInTheSameMillisecondKeepBothRecords() throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(lake);
        RunRecorder recorder = new RunRecorder(store, clock);
        recorder.record("synth", config, Map.of(), run -> 0);
        recorder.record("synth", config, Map.of(), run -> 0);
        try (var s = store.list("runs/synth/")) {
            assertEquals(List.of("runs/synth/20260301T120000.000Z-1.json", "runs/synth/20260301T120000.000Z.json"),
                    s.map(ObjectInfo::key).toList());
        }
    }
}
