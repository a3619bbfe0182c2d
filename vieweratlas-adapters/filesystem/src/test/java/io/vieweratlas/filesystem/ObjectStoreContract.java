package io.vieweratlas.filesystem;

import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.core.port.WriteOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link ObjectStore} must show, whatever it stores on. An implementation's
 * test extends this class and supplies a fresh, empty store; S3 and in-memory stores reuse it.
 */
public abstract class ObjectStoreContract {

    /** A new, empty store. Called once before every test. */
    protected abstract ObjectStore newStore() throws Exception;

    /** Threads used by the race tests; stores with slow round trips may lower it. */
    protected int raceThreads() {
        return 8;
    }

    protected ObjectStore store;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static String text(StoredObject object) {
        return new String(object.content(), StandardCharsets.UTF_8);
    }

    @Test
    void missingObjectIsAbsent() {
        assertTrue(store.get("no/such/key").isEmpty());
        assertTrue(store.stat("no/such/key").isEmpty());
        assertFalse(store.delete("no/such/key"));
        try (Stream<ObjectInfo> listing = store.list("no/such/")) {
            assertEquals(0, listing.count());
        }
    }

    @Test
    void putThenGetReturnsTheBytesAndTheirVersion() {
        ObjectVersion version = store.put("a/b/c.json", bytes("{\"x\":1}"));
        StoredObject read = store.get("a/b/c.json").orElseThrow();
        assertEquals("a/b/c.json", read.key());
        assertEquals("{\"x\":1}", text(read));
        assertEquals(version, read.version());
        ObjectInfo info = store.stat("a/b/c.json").orElseThrow();
        assertEquals(7, info.size());
        assertEquals(version, info.version());
    }

    @Test
    void emptyContentIsAnObject() {
        store.put("empty", new byte[0]);
        assertArrayEquals(new byte[0], store.get("empty").orElseThrow().content());
        assertEquals(0, store.stat("empty").orElseThrow().size());
    }

    @Test
    void putReplacesAndVersionsFollowContent() {
        ObjectVersion first = store.put("k", bytes("one"));
        ObjectVersion second = store.put("k", bytes("two"));
        assertNotEquals(first, second);
        assertEquals("two", text(store.get("k").orElseThrow()));
        ObjectVersion back = store.put("k", bytes("one"));
        assertEquals("one", text(store.get("k").orElseThrow()));
        assertEquals(back, store.stat("k").orElseThrow().version());
    }

    @Test
    void aLocalPathHoldsExactlyTheObjectsBytes() throws IOException {
        store.put("a/b/c.json", bytes("{\"x\":1}"));
        Optional<Path> file = store.localPath("a/b/c.json");
        if (file.isPresent()) {
            assertArrayEquals(bytes("{\"x\":1}"), Files.readAllBytes(file.get()));
            store.put("a/b/c.json", bytes("two"));
            assertArrayEquals(bytes("two"), Files.readAllBytes(file.get()));
            assertTrue(store.delete("a/b/c.json"));
            assertFalse(Files.exists(file.get()));
        }
        assertThrows(IllegalArgumentException.class, () -> store.localPath("../escape"));
    }

    @Test
    void readsHandOutFreshArrays() {
        store.put("k", bytes("abc"));
        byte[] first = store.get("k").orElseThrow().content();
        first[0] = 'z';
        assertEquals("abc", text(store.get("k").orElseThrow()));
    }

    @Test
    void putIfAbsentWritesOnlyOnce() {
        WriteOutcome first = store.putIfAbsent("state/x.json", bytes("first"));
        WriteOutcome second = store.putIfAbsent("state/x.json", bytes("second"));
        WriteOutcome.Written written = assertInstanceOf(WriteOutcome.Written.class, first);
        WriteOutcome.Conflict conflict = assertInstanceOf(WriteOutcome.Conflict.class, second);
        assertEquals(Optional.of(written.version()), conflict.current());
        assertEquals("first", text(store.get("state/x.json").orElseThrow()));
    }

    @Test
    void compareAndSetChecksTheVersion() {
        ObjectVersion v1 = store.put("s", bytes("1"));
        WriteOutcome ok = store.compareAndSet("s", bytes("2"), v1);
        ObjectVersion v2 = assertInstanceOf(WriteOutcome.Written.class, ok).version();
        assertEquals("2", text(store.get("s").orElseThrow()));

        WriteOutcome stale = store.compareAndSet("s", bytes("3"), v1);
        assertEquals(new WriteOutcome.Conflict(Optional.of(v2)), stale);
        assertEquals("2", text(store.get("s").orElseThrow()));
    }

    @Test
    void compareAndSetOnMissingObjectConflictsWithNoVersion() {
        WriteOutcome outcome = store.compareAndSet("gone", bytes("x"), new ObjectVersion("abc"));
        assertEquals(new WriteOutcome.Conflict(Optional.empty()), outcome);
        assertTrue(store.get("gone").isEmpty());
    }

    @Test
    void deleteRemovesTheObject() {
        store.put("d/e", bytes("x"));
        assertTrue(store.delete("d/e"));
        assertTrue(store.get("d/e").isEmpty());
        assertFalse(store.delete("d/e"));
        assertTrue(store.putIfAbsent("d/e", bytes("y")).written());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "a/../../b", "/etc/passwd", "a//b", "./a", "a/./b", "a\\b", "a/", "C:/x"})
    void invalidKeysAreRejected(String key) {
        assertThrows(IllegalArgumentException.class, () -> store.get(key));
        assertThrows(IllegalArgumentException.class, () -> store.put(key, bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> store.putIfAbsent(key, bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> store.delete(key));
    }

    @Test
    void listIsInAscendingKeyOrderAndHonoursPrefixesEndingMidSegment() {
        List<String> keys = List.of(
                "raw/snapshots/2024/01/1/x.json",
                "raw/snapshots/2024/01/10/a_20240110_000000.json",
                "raw/snapshots/2024/01/11/b_20240111_000000.json",
                "raw/snapshots/2024/01/2/c.json",
                "raw/snapshots/2024/01-x",
                "raw/snapshotsX/y",
                "raw/a-b",
                "raw/a/b",
                "z");
        for (String key : keys) {
            store.put(key, bytes(key));
        }
        assertEquals(keys.stream().sorted().toList(), listKeys(""));
        assertEquals(List.of(
                "raw/snapshots/2024/01/1/x.json",
                "raw/snapshots/2024/01/10/a_20240110_000000.json",
                "raw/snapshots/2024/01/11/b_20240111_000000.json"), listKeys("raw/snapshots/2024/01/1"));
        assertEquals(List.of("raw/snapshots/2024/01/1/x.json"), listKeys("raw/snapshots/2024/01/1/"));
        assertEquals(List.of("raw/a-b", "raw/a/b"), listKeys("raw/a"));
        assertFalse(listKeys("raw/snapshots/").contains("raw/snapshotsX/y"));
        assertEquals(List.of("raw/snapshotsX/y"), listKeys("raw/snapshotsX"));
        assertEquals(List.of(), listKeys("raw/nothing"));
    }

    @Test
    void listReportsSizesAndVersionsMatchingReads() {
        store.put("p/one", bytes("1"));
        store.put("p/two", bytes("22"));
        try (Stream<ObjectInfo> listing = store.list("p/")) {
            for (ObjectInfo info : listing.toList()) {
                StoredObject object = store.get(info.key()).orElseThrow();
                assertEquals(object.content().length, info.size());
                assertEquals(object.version(), info.version());
            }
        }
    }

    @Test
    void racingPutIfAbsentHasExactlyOneWinner() throws Exception {
        int threads = raceThreads();
        List<WriteOutcome> outcomes = race(threads, i -> store.putIfAbsent("race/once", bytes("writer-" + i)));
        long winners = outcomes.stream().filter(WriteOutcome::written).count();
        assertEquals(1, winners, "outcomes: " + outcomes);
        String stored = text(store.get("race/once").orElseThrow());
        int winner = -1;
        for (int i = 0; i < threads; i++) {
            if (outcomes.get(i).written()) {
                winner = i;
            }
        }
        assertEquals("writer-" + winner, stored);
    }

    @Test
    void racingCompareAndSetLosesNoIncrement() throws Exception {
        int threads = raceThreads();
        int perThread = 25;
        store.put("race/counter", bytes("0"));
        race(threads, i -> {
            for (int n = 0; n < perThread; n++) {
                Counter.increment(store, "race/counter");
            }
            return null;
        });
        assertEquals(threads * perThread, Counter.read(store, "race/counter"));
    }

    @Test
    void readersNeverSeePartialContent() throws Exception {
        int size = 256 * 1024;
        byte[] as = new byte[size];
        byte[] bs = new byte[size];
        Arrays.fill(as, (byte) 'a');
        Arrays.fill(bs, (byte) 'b');
        store.put("atomic/blob", as);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Callable<Void> reader = () -> {
                while (writing.get() || reads.get() < 50) {
                    byte[] seen = store.get("atomic/blob").orElseThrow().content();
                    assertEquals(size, seen.length, "partial object seen");
                    byte first = seen[0];
                    for (byte b : seen) {
                        if (b != first) {
                            throw new AssertionError("mixed content seen");
                        }
                    }
                    reads.incrementAndGet();
                }
                return null;
            };
            Future<Void> r1 = pool.submit(reader);
            Future<Void> r2 = pool.submit(reader);
            Future<Void> writer = pool.submit(() -> {
                try {
                    for (int i = 0; i < 60; i++) {
                        store.put("atomic/blob", i % 2 == 0 ? bs : as);
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            writer.get(60, TimeUnit.SECONDS);
            r1.get(60, TimeUnit.SECONDS);
            r2.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(reads.get() >= 50);
    }

    /** The keys of {@code list(prefix)}, checked to equal what {@code listKeys(prefix)} returns. */
    protected List<String> listKeys(String prefix) {
        List<String> listed;
        try (Stream<ObjectInfo> listing = store.list(prefix)) {
            listed = listing.map(ObjectInfo::key).collect(Collectors.toList());
        }
        try (Stream<String> keys = store.listKeys(prefix)) {
            assertEquals(listed, keys.toList(), "listKeys(\"" + prefix + "\") disagrees with list");
        }
        return listed;
    }

    /** A task run by one racer. */
    @FunctionalInterface
    protected interface Racer<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code threads} racers released at the same moment and returns their results in index order. */
    protected static <T> List<T> race(int threads, Racer<T> racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return racer.run(index);
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
