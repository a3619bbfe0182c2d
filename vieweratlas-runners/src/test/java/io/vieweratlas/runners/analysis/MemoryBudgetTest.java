package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.aggregate.Repeats;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.core.service.AnalysisService;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.lake.SnapshotFootprint;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryBudgetTest {

    @TempDir
    Path dir;

    /** The deep-72h bench lake's listing: 72,000 objects, 326 MB, 1,000 channels over 3 days. */
    private static final SnapshotFootprint DEEP_72H = new SnapshotFootprint(72_000, 326_079_600L, 1_000, 3_000, true);

    @Test
    void droppingRepeatsIsEstimatedByMembershipsKeepingThemByEntries() {
        long drop = MemoryBudget.estimate(DEEP_72H, Repeats.DROP);
        long keep = MemoryBudget.estimate(DEEP_72H, Repeats.KEEP);
        // measured: the lake analyses at -Xmx256m dropping repeats, and fails at -Xmx512m keeping them
        assertTrue(drop < 256L << 20, (drop >> 20) + " MB");
        assertTrue(keep > 512L << 20, (keep >> 20) + " MB");
        assertEquals(MemoryBudget.BASELINE_MB << 20, MemoryBudget.estimate(new SnapshotFootprint(0, 0, 0, 0, true),
                Repeats.DROP));
        // twice the days, about twice the memberships
        SnapshotFootprint week = new SnapshotFootprint(168_000, 760_654_176L, 1_000, 7_000, true);
        long weekDrop = MemoryBudget.estimate(week, Repeats.DROP);
        assertTrue(weekDrop > drop && weekDrop < 247L << 20, (weekDrop >> 20) + " MB: fits -Xmx256m, as measured");
    }

    @Test
    void aHeapTooSmallIsRefusedNamingWhatItNeedsWhatItHasAndTheSetting() {
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                () -> MemoryBudget.check(DEEP_72H, Repeats.KEEP, 256L << 20));
        String m = e.getMessage();
        assertTrue(m.contains("72,000 snapshot objects (310 MB of JSON, 3,000 channel-days)"), m);
        assertTrue(m.contains(String.format(Locale.ROOT, "needs an estimated %,d MB",
                MemoryBudget.estimate(DEEP_72H, Repeats.KEEP) >> 20)), m);
        assertTrue(m.contains("this JVM may use 256 MB"), m);
        assertTrue(m.contains("analysis.window_days") && m.contains("-Xmx"), m);
        MemoryBudget.check(DEEP_72H, Repeats.DROP, 256L << 20); // fits
        // refused while the listing is still under way: the figures so far are a lower bound
        SnapshotFootprint soFar = new SnapshotFootprint(89_000, 402_653_184L, 1_000, 3_709, false);
        String partial = assertThrows(InsufficientMemoryException.class,
                () -> MemoryBudget.check(soFar, Repeats.DROP, 123L << 20)).getMessage();
        assertTrue(partial.startsWith("not enough memory to analyse at least 89,000 snapshot objects (384 MB of JSON,"
                + " 3,709 channel-days listed so far): the analysis needs an estimated more than "), partial);
    }

    @Test
    void theFootprintComesFromTheListingAndTheAnalysisStopsBeforeReading() throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        SyntheticLake synth = SyntheticLake.plan(SyntheticLakeSpec.builder().channels(12).communities(3)
                .viewers(600).snapshotsPerChannel(30).seed(2).build());
        Set<String> channelDays = new HashSet<>();
        Instant dayTwo = Instant.parse("2026-01-06T00:00:00Z");
        int[] firstDayObjects = new int[1];
        synth.forEachSnapshot(s -> {
            LakeSnapshotStore.on(store).put(s);
            channelDays.add(s.channel() + LocalDate.ofInstant(s.timestamp(), ZoneOffset.UTC));
            firstDayObjects[0] += s.timestamp().isBefore(dayTwo) ? 1 : 0;
        });
        SnapshotFootprint all = SnapshotFootprint.of(store, TimeRange.ALL);
        assertEquals(360, all.objects());
        assertEquals(12, all.channels());
        assertEquals(channelDays.size(), all.channelDays());
        assertTrue(channelDays.size() >= 24, "30 hourly snapshots span at least two days");
        long bytes;
        try (var files = Files.walk(dir.resolve("raw"))) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        // sizes of one file in 16, scaled up
        assertTrue(Math.abs(all.bytes() - bytes) < bytes / 4, all.bytes() + " of " + bytes);
        SnapshotFootprint firstDay = SnapshotFootprint.of(store, TimeRange.between(
                Instant.parse("2026-01-05T00:00:00Z"), dayTwo.minus(Duration.ofHours(1))));
        assertEquals(firstDayObjects[0], firstDay.objects(), "the range plus the loader's hour of key slack");

        LakePresence tooSmall = new LakePresence(store, LakeSelection.LIVE, OptionalInt.empty(), n -> { })
                .checkingMemory(MemoryBudget.BASELINE_MB << 20);
        AnalysisRequest request = AnalysisRequest.builder(new AnalysisRequest.Presence(tooSmall))
                .window(AnalysisWindow.ALL).build();
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                () -> AnalysisService.withoutOutputs().analyze(request));
        assertTrue(e.getMessage().contains("360 snapshot objects"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("processed")));
        // with room, the same source analyses
        LakePresence enough = new LakePresence(store, LakeSelection.LIVE, OptionalInt.empty(), n -> { })
                .checkingMemory(Runtime.getRuntime().maxMemory());
        assertTrue(AnalysisService.withoutOutputs().analyze(AnalysisRequest.builder(
                new AnalysisRequest.Presence(enough)).build()).result().isPresent());
    }
}
