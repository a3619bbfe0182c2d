package io.vieweratlas.lake.vod;

import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VodQueueTest {
    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(T0);

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static VodTask task(int i) {
        return new VodTask(String.valueOf(1000 + i), "chan" + (i % 3), String.valueOf(i % 3 + 1), T0.minusSeconds(i));
    }

    @Test
    void twoConcurrentWorkersNeverProcessAVodTwiceAndLoseNoUpdate(@TempDir Path dir) throws Exception {
        ObjectStore store = new FileSystemObjectStore(dir);
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        List<VodTask> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tasks.add(task(i));
        }
        // Both workers also enqueue (racing with each other and with claims): nothing may be lost.
        Set<String> processed = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (String worker : List.of("worker-a", "worker-b")) {
            results.add(pool.submit(() -> {
                VodQueue q = new VodQueue(store, clock, worker);
                start.await();
                q.enqueue(worker.equals("worker-a") ? tasks.subList(0, 30) : tasks.subList(10, 40));
                int done = 0;
                int idle = 0;
                while (idle < 3) {
                    Optional<VodLease> lease = q.claim();
                    if (lease.isEmpty()) {
                        idle++;
                        Thread.yield();
                        continue;
                    }
                    idle = 0;
                    if (!processed.add(lease.get().task().vodId())) {
                        duplicates.add(lease.get().task().vodId());
                    }
                    assertTrue(q.complete(lease.get()), "the lease holder completes");
                    done++;
                }
                return done;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // A worker may go idle before the other's late enqueue lands; drain the rest sequentially.
        VodQueue q = new VodQueue(store, clock, "drain");
        for (Optional<VodLease> l = q.claim(); l.isPresent(); l = q.claim()) {
            assertTrue(processed.add(l.get().task().vodId()), "not processed before: " + l.get().task().vodId());
            q.complete(l.get());
            total++;
        }
        assertEquals(List.of(), duplicates);
        assertEquals(40, total);
        assertEquals(40, processed.size());
        var entries = q.entries();
        assertEquals(40, entries.size(), "every enqueued VOD is in the file: no lost update");
        assertTrue(entries.values().stream().allMatch(e -> e.status() == VodStatus.COMPLETED && e.attempts() == 1));
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderCannotComplete(@TempDir Path dir) {
        ObjectStore store = new FileSystemObjectStore(dir);
        MutableClock clock = new MutableClock();
        VodQueue a = new VodQueue(store, clock, "a");
        VodQueue b = new VodQueue(store, clock, "b");
        a.enqueue(List.of(task(1)));
        VodLease la = a.claim().orElseThrow();
        assertEquals(T0.plus(VodQueue.LEASE), la.expires());
        assertEquals(Optional.empty(), b.claim(), "a live lease is respected");
        clock.advance(Duration.ofMinutes(14));
        la = a.renew(la).orElseThrow();
        clock.advance(Duration.ofMinutes(14));
        assertEquals(Optional.empty(), b.claim(), "the renewed lease is still live");
        clock.advance(Duration.ofMinutes(2));
        VodLease lb = b.claim().orElseThrow();
        assertEquals("b", lb.owner());
        assertEquals(2, lb.attempt(), "a take-over is a new attempt");
        assertFalse(a.complete(la), "the old holder lost its lease");
        assertFalse(a.fail(la, "late"), "nor can it fail the VOD");
        assertEquals(Optional.empty(), a.renew(la));
        assertTrue(b.complete(lb));
        VodEntry e = a.entries().get(task(1).vodId());
        assertEquals(VodStatus.COMPLETED, e.status());
        assertEquals(Optional.empty(), e.owner());
    }

    @Test
    void finishedVodsOlderThanTheCutoffArePrunedAndNothingElse(@TempDir Path dir) {
        ObjectStore store = new FileSystemObjectStore(dir);
        MutableClock clock = new MutableClock();
        VodQueue q = new VodQueue(store, clock, "w");
        // task(i) started i seconds before T0: 1..4 are older than the cutoff T0 - 0.5 s, 0 is not
        q.enqueue(List.of(task(0), task(1), task(2), task(3), task(4)));
        for (int i = 0; i < 4; i++) {
            VodLease l = q.claim().orElseThrow(); // in id order: task 0, 1, 2, 3
            if (i < 2) {
                assertTrue(q.complete(l));
            } else if (i == 2) {
                for (int attempt = 1; attempt <= VodQueue.MAX_ATTEMPTS; attempt++) {
                    assertTrue(q.fail(l, "boom"));
                    if (attempt < VodQueue.MAX_ATTEMPTS) {
                        clock.advance(Duration.ofHours(2));
                        l = q.claim().orElseThrow();
                    }
                }
            }
            // i == 3: left processing (claimed, not finished)
        }
        assertEquals(VodStatus.COMPLETED, q.entries().get(task(0).vodId()).status());
        assertEquals(VodStatus.FAILED, q.entries().get(task(2).vodId()).status());
        assertEquals(VodStatus.PROCESSING, q.entries().get(task(3).vodId()).status());
        assertEquals(2, q.pruneFinished(T0.minusMillis(500)));
        assertEquals(Set.of(task(0).vodId(), task(3).vodId(), task(4).vodId()), q.entries().keySet());
        assertEquals(0, q.pruneFinished(T0.minusMillis(500)), "pruning again changes nothing");
        // a pruned VOD that is offered again is a new VOD: pending
        assertEquals(1, q.enqueue(List.of(task(1))));
    }

    @Test
    void failuresBackOffThenFailForGoodAfterFiveAttempts(@TempDir Path dir) {
        ObjectStore store = new FileSystemObjectStore(dir);
        MutableClock clock = new MutableClock();
        VodQueue q = new VodQueue(store, clock, "w");
        q.enqueue(List.of(task(7)));
        for (int attempt = 1; attempt <= 5; attempt++) {
            VodLease l = q.claim().orElseThrow();
            assertEquals(attempt, l.attempt());
            assertTrue(q.fail(l, "boom " + attempt));
            VodEntry e = q.entries().get(task(7).vodId());
            if (attempt < 5) {
                Duration wait = Duration.ofSeconds(Math.min(3600, 30L << attempt));
                assertEquals(VodStatus.PENDING, e.status());
                assertEquals(Optional.of(clock.instant().plus(wait)), e.notBefore());
                clock.advance(wait.minusSeconds(1));
                assertEquals(Optional.empty(), q.claim(), "not due before the backoff ends");
                clock.advance(Duration.ofSeconds(1));
            } else {
                assertEquals(VodStatus.FAILED, e.status());
                assertEquals(Optional.of("boom 5"), e.lastError());
            }
        }
        clock.advance(Duration.ofDays(1));
        assertEquals(Optional.empty(), q.claim(), "a failed VOD is never claimed again");
        assertEquals(Duration.ofSeconds(60), VodQueue.backoff(1));
        assertEquals(Duration.ofSeconds(3600), VodQueue.backoff(7));
        assertEquals(Duration.ofSeconds(3600), VodQueue.backoff(40));
    }

    @Test
    void anExpiredLeaseOnTheLastAttemptFailsTheVod(@TempDir Path dir) {
        ObjectStore store = new FileSystemObjectStore(dir);
        MutableClock clock = new MutableClock();
        VodQueue q = new VodQueue(store, clock, "w");
        q.enqueue(List.of(task(2)));
        for (int i = 1; i < 5; i++) {
            q.fail(q.claim().orElseThrow(), "x");
            clock.advance(Duration.ofHours(2));
        }
        q.claim().orElseThrow(); // 5th attempt, then the worker dies
        clock.advance(Duration.ofMinutes(16));
        assertEquals(Optional.empty(), q.claim());
        assertEquals(VodStatus.FAILED, q.entries().get(task(2).vodId()).status());
    }

    @Test
    void fileIsSortedJsonAndEnqueueIsIdempotent(@TempDir Path dir) {
        ObjectStore store = new FileSystemObjectStore(dir);
        VodQueue q = new VodQueue(store, Clock.fixed(T0, ZoneOffset.UTC), "w");
        assertEquals(2, q.enqueue(List.of(task(5), task(1))));
        assertEquals(0, q.enqueue(List.of(task(1))));
        String json = new String(store.get(LakeLayout.VOD_QUEUE).orElseThrow().content(), StandardCharsets.UTF_8);
        assertTrue(json.indexOf("\"1001\"") < json.indexOf("\"1005\""), json);
        assertTrue(json.contains("\"status\" : \"pending\""), json);
        assertEquals(new HashSet<>(List.of("1001", "1005")), q.entries().keySet());
    }

    @Test
    void aMalformedEntryIsQuarantinedInTheSameWriteAndTheRestProceeds(@TempDir Path dir) {
        ObjectStore store = new FileSystemObjectStore(dir);
        MutableClock clock = new MutableClock();
        VodQueue q = new VodQueue(store, clock, "w");
        q.enqueue(List.of(task(1), task(2)));
        String json = new String(store.get(LakeLayout.VOD_QUEUE).orElseThrow().content(), StandardCharsets.UTF_8);
        // a hand edit gone wrong: an unknown status on one entry
        store.put(LakeLayout.VOD_QUEUE, json.replaceFirst("\"pending\"", "\"pendnig\"").getBytes(StandardCharsets.UTF_8));
        assertEquals(Set.of("1002"), q.entries().keySet(), "reading skips the bad entry");
        assertEquals(1, q.state().quarantine().size());
        // the old behaviour rejected the whole file here; now pruning and claiming go on
        assertEquals(0, q.pruneFinished(T0));
        VodQueueState after = q.state();
        assertEquals(1, after.quarantine().size());
        QuarantinedEntry bad = after.quarantine().get(0);
        assertEquals("1001", bad.key());
        assertTrue(bad.reason().contains("pendnig"), bad.reason());
        assertTrue(bad.raw().contains("pendnig"), bad.raw());
        String stored = new String(store.get(LakeLayout.VOD_QUEUE).orElseThrow().content(), StandardCharsets.UTF_8);
        assertTrue(stored.contains("\"quarantine\"") && !stored.contains("\"1001\" :"), stored);
        assertEquals("1002", q.claim().orElseThrow().task().vodId());
        assertEquals(1, q.state().quarantine().size(), "quarantined once, kept across writes");
    }

    @Test
    void aFileThatIsNotJsonIsQuarantinedWholeAndTheQueueStartsAgain(@TempDir Path dir) {
        ObjectStore store = new FileSystemObjectStore(dir);
        VodQueue q = new VodQueue(store, new MutableClock(), "w");
        store.put(LakeLayout.VOD_QUEUE, "{\"vods\": {\"1\": ".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, q.enqueue(List.of(task(3))));
        VodQueueState s = q.state();
        assertEquals(Set.of("1003"), s.entries().keySet());
        assertEquals(VodQueue.WHOLE_FILE, s.quarantine().get(0).key());
        assertEquals("{\"vods\": {\"1\": ", s.quarantine().get(0).raw());
    }

    @Test
    void releaseGivesTheVodBackUnchargedAndUnavailableIsFinal(@TempDir Path dir) {
        ObjectStore store = new FileSystemObjectStore(dir);
        MutableClock clock = new MutableClock();
        VodQueue q = new VodQueue(store, clock, "w");
        q.enqueue(List.of(task(1), task(2)));
        for (int i = 0; i < 10; i++) { // an outage of any length charges nothing
            VodLease l = q.claim().orElseThrow();
            assertEquals("1001", l.task().vodId());
            assertEquals(1, l.attempt());
            assertTrue(q.release(l, "endpoint outage", "gql:PersistedQueryNotFound").isPresent());
        }
        VodEntry e = q.entries().get("1001");
        assertEquals(VodStatus.PENDING, e.status());
        assertEquals(0, e.attempts());
        assertEquals(Optional.of("gql:PersistedQueryNotFound"), e.errorClass());
        VodLease again = q.claim().orElseThrow();
        Instant released = q.release(again, "http 500 on this VOD", "http_500").orElseThrow();
        VodLease other = q.claim(Set.of("1001")).orElseThrow();
        assertEquals("1002", other.task().vodId(), "a skipped VOD is passed over");
        assertTrue(q.release(other, "x", "x").isPresent());
        assertTrue(q.chargeReleased("1001", released), "charged once another VOD proved the endpoint fine");
        assertFalse(q.chargeReleased("1001", released), "and only once");
        assertEquals(1, q.entries().get("1001").attempts());
        clock.advance(Duration.ofHours(2));
        assertTrue(q.markUnavailable(q.claim().orElseThrow(), "deleted", "video_unavailable"));
        assertEquals(VodStatus.UNAVAILABLE, q.entries().get("1001").status());
        assertEquals("1002", q.claim().orElseThrow().task().vodId(), "an unavailable VOD is never claimed again");
        assertEquals(Optional.empty(), q.claim());
        assertEquals(1, q.state().count(VodStatus.UNAVAILABLE));
        assertEquals(1L, q.state().errorClasses().get("video_unavailable"));
        assertEquals(Set.of("1002"), q.state().leaseHolders().get("w").keySet());
    }

    @Test
    void requeueFailedResetsAttemptsOfFailedVodsSinceADate(@TempDir Path dir) {
        ObjectStore store = new FileSystemObjectStore(dir);
        MutableClock clock = new MutableClock();
        VodQueue q = new VodQueue(store, clock, "w");
        q.enqueue(List.of(task(1), task(2)));
        for (String id : List.of("1001", "1002")) {
            for (int i = 0; i < VodQueue.MAX_ATTEMPTS; i++) {
                clock.advance(Duration.ofHours(2));
                VodLease l = q.claim().orElseThrow();
                assertEquals(id, l.task().vodId());
                q.fail(l, "boom", "http_500");
            }
            clock.advance(Duration.ofDays(1));
        }
        Instant between = q.entries().get("1001").updatedAt().plusSeconds(1);
        assertEquals(List.of("1002"), q.requeueFailed(Optional.of(between)));
        assertEquals(0, q.entries().get("1002").attempts());
        assertEquals(VodStatus.FAILED, q.entries().get("1001").status());
        assertEquals(List.of("1001"), q.requeueFailed(Optional.empty()));
        assertEquals(2, q.state().count(VodStatus.PENDING));
    }
}
