package io.vieweratlas.twitch.bench;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.LiveStream;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.SnapshotStore;
import io.vieweratlas.core.port.StreamDirectory;
import io.vieweratlas.twitch.collector.CollectionReport;
import io.vieweratlas.twitch.collector.CollectorListener;
import io.vieweratlas.twitch.collector.CollectorSettings;
import io.vieweratlas.twitch.collector.LiveCollector;
import io.vieweratlas.twitch.irc.ChatMembership;
import io.vieweratlas.twitch.irc.PresenceEvent;
import io.vieweratlas.twitch.presence.PresenceAccumulator;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Benchmark (not a test): what SIGTERM costs at {@code channels} channels. A {@link LiveCollector}
 * watches that many channels (chat membership and Helix faked in process), its window is filled
 * with {@code pairs} (channel, viewer) pairs (an hour of heavy chat), then {@link LiveCollector#stop()}
 * is called as the SIGTERM hook does and the time until {@code run()} returns is the flush: every
 * snapshot built and stored. The store sleeps {@code putLatencyMs} per put, like an object store's PUT.
 *
 * <p>Usage: {@code CollectorFlushBench <channels> <pairs> <putLatencyMs>}
 */
public final class CollectorFlushBench {

    private CollectorFlushBench() {
    }

    public static void main(String[] args) throws Exception {
        int channels = Integer.parseInt(args[0]);
        long pairs = Long.parseLong(args[1]);
        long latencyMs = Long.parseLong(args[2]);
        List<LiveStream> live = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            live.add(new LiveStream("id" + i, "ch" + i, "Chess", "en", "t", 100_000 / (i + 1),
                    Instant.parse("2026-11-24T10:00:00Z")));
        }
        StreamDirectory directory = new StreamDirectory() {
            @Override
            public List<LiveStream> topStreams(int limit) {
                return live.subList(0, Math.min(limit, live.size()));
            }

            @Override
            public List<LiveStream> liveStreams(Collection<String> logins) {
                return List.of();
            }
        };
        Set<String> watched = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ChatMembership chat = new ChatMembership() {
            @Override
            public void join(String channel) {
                watched.add(channel);
            }

            @Override
            public void part(String channel) {
                watched.remove(channel);
            }

            @Override
            public Set<String> channels() {
                return new TreeSet<>(watched);
            }
        };
        AtomicLong puts = new AtomicLong();
        SnapshotStore store = new SnapshotStore() {
            @Override
            public SnapshotWrite put(PresenceSnapshot snapshot) {
                if (latencyMs > 0) {
                    try {
                        Thread.sleep(latencyMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                puts.incrementAndGet();
                return new SnapshotWrite(snapshot.channel(), SnapshotWrite.Status.WRITTEN);
            }

            @Override
            public LoadReport forEachSnapshot(TimeRange range, Consumer<PresenceSnapshot> consumer) {
                return new LoadReport(0, List.of());
            }
        };
        PresenceAccumulator accumulator = new PresenceAccumulator(Instant.now());
        LiveCollector collector = new LiveCollector(CollectorSettings.builder().window(Duration.ofHours(1))
                .discoveryInterval(Duration.ofHours(1)).topChannelsLimit(channels).build(), directory, chat,
                accumulator, store, List::of, Clock.systemUTC(), CollectorListener.NONE);
        CollectionReport[] report = new CollectionReport[1];
        Thread runner = Thread.ofPlatform().start(() -> report[0] = collector.run());
        while (watched.size() < channels) {
            Thread.sleep(10);
        }
        for (long i = 0; i < pairs; i++) {
            accumulator.onPresence(new PresenceEvent("ch" + (i % channels), "viewer_" + i, Optional.empty(),
                    Evidence.MESSAGE, Instant.EPOCH));
        }
        System.gc();
        long heap = heapUsed();
        long t0 = System.nanoTime();
        collector.stop();
        runner.join();
        double flushS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "flush: %d channels, %d presences, put latency %d ms: %d snapshots stored in "
                        + "%.2f s (one by one would take >= %.1f s); heap with the full window after GC %.0f MB%n",
                channels, pairs, latencyMs, puts.get(), flushS, puts.get() * latencyMs / 1000.0, heap / 1e6);
        if (report[0].written() != channels) {
            throw new AssertionError("expected " + channels + " snapshots, stored " + report[0].written());
        }
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }
}
