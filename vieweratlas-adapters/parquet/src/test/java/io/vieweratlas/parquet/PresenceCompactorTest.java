package io.vieweratlas.parquet;

import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.StreamMetadata;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeAudienceLoader;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.LakeSnapshotStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Daily compaction end to end on a lake on disk, through the public API: the compactor writes a day,
 * the lake loader reads it back through {@link CompactedPresenceStore}, and every load must equal the
 * raw load of the same lake, snapshot for snapshot, with the same report.
 */
class PresenceCompactorTest {

    private static final LocalDate DAY1 = LocalDate.of(2024, 3, 10);
    private static final LocalDate DAY2 = LocalDate.of(2024, 3, 11);
    private static final String BROKEN = "raw/snapshots/2024/03/10/broken_20240310_050000.json";
    private static final Clock LATER = Clock.fixed(Instant.parse("2024-03-20T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private ObjectStore disk;
    private ScriptedStore store;

    @BeforeEach
    void writeLake() {
        disk = new FileSystemObjectStore(dir);
        store = new ScriptedStore(disk);
        LakeSnapshotStore lake = LakeSnapshotStore.on(disk);
        Random random = new Random(7);
        for (LocalDate day : List.of(DAY1, DAY2)) {
            for (String channel : List.of("alpha", "beta", "gamma", "delta")) {
                for (int hour = 0; hour < 6; hour++) {
                    Instant t = day.atTime(hour, 0, 3).toInstant(ZoneOffset.UTC).plusNanos(123_456_789);
                    PresenceSnapshot.Builder b = PresenceSnapshot.builder(channel, t).window(Duration.ofHours(1))
                            .stream(new StreamMetadata(100 + hour, channel.equals("gamma") ? "Chess" : "Just Chatting",
                                    channel.equals("delta") ? "de" : "en", "title " + hour, Optional.empty()));
                    if (channel.equals("delta") && hour == 2) {
                        lake.put(b.build()); // nobody in chat
                        continue;
                    }
                    if (channel.equals("gamma")) {
                        b.source(PresenceSourceKind.IRC);
                        for (int v = 0; v < 30; v++) {
                            if (random.nextInt(3) == 0) {
                                b.evidence("viewer" + v, random.nextBoolean() ? EnumSet.of(Evidence.MESSAGE)
                                        : EnumSet.of(Evidence.JOIN, Evidence.NAMES));
                            }
                        }
                    } else {
                        for (int v = 0; v < 40; v++) {
                            if (random.nextInt(2) == 0) {
                                b.chatter("viewer" + (v + (channel.equals("alpha") ? 0 : 15)));
                            }
                        }
                    }
                    lake.put(b.build());
                }
            }
        }
        disk.put(BROKEN, "{\"channel\": \"broken\", \"chatters\": [".getBytes(StandardCharsets.UTF_8));
        disk.put("raw/snapshots/2024/03/10/notes.txt", "not a snapshot".getBytes(StandardCharsets.UTF_8));
        // The original's CSV twin without its JSON: read from the CSV.
        disk.put("raw/chatter_logs/2024/03/10/epsilon_20240310_040000.csv",
                ("timestamp,channel,viewer_count,game_name,title,started_at,username\r\n"
                        + "2024-03-10T04:00:00,epsilon,5,Art,t,,ann\r\n"
                        + "2024-03-10T04:00:00,epsilon,5,Art,t,,bob\r\n"
                        + "2024-03-10T04:00:00,epsilon,5,Art\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private PresenceCompactor compactor(ObjectStore on) {
        return PresenceCompactor.builder(on).clock(LATER).pause(Duration.ZERO).build();
    }

    private static PresenceIngest.Loaded load(ObjectStore on, TimeRange range, PresencePolicy policy, boolean compacted) {
        LakeAudienceLoader.Builder loader = LakeAudienceLoader.builder(on).policy(policy).threads(2);
        if (compacted) {
            loader.compacted(new CompactedPresenceStore(on));
        }
        return loader.build().load(range);
    }

    /** Every row of a table: channel, time, metadata, file and sorted viewer keys. */
    private static List<String> rows(PresenceTable table) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            List<String> viewers = new ArrayList<>();
            for (int j = table.start(i); j < table.end(i); j++) {
                viewers.add(table.viewers().key(table.members()[j]).toString());
            }
            viewers.sort(null);
            out.add(table.channel(i) + "|" + table.epochSecond(i) + "|" + table.viewerCount(i) + "|" + table.game(i)
                    + "|" + table.language(i) + "|" + table.title(i) + "|" + table.location(i) + "|" + viewers);
        }
        return out;
    }

    private void assertLoadsAsRaw(ObjectStore on) {
        List<TimeRange> ranges = List.of(TimeRange.ALL,
                TimeRange.between(DAY1.atTime(2, 30).toInstant(ZoneOffset.UTC), DAY2.atTime(3, 0).toInstant(ZoneOffset.UTC)),
                TimeRange.between(DAY2.atStartOfDay().toInstant(ZoneOffset.UTC), DAY2.atTime(1, 0).toInstant(ZoneOffset.UTC)));
        for (TimeRange range : ranges) {
            for (PresencePolicy policy : PresencePolicy.values()) {
                PresenceIngest.Loaded raw = load(on, range, policy, false);
                PresenceIngest.Loaded compacted = load(on, range, policy, true);
                assertEquals(rows(raw.table()), rows(compacted.table()), range + " " + policy);
                assertEquals(raw.report(), compacted.report(), range + " " + policy);
            }
        }
    }

    private Map<String, String> curated() {
        Map<String, String> out = new TreeMap<>();
        try (Stream<String> keys = disk.listKeys(LakeLayout.CURATED_PRESENCE)) {
            keys.forEach(k -> out.put(k, Arrays.toString(disk.get(k).orElseThrow().content())));
        }
        return out;
    }

    @Test
    void aCompactedDayLoadsExactlyAsItsRawFiles() {
        PresenceIngest.Loaded before = load(store, TimeRange.ALL, PresencePolicy.INCLUSIVE, false);
        List<PresenceCompactor.DayOutcome> outcomes = compactor(store).compact(List.of(DAY1, DAY2));
        assertEquals(List.of(PresenceCompactor.DayOutcome.Status.COMPACTED, PresenceCompactor.DayOutcome.Status.COMPACTED),
                outcomes.stream().map(PresenceCompactor.DayOutcome::status).toList());
        CompactionManifest m = outcomes.get(0).manifest().orElseThrow();
        assertEquals(24 + 1 + 1, m.candidates(), "24 JSON files, the CSV without twin, the broken file");
        assertEquals(25, m.snapshots());
        assertEquals(1, m.parts().size());
        assertTrue(disk.get(LakeLayout.curatedPresencePartKey(DAY1, 0)).isPresent());

        assertLoadsAsRaw(store);
        // The raw files stay: the lake still loads the same without the compacted layer.
        assertEquals(rows(before.table()), rows(load(store, TimeRange.ALL, PresencePolicy.INCLUSIVE, false).table()));

        // Reading the compacted lake costs a few requests instead of one per file.
        store.gets.set(0);
        load(store, TimeRange.ALL, PresencePolicy.INCLUSIVE, true);
        assertEquals(2 + 2, store.gets.get(), "two manifests, two parts (the broken file's problem comes from the manifest)");
    }

    @Test
    void compactingADoneDayAgainChangesNothing() {
        assertEquals(PresenceCompactor.DayOutcome.Status.COMPACTED, compactor(store).compact(DAY1).status());
        Map<String, String> first = curated();
        long writes = store.writes.get();
        PresenceCompactor.DayOutcome again = compactor(store).compact(DAY1);
        assertEquals(PresenceCompactor.DayOutcome.Status.ALREADY_COMPACTED, again.status());
        assertEquals(first, curated());
        assertEquals(writes, store.writes.get(), "no write at all");
        assertEquals(compactor(store).compact(DAY1).skipped(), again.skipped());
    }

    @Test
    void aCorruptedRawFileIsReportedAndSetAsideAndTheRestCompacted() {
        PresenceCompactor.DayOutcome outcome = compactor(store).compact(DAY1);
        assertEquals(PresenceCompactor.DayOutcome.Status.COMPACTED, outcome.status());
        assertTrue(outcome.skipped().stream().anyMatch(s -> s.location().equals(BROKEN)), outcome.skipped().toString());
        assertTrue(outcome.skipped().stream().anyMatch(s -> s.location().equals("raw/snapshots/2024/03/10/notes.txt")));
        assertTrue(outcome.skipped().stream().anyMatch(s -> s.location().startsWith(
                "raw/chatter_logs/2024/03/10/epsilon_20240310_040000.csv:")), "the CSV's short line");
        CompactionManifest m = outcome.manifest().orElseThrow();
        assertTrue(m.skipped().stream().anyMatch(s -> s.candidate().equals(BROKEN)));
        // A later load reports the broken file as a raw load does.
        LoadReport report = load(store, TimeRange.ALL, PresencePolicy.INCLUSIVE, true).report();
        assertTrue(report.skipped().stream().anyMatch(s -> s.location().equals(BROKEN)));
        assertLoadsAsRaw(store);
    }

    @Test
    void aCrashBetweenDataAndManifestLeavesTheDayUncompactedAndARerunCompletesIt() {
        store.beforeWrite = (key, bytes) -> {
            if (key.startsWith(LakeLayout.CURATED_PRESENCE_MANIFESTS)) {
                throw new Crash();
            }
            return bytes;
        };
        assertThrows(Crash.class, () -> compactor(store).compact(DAY1));
        assertTrue(disk.get(LakeLayout.curatedPresencePartKey(DAY1, 0)).isPresent(), "the data was written");
        assertTrue(disk.get(LakeLayout.curatedPresenceManifestKey(DAY1)).isEmpty(), "the day is not recorded");
        assertEquals(List.of(), new CompactedPresenceStore(disk).days(TimeRange.ALL));
        assertLoadsAsRaw(disk);
        byte[] part = disk.get(LakeLayout.curatedPresencePartKey(DAY1, 0)).orElseThrow().content();

        store.beforeWrite = (key, bytes) -> bytes;
        assertEquals(PresenceCompactor.DayOutcome.Status.COMPACTED, compactor(store).compact(DAY1).status());
        assertArrayEquals(part, disk.get(LakeLayout.curatedPresencePartKey(DAY1, 0)).orElseThrow().content(),
                "the same raw day gives the same bytes");
        assertLoadsAsRaw(store);
    }

    @Test
    void partsLeftByAnUnrecordedAttemptAreEmptied() {
        store.beforeWrite = (key, bytes) -> {
            if (key.startsWith(LakeLayout.CURATED_PRESENCE_MANIFESTS)) {
                throw new Crash();
            }
            return bytes;
        };
        PresenceCompactor small = PresenceCompactor.builder(store).clock(LATER).maxRowsPerPart(100).build();
        assertThrows(Crash.class, () -> small.compact(DAY1));
        assertTrue(disk.get(LakeLayout.curatedPresencePartKey(DAY1, 2)).isPresent(), "several parts");
        store.beforeWrite = (key, bytes) -> bytes;
        CompactionManifest m = compactor(store).compact(DAY1).manifest().orElseThrow();
        assertEquals(1, m.parts().size());
        long staleRows = PresenceParquetCodec.read(disk.get(LakeLayout.curatedPresencePartKey(DAY1, 2)).orElseThrow()
                .content(), "stale", s -> { });
        assertEquals(0, staleRows, "a table over the day folder does not count the stale part");
        assertLoadsAsRaw(store);
    }

    @Test
    void aDaySplitIntoManyPartsLoadsAsRaw() {
        PresenceCompactor small = PresenceCompactor.builder(store).clock(LATER).maxRowsPerPart(50).build();
        CompactionManifest m = small.compact(DAY1).manifest().orElseThrow();
        assertTrue(m.parts().size() > 3, "parts: " + m.parts().size());
        assertTrue(m.parts().stream().allMatch(p -> p.rows() <= 50 || p.snapshots() == 1));
        assertLoadsAsRaw(store);
    }

    @Test
    void aFailingStoreIsTriedAgainAndTheDayCompacted() {
        AtomicInteger failures = new AtomicInteger(2);
        store.beforeWrite = (key, bytes) -> {
            if (key.startsWith(LakeLayout.curatedPresenceDayPrefix(DAY1)) && failures.getAndDecrement() > 0) {
                throw new StoreException(store.describe(), "put", key, new java.io.IOException("503 Slow Down"));
            }
            return bytes;
        };
        assertEquals(PresenceCompactor.DayOutcome.Status.COMPACTED, compactor(store).compact(DAY1).status());
        assertLoadsAsRaw(store);
    }

    @Test
    void aStoreThatKeepsFailingStopsTheRunWithoutRecordingTheDay() {
        store.beforeWrite = (key, bytes) -> {
            if (key.startsWith(LakeLayout.CURATED_PRESENCE)) {
                throw new StoreException(store.describe(), "put", key, new java.io.IOException("403 AccessDenied"));
            }
            return bytes;
        };
        CompactionStoppedException e = assertThrows(CompactionStoppedException.class,
                () -> compactor(store).compact(List.of(DAY1, DAY2)));
        assertTrue(e.getMessage().contains(DAY1.toString()) && e.getMessage().contains("3 times"), e.getMessage());
        assertEquals(Map.of(), curated(), "nothing recorded, the second day not begun");
    }

    @Test
    void aPartThatReadsBackDifferentStopsTheRun() {
        store.beforeWrite = (key, bytes) -> key.endsWith(".parquet") ? PresenceParquetCodec.empty() : bytes;
        CompactionStoppedException e = assertThrows(CompactionStoppedException.class,
                () -> compactor(store).compact(DAY1));
        assertTrue(e.getMessage().contains("read back differs"), e.getMessage());
        assertTrue(disk.get(LakeLayout.curatedPresenceManifestKey(DAY1)).isEmpty());
        assertLoadsAsRaw(disk);
    }

    @Test
    void anUnreadableManifestFailsItsDayAndTheNextDayGoesOn() {
        disk.put(LakeLayout.curatedPresenceManifestKey(DAY1), "{\"format\":".getBytes(StandardCharsets.UTF_8));
        List<PresenceCompactor.DayOutcome> outcomes = compactor(store).compact(List.of(DAY1, DAY2));
        assertEquals(PresenceCompactor.DayOutcome.Status.FAILED, outcomes.get(0).status());
        assertTrue(outcomes.get(0).detail().contains("not a readable compaction manifest"), outcomes.get(0).detail());
        assertEquals(PresenceCompactor.DayOutcome.Status.COMPACTED, outcomes.get(1).status());
        // The loader reads the day with the damaged record from its raw files.
        assertLoadsAsRaw(store);
    }

    @Test
    void aRawFileWrittenAfterTheCompactionIsStillRead() {
        compactor(store).compact(DAY1);
        LakeSnapshotStore.on(disk).put(PresenceSnapshot.builder("zeta", DAY1.atTime(23, 0).toInstant(ZoneOffset.UTC))
                .chatters(List.of("late1", "late2")).build());
        PresenceIngest.Loaded compacted = load(store, TimeRange.ALL, PresencePolicy.INCLUSIVE, true);
        assertTrue(rows(compacted.table()).stream().anyMatch(r -> r.startsWith("zeta|")));
        assertLoadsAsRaw(store);
    }

    @Test
    void anEmptyOrUnfinishedDayIsNotCompacted() {
        assertEquals(PresenceCompactor.DayOutcome.Status.NO_RAW_DATA, compactor(store).compact(DAY2.plusDays(3)).status());
        assertEquals(Map.of(), curated());
        PresenceCompactor now = PresenceCompactor.builder(store)
                .clock(Clock.fixed(DAY2.atTime(23, 59, 59).toInstant(ZoneOffset.UTC), ZoneOffset.UTC)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> now.compact(DAY2));
        assertTrue(e.getMessage().contains("not over"), e.getMessage());
        assertFalse(now.isOver(DAY2));
        assertTrue(now.isOver(DAY1));
    }

    @Test
    void aMissingPartStopsTheLoadNamingTheRecordToDelete() {
        compactor(store).compact(DAY1);
        assertTrue(disk.delete(LakeLayout.curatedPresencePartKey(DAY1, 0)));
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> load(store, TimeRange.ALL, PresencePolicy.INCLUSIVE, true));
        String messages = "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages += t.getMessage() + " | ";
        }
        assertTrue(messages.contains("part-0000.parquet is missing, but " + LakeLayout.curatedPresenceManifestKey(DAY1)
                + " records it: delete that manifest and compact 2024-03-10 again"), messages);
    }

    /** Stands for the process dying: not an exception any code catches. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
