package io.vieweratlas.twitch.presence;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.LiveStream;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.StreamMetadata;
import io.vieweratlas.twitch.irc.PresenceEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresenceAccumulatorTest {
    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    private static PresenceEvent event(String channel, String login, Evidence evidence) {
        return new PresenceEvent(channel, login, Optional.empty(), evidence, T0);
    }

    @Test
    void aWindowBecomesOneIrcSnapshotPerChannelWithEvidenceAndMetadata() {
        PresenceAccumulator acc = new PresenceAccumulator(T0);
        acc.onPresence(event("alpha", "ann", Evidence.NAMES));
        acc.onPresence(event("alpha", "ann", Evidence.MESSAGE));
        acc.onPresence(event("alpha", "ben", Evidence.JOIN));
        acc.onPresence(event("gone", "cat", Evidence.MESSAGE));
        PresenceWindow window = acc.flush(T0.plus(Duration.ofHours(1)));
        assertEquals(3, window.presenceCount());

        LiveStream alpha = new LiveStream("42", "alpha", "Chess", "en", "Title", 1234, T0.minusSeconds(600));
        List<PresenceSnapshot> snaps = window.toSnapshots(Map.of("alpha", alpha));
        assertEquals(2, snaps.size());
        PresenceSnapshot a = snaps.get(0);
        assertEquals("alpha", a.channel());
        assertEquals(T0.plus(Duration.ofHours(1)), a.timestamp());
        assertEquals(Duration.ofHours(1), a.window());
        assertEquals(PresenceSourceKind.IRC, a.source());
        assertEquals(Optional.of("42"), a.channelId());
        assertEquals(new StreamMetadata(1234, "Chess", "en", "Title", Optional.of(T0.minusSeconds(600))), a.stream());
        assertEquals(Set.of("ann", "ben"), a.chatters());
        assertEquals(EnumSet.of(Evidence.MESSAGE, Evidence.NAMES), a.evidence().get("ann"));
        assertEquals(Set.of("ann"), a.chatters(PresencePolicy.STRICT));
        PresenceSnapshot gone = snaps.get(1);
        assertEquals(StreamMetadata.UNKNOWN, gone.stream(), "a channel that ended has no metadata at window end");
        assertEquals(Optional.empty(), gone.channelId());
    }

    @Test
    void aClosedWindowDrainsChannelByChannelOnce() {
        PresenceAccumulator acc = new PresenceAccumulator(T0);
        acc.onPresence(event("beta", "bo", Evidence.JOIN));
        acc.onPresence(event("alpha", "al", Evidence.MESSAGE));
        acc.onPresence(event("alpha", "am", Evidence.NAMES));
        ClosedWindow window = acc.close(T0.plusSeconds(10));
        assertEquals(Set.of("alpha", "beta"), window.channels());
        assertEquals(3, window.presenceCount());
        List<PresenceSnapshot> drained = new ArrayList<>();
        window.drainSnapshots(Map.of(), drained::add);
        assertEquals(List.of("alpha", "beta"), drained.stream().map(PresenceSnapshot::channel).toList());
        assertEquals(Set.of("al", "am"), drained.get(0).chatters());
        assertEquals(Duration.ofSeconds(10), drained.get(1).window());
        assertThrows(IllegalStateException.class, () -> window.drainSnapshots(Map.of(), s -> { }));
    }

    @Test
    void flushStartsAFreshWindowAtTheBoundary() {
        PresenceAccumulator acc = new PresenceAccumulator(T0);
        acc.onPresence(event("alpha", "ann", Evidence.MESSAGE));
        Instant t1 = T0.plusSeconds(60);
        acc.flush(t1);
        assertEquals(t1, acc.windowStart());
        acc.onPresence(event("alpha", "ben", Evidence.MESSAGE));
        PresenceWindow second = acc.flush(t1.plusSeconds(30));
        assertEquals(Duration.ofSeconds(30), second.length());
        assertEquals(Set.of("ben"), second.channels().get("alpha").keySet());
        assertTrue(acc.flush(t1.plusSeconds(40)).channels().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> acc.flush(T0));
    }

    @Test
    void concurrentRecordingLosesNothingAcrossFlushes() throws Exception {
        PresenceAccumulator acc = new PresenceAccumulator(T0);
        int threads = 8;
        int perThread = 10_000;
        CountDownLatch startGate = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    startGate.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    acc.onPresence(event("ch" + (i % 50), "u" + id + "_" + i, Evidence.MESSAGE));
                }
            }));
        }
        AtomicBoolean done = new AtomicBoolean();
        List<PresenceWindow> windows = new ArrayList<>();
        startGate.countDown();
        Thread watcher = Thread.ofPlatform().start(() -> {
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
            done.set(true);
        });
        Instant t = T0;
        while (!done.get()) {
            t = t.plusMillis(1);
            windows.add(acc.flush(t));
        }
        watcher.join();
        windows.add(acc.flush(t.plusMillis(1)));

        Set<String> seen = new HashSet<>();
        long total = 0;
        for (PresenceWindow w : windows) {
            for (var viewers : w.channels().values()) {
                seen.addAll(viewers.keySet());
                total += viewers.size();
            }
        }
        assertEquals(threads * perThread, seen.size());
        assertEquals(threads * perThread, total, "each event lands in exactly one window");
        assertTrue(windows.size() > 1);
        assertEquals(threads * perThread, acc.eventsTotal());
    }
}
