package io.vieweratlas.runners.collector;

import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.twitch.collector.WindowReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DailyCollectionStateTest {

    @TempDir
    Path dir;

    @Test
    void mergesChannelsPerDayKeepsOtherKeysAndPrunesOldDays() {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        store.put(DailyCollectionState.KEY, ("{\"days\":{\"2026-11-24\":{\"vod\":[\"x\"]},"
                + "\"2026-10-01\":{\"live\":[\"old\"]}}}").getBytes(StandardCharsets.UTF_8));
        DailyCollectionState state = new DailyCollectionState(store);
        LocalDate day = LocalDate.parse("2026-11-24");
        state.recordLive(day, List.of("beta", "alpha"));
        state.recordLive(day, List.of("gamma", "alpha"));
        assertEquals(List.of("alpha", "beta", "gamma"), state.liveChannels(day));
        String json = new String(store.get(DailyCollectionState.KEY).orElseThrow().content(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"vod\" : [ \"x\" ]"), json);
        assertFalse(json.contains("2026-10-01"), "days older than 30 days are pruned: " + json);
    }

    @Test
    void aWindowAcrossMidnightCountsForBothDays() {
        DailyCollectionState state = new DailyCollectionState(new FileSystemObjectStore(dir));
        state.windowClosed(new WindowReport(1, Instant.parse("2026-11-24T23:30:00Z"),
                Instant.parse("2026-11-25T00:30:00Z"), false, new TreeSet<>(Set.of("alpha")), 3, 1, 0, 0, 0, List.of()));
        assertEquals(List.of("alpha"), state.liveChannels(LocalDate.parse("2026-11-24")));
        assertEquals(List.of("alpha"), state.liveChannels(LocalDate.parse("2026-11-25")));
    }

    @Test
    void concurrentUpdatesLoseNothing() throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        LocalDate day = LocalDate.parse("2026-11-24");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                DailyCollectionState state = new DailyCollectionState(store);
                for (int i = 0; i < 3; i++) {
                    state.recordLive(day, List.of("c" + id + "_" + i));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(9, new DailyCollectionState(store).liveChannels(day).size());
    }
}
