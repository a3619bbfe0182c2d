package io.vieweratlas.twitch.collector;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.LiveStream;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.port.StreamDirectory;
import io.vieweratlas.twitch.TwitchApiException;
import io.vieweratlas.twitch.TwitchAuthException;
import io.vieweratlas.twitch.irc.ChatMembership;
import io.vieweratlas.twitch.irc.PresenceEvent;
import io.vieweratlas.twitch.presence.PresenceAccumulator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collector's failure paths, with in-process fakes for Helix and chat. */
class LiveCollectorTest {

    private static LiveStream stream(String login) {
        return new LiveStream("id-" + login, login, "Chess", "en", "t", 7, Instant.parse("2026-11-24T10:00:00Z"));
    }

    /** Chat that records membership and feeds one message per join into the accumulator. */
    private static final class FakeChat implements ChatMembership {
        private final Set<String> channels = new TreeSet<>();
        private final PresenceAccumulator accumulator;
        private volatile String fatal;

        FakeChat(PresenceAccumulator accumulator) {
            this.accumulator = accumulator;
        }

        @Override
        public synchronized void join(String channel) {
            channels.add(channel);
            accumulator.onPresence(new PresenceEvent(channel, "fan_of_" + channel, Optional.empty(), Evidence.MESSAGE,
                    Instant.now()));
        }

        @Override
        public synchronized void part(String channel) {
            channels.remove(channel);
        }

        @Override
        public synchronized Set<String> channels() {
            return Set.copyOf(channels);
        }

        @Override
        public void checkHealthy() {
            if (fatal != null) {
                throw new TwitchAuthException(fatal, 0);
            }
        }
    }

    @Test
    void refusedCredentialsStopTheRunAfterFlushingThePartialWindow() {
        AtomicInteger calls = new AtomicInteger();
        StreamDirectory directory = new StreamDirectory() {
            @Override
            public List<LiveStream> topStreams(int limit) {
                if (calls.incrementAndGet() > 1) {
                    throw new TwitchAuthException("Helix GET /streams refused the credentials (401)", 401);
                }
                return List.of(stream("alpha"));
            }

            @Override
            public List<LiveStream> liveStreams(Collection<String> logins) {
                return List.of();
            }
        };
        PresenceAccumulator acc = new PresenceAccumulator(Instant.now());
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        LiveCollector collector = new LiveCollector(CollectorSettings.builder().window(Duration.ofMinutes(5))
                .discoveryInterval(Duration.ofMillis(50)).build(), directory, new FakeChat(acc), acc, store, List::of,
                Clock.systemUTC(), CollectorListener.NONE);
        TwitchAuthException e = assertThrows(TwitchAuthException.class, collector::run);
        assertTrue(e.getMessage().contains("401"));
        List<PresenceSnapshot> stored = store.all();
        assertEquals(1, stored.size());
        assertEquals(Set.of("fan_of_alpha"), stored.get(0).chatters());
        assertEquals(7, stored.get(0).stream().viewerCount(), "metadata of the last discovery");
    }

    @Test
    void transientDiscoveryFailuresKeepCollecting() {
        AtomicInteger calls = new AtomicInteger();
        StreamDirectory directory = new StreamDirectory() {
            @Override
            public List<LiveStream> topStreams(int limit) {
                int n = calls.incrementAndGet();
                if (n == 2) {
                    throw new TwitchApiException("Helix GET /streams failed after 5 attempts: server error 503", 503, null);
                }
                return n == 1 ? List.of(stream("alpha")) : List.of(stream("alpha"), stream("beta"));
            }

            @Override
            public List<LiveStream> liveStreams(Collection<String> logins) {
                throw new TwitchApiException("Helix down", 503, null);
            }
        };
        PresenceAccumulator acc = new PresenceAccumulator(Instant.now());
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        FakeChat chat = new FakeChat(acc);
        LiveCollector collector = new LiveCollector(CollectorSettings.builder().window(Duration.ofMillis(400))
                .discoveryInterval(Duration.ofMillis(50)).maxCycles(1).build(), directory, chat, acc, store, List::of,
                Clock.systemUTC(), CollectorListener.NONE);
        CollectionReport report = collector.run();
        assertEquals(CollectionReport.StopReason.MAX_CYCLES, report.stopReason());
        assertTrue(calls.get() >= 3);
        assertEquals(Set.of("alpha", "beta"), chat.channels());
        assertEquals(2, report.written(), "metadata failure at window end falls back to the last discovery");
    }

    @Test
    void aRefusedChatLoginStopsTheRun() {
        StreamDirectory directory = new StreamDirectory() {
            @Override
            public List<LiveStream> topStreams(int limit) {
                return List.of(stream("alpha"));
            }

            @Override
            public List<LiveStream> liveStreams(Collection<String> logins) {
                return List.of(stream("alpha"));
            }
        };
        PresenceAccumulator acc = new PresenceAccumulator(Instant.now());
        FakeChat chat = new FakeChat(acc);
        chat.fatal = "Twitch chat refused the login";
        LiveCollector collector = new LiveCollector(CollectorSettings.builder().build(), directory, chat, acc,
                new InMemorySnapshotStore(), List::of, Clock.systemUTC(), CollectorListener.NONE);
        assertThrows(TwitchAuthException.class, collector::run);
    }

    @Test
    void anAlignedRunWritesTheLeadInWithoutCountingIt() {
        StreamDirectory directory = new StreamDirectory() {
            @Override
            public List<LiveStream> topStreams(int limit) {
                return List.of(stream("alpha"));
            }

            @Override
            public List<LiveStream> liveStreams(Collection<String> logins) {
                return List.of(stream("alpha"));
            }
        };
        PresenceAccumulator acc = new PresenceAccumulator(Instant.now());
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        List<WindowReport> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        Duration window = Duration.ofMillis(300);
        LiveCollector collector = new LiveCollector(CollectorSettings.builder().window(window).alignToHour(true)
                .discoveryInterval(Duration.ofMinutes(1)).maxCycles(1).build(), directory, new FakeChat(acc), acc,
                store, List::of, Clock.systemUTC(), reports::add);
        CollectionReport report = collector.run();
        assertEquals(1, report.cycles());
        assertEquals(2, reports.size());
        WindowReport leadIn = reports.get(0);
        assertEquals(0, leadIn.cycle());
        assertTrue(leadIn.partial());
        assertEquals(0, leadIn.end().toEpochMilli() % window.toMillis(), "the lead-in ends on a boundary");
        WindowReport full = reports.get(1);
        assertEquals(1, full.cycle());
        assertEquals(window, Duration.between(full.start(), full.end()));
        assertEquals(1, leadIn.written(), "what the lead-in saw is stored");
    }

    @Test
    void settingsNameTheConfigKeyOfABadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CollectorSettings.builder().maxCycles(0).build());
        assertTrue(e.getMessage().contains("collection.max_collection_cycles"), e.getMessage());
    }

    @Test
    void aWindowTheStoreRefusesIsSpilledAndWrittenAtTheNextWindow() {
        StreamDirectory directory = new StreamDirectory() {
            @Override
            public List<LiveStream> topStreams(int limit) {
                return List.of(stream("alpha"));
            }

            @Override
            public List<LiveStream> liveStreams(Collection<String> logins) {
                return List.of(stream("alpha"));
            }
        };
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        InMemorySnapshotStore working = new InMemorySnapshotStore();
        io.vieweratlas.core.port.SnapshotStore store = new io.vieweratlas.core.port.SnapshotStore() {
            @Override
            public SnapshotWrite put(PresenceSnapshot snapshot) {
                if (down.get()) {
                    throw new IllegalStateException("bucket unreachable");
                }
                return working.put(snapshot);
            }

            @Override
            public io.vieweratlas.core.model.LoadReport forEachSnapshot(io.vieweratlas.core.model.TimeRange range,
                    java.util.function.Consumer<PresenceSnapshot> consumer) {
                return working.forEachSnapshot(range, consumer);
            }
        };
        PresenceAccumulator acc = new PresenceAccumulator(Instant.now());
        List<WindowReport> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        SnapshotSpill spill = SnapshotSpill.inMemory();
        LiveCollector collector = new LiveCollector(CollectorSettings.builder().window(Duration.ofMillis(800))
                .discoveryInterval(Duration.ofMinutes(5)).maxCycles(2).build(), directory, new FakeChat(acc), acc,
                store, List::of, Clock.systemUTC(), report -> {
                    reports.add(report);
                    down.set(false); // the store comes back after the first window
                    acc.onPresence(new PresenceEvent("alpha", "late_fan", Optional.empty(), Evidence.MESSAGE,
                            Instant.now()));
                }, spill);
        CollectionReport report = collector.run();

        assertEquals(2, reports.size());
        assertEquals(1, reports.get(0).spilled(), "the refused snapshot was held, not lost");
        assertEquals(List.of("alpha"), reports.get(0).failedChannels());
        assertEquals(1, reports.get(1).recovered(), "and written with the next window");
        assertEquals(0, spill.size());
        assertEquals(0, report.spilled());
        List<PresenceSnapshot> stored = working.all();
        assertEquals(2, stored.size());
        assertEquals(Set.of("fan_of_alpha"), stored.get(0).chatters());
        assertEquals(Set.of("late_fan"), stored.get(1).chatters());
    }
}
