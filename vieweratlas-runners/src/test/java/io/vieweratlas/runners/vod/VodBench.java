package io.vieweratlas.runners.vod;

import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.parquet.VodPresenceStore;
import io.vieweratlas.twitch.vod.ChatComment;
import io.vieweratlas.twitch.vod.ChatReplay;
import io.vieweratlas.twitch.vod.TwitchDownloaderJson;
import io.vieweratlas.twitch.vod.VodChat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark main (not a test): a 10-hour VOD with 200,000 comments from 20,000 chatters (skewed:
 * a few talk a lot) is stored raw, bucketed (60 s) and written as Parquet to a file-system lake,
 * then read back. Prints seconds per stage and the peak heap.
 *
 * <p>Run: {@code java -Xmx512m -cp <test class path> io.vieweratlas.runners.vod.VodBench [comments] [hours]}
 */
public final class VodBench {
    private VodBench() {
    }

    public static void main(String[] args) throws Exception {
        int comments = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int chatters = 20_000;
        SplittableRandom random = new SplittableRandom(42);
        List<ChatComment> list = new ArrayList<>(comments);
        double seconds = hours * 3600.0;
        for (int i = 0; i < comments; i++) {
            // skewed authors: squared uniform favours low indices
            double u = random.nextDouble();
            int who = (int) (u * u * chatters);
            list.add(new ChatComment("c" + i, random.nextDouble() * seconds, String.valueOf(who), "user" + who,
                    "User" + who, "message number " + i));
        }
        VodChat chat = new VodChat("benchchannel", "4242", "900000001", Instant.parse("2026-11-20T18:00:00Z"), "bench",
                new ChatReplay("900000001", list, 0, 0, 0, 0));
        Path dir = Files.createTempDirectory("vodbench");
        FileSystemObjectStore store = new FileSystemObjectStore(dir);
        VodIngest ingest = new VodIngest(store, 60);

        long t0 = System.nanoTime();
        VodIngest.Result r = ingest.ingest(chat, PresenceSourceKind.VOD, true);
        long t1 = System.nanoTime();
        VodIngest.Result bucketsOnly = ingest.ingest(chat, PresenceSourceKind.VOD, false);
        long t2 = System.nanoTime();
        int read = new VodPresenceStore(store).read("benchchannel", "900000001").orElseThrow().size();
        long t3 = System.nanoTime();
        byte[] raw = store.get(r.rawKey().orElseThrow()).orElseThrow().content();
        VodChat back = TwitchDownloaderJson.read(raw, "raw");
        long t4 = System.nanoTime();
        long parquetBytes = store.stat(r.curatedKey().orElseThrow()).orElseThrow().size();

        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "comments=%d hours=%d buckets=%d (read back %d) raw=%.1f MB parquet=%.1f KB%n",
                comments, hours, r.buckets(), read, raw.length / 1e6, parquetBytes / 1e3);
        System.out.printf(Locale.ROOT, "raw+bucket+parquet write: %.2f s; bucket+parquet only: %.2f s;"
                        + " parquet read back: %.2f s; raw JSON parse (import path): %.2f s (%d comments)%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, back.replay().comments().size());
        System.out.printf(Locale.ROOT, "peak heap (sum of heap pools' peaks): %.0f MB; max heap %.0f MB%n",
                peakHeap / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        if (bucketsOnly.buckets() != r.buckets()) {
            throw new AssertionError("bucket counts differ");
        }
    }
}
