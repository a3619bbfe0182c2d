package io.vieweratlas.runners.vod;

import io.vieweratlas.core.port.ForwardingObjectStore;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.lake.vod.VodStatus;
import io.vieweratlas.lake.vod.VodTask;
import io.vieweratlas.runners.config.VodConfig;
import io.vieweratlas.twitch.auth.TwitchCredentials;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.helix.HelixSettings;
import io.vieweratlas.twitch.vod.ChatComment;
import io.vieweratlas.twitch.vod.ChatReplaySource;
import io.vieweratlas.twitch.vod.ReplaySummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The queue loop keeps its lease through a fetch longer than a lease, and stops when it loses it. */
class VodCollectionLeaseTest {
    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    static final class MutableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(T0);

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

    private static final VodConfig CONFIG = new VodConfig(true, 60, false, 1, 24, 14, 0, 10, 100, 0);

    private static HelixClient unusedHelix() {
        // discovery is off in these tests: Helix is never called
        return HelixClient.create(HelixSettings.builder().helixUrl("http://127.0.0.1:9/helix")
                .authUrl("http://127.0.0.1:9/oauth2").build(), TwitchCredentials.userToken("cid", "oauth:t"));
    }

    @Test
    void aFetchLongerThanALeaseKeepsItAndCompletes(@TempDir Path dir) {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        MutableClock clock = new MutableClock();
        VodQueue mine = new VodQueue(store, clock, "me");
        VodQueue other = new VodQueue(store, clock, "other");
        mine.enqueue(List.of(new VodTask("55", "alice", "42", T0.minusSeconds(7200))));
        List<Optional<?>> otherClaims = new ArrayList<>();
        ChatReplaySource slow = (vodId, sink) -> {
            for (int page = 0; page < 12; page++) { // 12 pages x 4 min = 48 min
                clock.now.updateAndGet(t -> t.plus(Duration.ofMinutes(4)));
                sink.page(page == 0 ? List.of(new ChatComment("c", 5, "1", "bob", "bob", "hi")) : List.of());
                otherClaims.add(other.claim());
            }
            return new ReplaySummary(vodId, 1, 0, 0, 12, 0);
        };
        try (HelixClient helix = unusedHelix()) {
            VodCollectionService runner = new VodCollectionService(helix, slow, mine, new VodDailyState(store), new VodIngest(store, 60), clock);
            VodCollectionService.Report report = runner.run(new VodCollectionService.Request(CONFIG, List.of()));
            assertEquals(1, report.completed());
            assertEquals(0, report.failed());
        }
        assertEquals(List.of(), otherClaims.stream().filter(Optional::isPresent).toList(),
                "the other worker never got the VOD");
        assertEquals(VodStatus.COMPLETED, mine.entries().get("55").status());
    }

    @Test
    void aLostLeaseStopsTheWorkWithoutTouchingTheNewHoldersState(@TempDir Path dir) {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        MutableClock clock = new MutableClock();
        VodQueue mine = new VodQueue(store, clock, "me");
        VodQueue other = new VodQueue(store, clock, "other");
        mine.enqueue(List.of(new VodTask("56", "alice", "42", T0.minusSeconds(7200))));
        ChatReplaySource stalled = (vodId, sink) -> {
            clock.now.updateAndGet(t -> t.plus(Duration.ofMinutes(20))); // stalled past the lease
            other.claim().orElseThrow();
            sink.page(List.of());
            throw new AssertionError("afterPage should have stopped the fetch");
        };
        try (HelixClient helix = unusedHelix()) {
            VodCollectionService runner = new VodCollectionService(helix, stalled, mine, new VodDailyState(store), new VodIngest(store, 60),
                    clock);
            VodCollectionService.Report report = runner.run(new VodCollectionService.Request(CONFIG, List.of()));
            assertEquals(0, report.completed());
            assertEquals(0, report.failed(), "a lost lease is no failure of the VOD");
            assertEquals(1, report.leaseLost());
        }
        var entry = mine.entries().get("56");
        assertEquals(VodStatus.PROCESSING, entry.status());
        assertEquals(Optional.of("other"), entry.owner());
        assertEquals(2, entry.attempts());
    }

    /** A store that runs {@code onPut} once when a key with the given prefix is written. */
    private static final class HookStore extends ForwardingObjectStore {
        private final String prefix;
        private Runnable onPut;

        HookStore(ObjectStore delegate, String prefix, Runnable onPut) {
            super(delegate);
            this.prefix = prefix;
            this.onPut = onPut;
        }

        @Override
        public ObjectVersion put(String key, byte[] content) {
            ObjectVersion v = super.put(key, content);
            if (key.startsWith(prefix) && onPut != null) {
                Runnable r = onPut;
                onPut = null;
                r.run();
            }
            return v;
        }
    }

    @Test
    void aLeaseLostBetweenWritingAndCompletingIsReportedNotCountedAsWritten(@TempDir Path dir) {
        MutableClock clock = new MutableClock();
        FileSystemObjectStore disk = new FileSystemObjectStore(dir);
        VodQueue other = new VodQueue(disk, clock, "other");
        HookStore store = new HookStore(disk, "curated/", () -> {
            clock.now.updateAndGet(t -> t.plus(Duration.ofMinutes(20))); // a long GC pause while writing
            other.claim().orElseThrow();
        });
        VodQueue mine = new VodQueue(store, clock, "me");
        mine.enqueue(List.of(new VodTask("57", "alice", "42", T0.minusSeconds(7200))));
        ChatReplaySource one = (vodId, sink) -> {
            sink.page(List.of(new ChatComment("c", 5, "1", "bob", "bob", "hi")));
            return new ReplaySummary(vodId, 1, 0, 0, 1, 0);
        };
        try (HelixClient helix = unusedHelix()) {
            VodCollectionService.Report report = new VodCollectionService(helix, one, mine, new VodDailyState(store),
                    new VodIngest(store, 60), clock).run(new VodCollectionService.Request(CONFIG, List.of()));
            assertEquals(0, report.completed(), "complete() refused: not counted as written");
            assertEquals(1, report.leaseLost());
        }
        assertEquals(Optional.of("other"), mine.entries().get("57").owner(), "the new holder's state untouched");
    }
}
