package io.vieweratlas.runners.vod;

import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.vod.VodEntry;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.lake.vod.VodStatus;
import io.vieweratlas.lake.vod.VodTask;
import io.vieweratlas.runners.config.VodConfig;
import io.vieweratlas.twitch.auth.TwitchCredentials;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.helix.HelixSettings;
import io.vieweratlas.twitch.vod.ChatComment;
import io.vieweratlas.twitch.vod.ChatReplayException;
import io.vieweratlas.twitch.vod.ChatReplaySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SIGTERM hook: a worker stuck in a long wait is interrupted, gives its lease back, and the hook sees it finish. */
class VodShutdownHookTest {

    @Test
    void aWorkerBlockedInABackoffWaitIsInterruptedAndReleasesItsLease(@TempDir Path dir) throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        VodQueue queue = new VodQueue(store, Clock.systemUTC(), "w");
        queue.enqueue(List.of(new VodTask("801", "alice", "42", Instant.parse("2026-11-24T10:00:00Z"))));
        CountDownLatch waiting = new CountDownLatch(1);
        // Like the real client: a page arrives, then a long backoff wait that ends in an exception when interrupted.
        ChatReplaySource replays = (vodId, sink) -> {
            sink.page(List.of(new ChatComment("c1", 1, "1", "bob", "bob", "hi")));
            waiting.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChatReplayException("chat replay of VOD " + vodId + " interrupted",
                        ChatReplayException.Kind.TRANSIENT, "interrupted", 0, e);
            }
            throw new AssertionError("the wait should have been interrupted");
        };
        VodConfig config = new VodConfig(true, 60, false, 1, 24, 14, 0, 10, 100, 0);
        try (HelixClient helix = HelixClient.create(HelixSettings.builder().helixUrl("http://127.0.0.1:9/helix")
                .authUrl("http://127.0.0.1:9/oauth2").build(), TwitchCredentials.userToken("cid", "oauth:t"))) {
            VodCollectionService runner = new VodCollectionService(helix, replays, queue, new VodDailyState(store), new VodIngest(store, 60),
                    Clock.systemUTC());
            CompletableFuture<VodShutdownHook> hook = new CompletableFuture<>();
            CompletableFuture<VodCollectionService.Report> run = CompletableFuture.supplyAsync(() -> {
                VodShutdownHook h = VodShutdownHook.unregistered(runner, Thread.currentThread(), Duration.ofSeconds(4));
                hook.complete(h);
                try (h) {
                    return runner.run(new VodCollectionService.Request(config, List.of()));
                }
            });
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            assertTrue(hook.get().onShutdown(), "the run finished within the grace");
            assertTrue((System.nanoTime() - t0) / 1e9 < 4, "well before the 60 s wait");
            VodCollectionService.Report r = run.get(10, TimeUnit.SECONDS);
            assertEquals("shutdown", r.stopReason());
            assertEquals(0, r.failed());
        }
        VodEntry e = queue.entries().get("801");
        assertEquals(VodStatus.PENDING, e.status());
        assertEquals(0, e.attempts(), "a shutdown charges nothing");
    }
}
