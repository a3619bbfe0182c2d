package io.vieweratlas.twitch.bench;

import com.sun.management.OperatingSystemMXBean;
import io.vieweratlas.twitch.irc.ChatStats;
import io.vieweratlas.twitch.irc.IrcChatClient;
import io.vieweratlas.twitch.irc.IrcIdentity;
import io.vieweratlas.twitch.irc.IrcSettings;
import io.vieweratlas.twitch.presence.PresenceAccumulator;
import io.vieweratlas.twitch.presence.ClosedWindow;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Benchmark (not a test): the collector's chat side (IRC client + presence accumulator) in this
 * process, against {@link FakeChatLoad} in another. Joins {@code channels} channels, counts the
 * messages handled, then closes the window into snapshots; prints messages/s, CPU and heap.
 *
 * <p>Usage: {@code CollectorBench <port-file> <channels> <expectedMessages> <joinLimit> <joinWindowMs> [extraPairs]};
 * {@code extraPairs} distinct (channel, viewer) pairs are added to the window after the live phase, to
 * measure the heap and the flush of a window as large as an hour of heavy chat would give.
 */
public final class CollectorBench {

    private CollectorBench() {
    }

    public static void main(String[] args) throws Exception {
        Path portFile = Path.of(args[0]);
        int channels = Integer.parseInt(args[1]);
        long expected = Long.parseLong(args[2]);
        int joinLimit = Integer.parseInt(args[3]);
        Duration joinWindow = Duration.ofMillis(Long.parseLong(args[4]));
        long extraPairs = args.length > 5 ? Long.parseLong(args[5]) : 0;
        while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
            Thread.sleep(50);
        }
        String uri = Files.readString(portFile).strip();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        PresenceAccumulator accumulator = new PresenceAccumulator(Instant.now());
        IrcSettings settings = IrcSettings.builder().uri(uri).joinLimit(joinLimit).joinWindow(joinWindow).build();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        try (IrcChatClient chat = IrcChatClient.create(settings, IrcIdentity.anonymous(new SplittableRandom(1)),
                accumulator)) {
            for (int i = 0; i < channels; i++) {
                chat.join("ch" + i);
            }
            while (chat.stats().joinedChannels() < channels) {
                Thread.sleep(100);
            }
            System.out.printf(Locale.ROOT, "client: %d channels joined in %.1f s over %d connections%n", channels,
                    (System.nanoTime() - wall0) / 1e9, chat.stats().connections());
            long cpu1 = os.getProcessCpuTime();
            long firstAt = 0;
            long lastCount = 0;
            long lastChange = System.nanoTime();
            long peakHeap = 0;
            while (true) {
                long n = chat.stats().messages();
                long now = System.nanoTime();
                if (n > 0 && firstAt == 0) {
                    firstAt = now;
                }
                if (n != lastCount) {
                    lastCount = n;
                    lastChange = now;
                }
                peakHeap = Math.max(peakHeap, heapUsed());
                if (n >= expected || (n > 0 && now - lastChange > 10_000_000_000L)) {
                    break;
                }
                Thread.sleep(200);
            }
            long cpu2 = os.getProcessCpuTime();
            double seconds = (lastChange - firstAt) / 1e9;
            ChatStats stats = chat.stats();
            if (extraPairs > 0) {
                long addStart = System.nanoTime();
                for (long i = 0; i < extraPairs; i++) {
                    accumulator.onPresence(new io.vieweratlas.twitch.irc.PresenceEvent("ch" + (i % channels),
                            "synthetic_viewer_" + i, java.util.Optional.empty(),
                            io.vieweratlas.core.model.Evidence.MESSAGE, Instant.EPOCH));
                    if (i % 200_000 == 0) {
                        peakHeap = Math.max(peakHeap, heapUsed());
                    }
                }
                System.gc();
                System.out.printf(Locale.ROOT, "client: +%d synthetic pairs in %.1f s; heap after GC with the full "
                                + "window %.0f MB%n", extraPairs, (System.nanoTime() - addStart) / 1e9,
                        heapUsed() / 1e6);
            }
            long flushStart = System.nanoTime();
            ClosedWindow window = accumulator.close(Instant.now());
            long[] snapshots = new long[1];
            window.drainSnapshots(Map.of(), s -> snapshots[0]++);
            double flushMs = (System.nanoTime() - flushStart) / 1e6;
            peakHeap = Math.max(peakHeap, heapUsed());
            System.gc();
            System.out.printf(Locale.ROOT, "client: %d of %d messages handled (%d lost), %.0f messages/s over %.1f s%n",
                    stats.messages(), expected, expected - stats.messages(), stats.messages() / seconds, seconds);
            System.out.printf(Locale.ROOT, "client: CPU %.1f s during the load = %.0f %% of one core; joins %.1f s CPU%n",
                    (cpu2 - cpu1) / 1e9, 100.0 * (cpu2 - cpu1) / 1e9 / seconds, (cpu1 - cpu0) / 1e9);
            System.out.printf(Locale.ROOT, "client: window flush %d presences into %d snapshots in %.0f ms%n",
                    window.presenceCount(), snapshots[0], flushMs);
            System.out.printf(Locale.ROOT, "client: heap peak sampled %.0f MB, after GC %.0f MB, max %.0f MB; "
                            + "reconnects %d%n", peakHeap / 1e6, heapUsed() / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6, stats.reconnects());
        }
        System.out.println("client: process memory " + procStatus("VmHWM") + " peak RSS, " + procStatus("VmRSS")
                + " RSS now");
    }

    /** A line of /proc/self/status (Linux), e.g. the peak resident set size. */
    private static String procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return line.substring(key.length() + 1).strip();
                }
            }
        } catch (java.io.IOException e) {
            return "unknown";
        }
        return "unknown";
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
