package io.vieweratlas.runners.cli;

import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code compact} on a synthetic lake on disk, through the command line: the analysis of the lake
 * gives byte-identical outputs before and after its days are compacted, a second run writes nothing,
 * and a broken raw file is reported and set aside.
 */
class CompactCommandTest {

    private static final String BROKEN = "raw/snapshots/2026/01/05/broken_20260105_100000.json";

    @TempDir
    Path dir;
    Path lake;
    ObjectStore store;

    @BeforeEach
    void writeLake() {
        lake = dir.resolve("lake");
        store = new FileSystemObjectStore(lake);
        LakeSnapshotStore snapshots = LakeSnapshotStore.on(store);
        // 30 hourly snapshots per channel from 2026-01-05 00:00: two day folders.
        SyntheticLake.plan(SyntheticLakeSpec.builder().channels(24).communities(3).viewers(1500)
                .snapshotsPerChannel(30).bots(true).seed(11).build()).forEachSnapshot(snapshots::put);
        store.put(BROKEN, "{\"chatters\": [".getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> curated() {
        Map<String, String> out = new TreeMap<>();
        try (Stream<String> keys = store.listKeys(LakeLayout.CURATED_PRESENCE)) {
            keys.forEach(k -> out.put(k, Arrays.toString(store.get(k).orElseThrow().content())));
        }
        return out;
    }

    @Test
    void analysisOfTheCompactedLakeIsByteIdenticalAndARerunWritesNothing() throws IOException {
        Path before = dir.resolve("before");
        assertEquals(0, ValidateConfigCommandTest.run("analyze", "--data", lake.toString(), "--out", before.toString(),
                "--seed", "3").code());
        byte[] lakeResultsBefore = Files.readAllBytes(lake.resolve(LakeLayout.ANALYSIS_RESULTS));

        ValidateConfigCommandTest.Result r = ValidateConfigCommandTest.run("compact", "--data", lake.toString(),
                "--from", "2026-01-05", "--to", "2026-01-07", "--max-rows-per-part", "20000");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("2026-01-05  compacted: 576 snapshots"), r.out());
        assertTrue(r.out().contains("2026-01-06  compacted: 144 snapshots"), r.out());
        assertTrue(r.out().contains("2026-01-07  no raw data"), r.out());
        assertTrue(r.out().contains("set aside, e.g. " + BROKEN), r.out());
        assertTrue(store.get(LakeLayout.curatedPresencePartKey(java.time.LocalDate.of(2026, 1, 5), 1)).isPresent(),
                "the first day in more than one part");
        Map<String, String> compacted = curated();

        ValidateConfigCommandTest.Result again = ValidateConfigCommandTest.run("compact", "--data", lake.toString(),
                "--from", "2026-01-05", "--to", "2026-01-06");
        assertEquals(0, again.code(), again.err() + again.out());
        assertTrue(again.out().contains("2026-01-05  already compacted: 576 snapshots"), again.out());
        assertEquals(compacted, curated(), "a second run changes nothing");

        Path after = dir.resolve("after");
        assertEquals(0, ValidateConfigCommandTest.run("analyze", "--data", lake.toString(), "--out", after.toString(),
                "--seed", "3").code());
        for (String f : List.of("graph_nodes.csv", "graph_edges.csv", "communities.csv", "analysis_results.json")) {
            assertArrayEquals(Files.readAllBytes(before.resolve(f)), Files.readAllBytes(after.resolve(f)), f);
        }
        assertArrayEquals(lakeResultsBefore, Files.readAllBytes(lake.resolve(LakeLayout.ANALYSIS_RESULTS)));
        assertTrue(Files.readString(lake.resolve(LakeLayout.ANALYSIS_RESULTS)).contains(BROKEN),
                "the broken file is still reported by the analysis");
    }

    @Test
    void daysThatAreNotOverOrMalformedAreUsageErrors() {
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        ValidateConfigCommandTest.Result r = ValidateConfigCommandTest.run("compact", "--data", lake.toString(),
                "--to", today);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("not over yet"), r.err());
        r = ValidateConfigCommandTest.run("compact", "--data", lake.toString(), "--from", "2026-13-01");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--from must be a day YYYY-MM-DD"), r.err());
        r = ValidateConfigCommandTest.run("compact", "--data", lake.toString(), "--from", "2026-01-07", "--to",
                "2026-01-05");
        assertEquals(2, r.code(), r.err());
        assertEquals(Map.of(), curated());
    }

    @Test
    void anUnreadableManifestFailsItsDayWithExitCodeOneAndTheOtherDaysAreCompacted() {
        store.put(LakeLayout.curatedPresenceManifestKey(java.time.LocalDate.of(2026, 1, 5)),
                "not json".getBytes(StandardCharsets.UTF_8));
        ValidateConfigCommandTest.Result r = ValidateConfigCommandTest.run("compact", "--data", lake.toString(),
                "--from", "2026-01-05", "--to", "2026-01-06");
        assertEquals(1, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("2026-01-05  failed: "), r.out());
        assertTrue(r.out().contains("2026-01-06  compacted"), r.out());
    }
}
