package io.vieweratlas.runners.vod;

import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.lake.vod.VodStatus;
import io.vieweratlas.lake.vod.VodTask;
import io.vieweratlas.parquet.VodPresenceStore;
import io.vieweratlas.runners.config.VodConfig;
import io.vieweratlas.twitch.auth.TwitchCredentials;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.helix.HelixSettings;
import io.vieweratlas.twitch.vod.GqlChatReplayClient;
import io.vieweratlas.twitch.vod.GqlSettings;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Benchmark main (not a test): one {@code vod} queue run over a long VOD, end to end through the
 * real GraphQL client against a loopback replay endpoint that generates pages on the fly (by
 * cursor, {@code pageSize} comments each, authors skewed: a few talk a lot), into a file-system
 * lake: raw chat in parts, buckets built incrementally, Parquet written. Prints wall time,
 * requests, raw and Parquet sizes and the peak heap; run it with {@code -Xmx256m} to check the
 * memory bound.
 *
 * <p>Run: {@code java -Xmx256m -cp <test class path> io.vieweratlas.runners.vod.VodStreamBench
 * [comments=1000000] [hours=10] [chatters=50000] [pageSize=500]}
 */
public final class VodStreamBench {
    private VodStreamBench() {
    }

    public static void main(String[] args) throws Exception {
        int comments = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int chatters = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        int pageSize = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        double spacing = hours * 3600.0 / comments;
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody().readUtf8();
                int from = 0;
                int c = body.indexOf("\"cursor\":\"p");
                if (c >= 0) {
                    from = Integer.parseInt(body.substring(c + 11, body.indexOf('"', c + 11)));
                }
                int to = Math.min(comments, from + pageSize);
                SplittableRandom random = new SplittableRandom(from);
                StringBuilder sb = new StringBuilder(pageSize * 220);
                sb.append("[{\"data\":{\"video\":{\"id\":\"900000001\",\"comments\":{\"edges\":[");
                for (int i = from; i < to; i++) {
                    double u = random.nextDouble();
                    int who = (int) (u * u * chatters);
                    if (i > from) {
                        sb.append(',');
                    }
                    sb.append("{\"cursor\":\"p").append(i + 1).append("\",\"node\":{\"id\":\"")
                            .append(String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", i, (long) i * 7919))
                            .append("\",\"commenter\":{\"id\":\"").append(who).append("\",\"login\":\"user")
                            .append(who).append("\",\"displayName\":\"User").append(who)
                            .append("\"},\"contentOffsetSeconds\":").append((long) (i * spacing))
                            .append(",\"message\":{\"fragments\":[{\"text\":\"message number ").append(i)
                            .append(" with a few words\"}]}}}");
                }
                sb.append("],\"pageInfo\":{\"hasNextPage\":").append(to < comments).append("}}}}}]");
                return new MockResponse().setHeader("Content-Type", "application/json").setBody(sb.toString());
            }
        });
        server.start();
        Path dir = Files.createTempDirectory("vodstreambench");
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        VodQueue queue = new VodQueue(store, Clock.systemUTC(), "bench");
        queue.enqueue(List.of(new VodTask("900000001", "benchchannel", "4242", Instant.parse("2026-11-20T18:00:00Z"))));
        GqlSettings settings = new GqlSettings(URI.create(server.url("/gql").toString()), GqlSettings.WEB_CLIENT_ID,
                Duration.ZERO, 6, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30));
        VodConfig config = new VodConfig(true, 60, false, 1, 24, 14, 0, 10, 100, 0);
        long t0 = System.nanoTime();
        VodCollectionService.Report r;
        try (GqlChatReplayClient gql = new GqlChatReplayClient(settings, d -> { });
             HelixClient helix = HelixClient.create(HelixSettings.builder().helixUrl("http://127.0.0.1:9/helix")
                     .authUrl("http://127.0.0.1:9/oauth2").build(), TwitchCredentials.userToken("cid", "oauth:t"))) {
            r = new VodCollectionService(helix, gql, queue, new VodDailyState(store), new VodIngest(store, 60), Clock.systemUTC())
                    .run(new VodCollectionService.Request(config, List.of()));
        }
        long t1 = System.nanoTime();
        server.shutdown();
        if (r.completed() != 1 || queue.entries().get("900000001").status() != VodStatus.COMPLETED) {
            throw new AssertionError("VOD not completed: " + r);
        }
        long rawBytes = 0;
        int rawParts = 0;
        try (Stream<String> keys = store.listKeys("raw/vod_chat/")) {
            for (String k : keys.toList()) {
                rawBytes += store.stat(k).orElseThrow().size();
                rawParts++;
            }
        }
        long parquet = store.stat(LakeLayout.curatedVodKey("benchchannel", "900000001")).orElseThrow().size();
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        int read = new VodPresenceStore(store).read("benchchannel", "900000001").orElseThrow().size();
        System.out.printf(Locale.ROOT, "comments=%d (written %d) hours=%d chatters=%d pageSize=%d requests=%d%n",
                comments, r.comments(), hours, chatters, pageSize, server.getRequestCount());
        System.out.printf(Locale.ROOT, "fetch+raw+buckets+parquet: %.1f s; buckets=%d (read back %d); raw=%.1f MB in %d"
                        + " objects; parquet=%.1f KB%n", (t1 - t0) / 1e9, r.buckets(), read, rawBytes / 1e6, rawParts,
                parquet / 1e3);
        System.out.printf(Locale.ROOT, "peak heap (sum of heap pools' peaks): %.0f MB; max heap %.0f MB%n",
                peakHeap / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }
}
