package io.vieweratlas.runners.collector;

import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.port.ForwardingObjectStore;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.StoreException;
import io.vieweratlas.core.port.WriteOutcome;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.parquet.PresenceCompactor;
import io.vieweratlas.twitch.collector.WindowReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collector compacts a day after its last window, on its own thread, and tries a failed day again. */
class CompactionSchedulerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 1, 5);
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-01-06T01:00:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static WindowReport window(int cycle, String end) {
        Instant e = Instant.parse(end);
        return new WindowReport(cycle, e.minus(Duration.ofHours(1)), e, false, new TreeSet<>(), 0, 0, 0, 0, 0, List.of());
    }

    private FileSystemObjectStore lake() {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        for (int h = 0; h < 24; h++) {
            LakeSnapshotStore.on(store).put(PresenceSnapshot.builder("alpha",
                    DAY.atTime(h, 0).toInstant(ZoneOffset.UTC)).chatters(List.of("ann", "bob")).build());
        }
        return store;
    }

    @Test
    void theDayIsCompactedOnceAfterItsLastWindowWithoutHoldingUpCollection() throws Exception {
        FileSystemObjectStore disk = lake();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger compactions = new AtomicInteger();
        ObjectStore slow = new ForwardingObjectStore(disk) {
            @Override
            public WriteOutcome putIfAbsent(String key, byte[] content) {
                await(release);
                return super.putIfAbsent(key, content);
            }
        };
        CompactionScheduler scheduler = new CompactionScheduler(() -> {
            compactions.incrementAndGet();
            return PresenceCompactor.builder(slow).clock(LATER).build();
        });
        try {
            scheduler.windowClosed(window(1, "2026-01-05T23:00:00Z")); // the day before (Jan 4) has no data
            scheduler.windowClosed(window(2, "2026-01-06T00:00:00Z")); // Jan 5's last window: compact it
            scheduler.windowClosed(window(3, "2026-01-06T01:00:00Z")); // Jan 5 again: already handed over
            // The windows closed while the compaction waits on its manifest write.
            assertTrue(disk.get(LakeLayout.curatedPresenceManifestKey(DAY)).isEmpty());
        } finally {
            release.countDown();
            scheduler.close();
        }
        assertTrue(disk.get(LakeLayout.curatedPresenceManifestKey(DAY)).isPresent());
        assertEquals(2, compactions.get(), "Jan 4 (nothing to do) and Jan 5, once each");
    }

    @Test
    void aDayWhoseCompactionStoppedIsTriedAgainAfterTheNextWindow() throws Exception {
        FileSystemObjectStore disk = lake();
        AtomicBoolean failing = new AtomicBoolean(true);
        CountDownLatch failed = new CountDownLatch(1);
        ObjectStore flaky = new ForwardingObjectStore(disk) {
            @Override
            public ObjectVersion put(String key, byte[] content) {
                if (failing.get() && key.startsWith(LakeLayout.CURATED_PRESENCE)) {
                    failed.countDown();
                    throw new StoreException(describe(), "put", key, new java.io.IOException("503 Slow Down"));
                }
                return super.put(key, content);
            }
        };
        CompactionScheduler scheduler = new CompactionScheduler(
                () -> PresenceCompactor.builder(flaky).clock(LATER).attempts(1).build());
        try {
            scheduler.windowClosed(window(1, "2026-01-06T00:00:00Z"));
            assertTrue(failed.await(60, TimeUnit.SECONDS));
            failing.set(false);
            // Later windows of the same day hand the day over again once the failed attempt has ended.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (int cycle = 2; disk.get(LakeLayout.curatedPresenceManifestKey(DAY)).isEmpty()
                    && System.nanoTime() < deadline; cycle++) {
                scheduler.windowClosed(window(cycle, "2026-01-06T01:00:00Z"));
                Thread.sleep(50);
            }
        } finally {
            scheduler.close();
        }
        assertTrue(disk.get(LakeLayout.curatedPresenceManifestKey(DAY)).isPresent(), "done after a later window");
        assertFalse(disk.get(LakeLayout.curatedPresencePartKey(DAY, 0)).isEmpty());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
