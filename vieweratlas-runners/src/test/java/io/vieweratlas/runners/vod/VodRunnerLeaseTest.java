package io.vieweratlas.runners.vod;

import io.vieweratlas.core.config.VodConfig;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.lake.vod.VodStatus;
import io.vieweratlas.lake.vod.VodTask;
import io.vieweratlas.twitch.auth.TwitchCredentials;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.helix.HelixSettings;
import io.vieweratlas.twitch.vod.ChatComment;
import io.vieweratlas.twitch.vod.ReplaySummary;
import io.vieweratlas.twitch.vod.ChatReplaySource;
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
class VodRunnerLeaseTest {
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
            VodRunner runner = new VodRunner(helix, slow, mine, new VodDailyState(store), new VodIngest(store, 60), clock);
            VodRunner.Report report = runner.run(CONFIG, List.of());
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
            VodRunner runner = new VodRunner(helix, stalled, mine, new VodDailyState(store), new VodIngest(store, 60),
                    clock);
            VodRunner.Report report = runner.run(CONFIG, List.of());
            assertEquals(0, report.completed());
            assertEquals(0, report.failed(), "a lost lease is no failure of the VOD");
            assertEquals(1, report.leaseLost());
        }
        var entry = mine.entries().get("56");
        assertEquals(VodStatus.PROCESSING, entry.status());
        assertEquals(Optional.of("other"), entry.owner());
        assertEquals(2, entry.attempts());
    }
}
