package io.vieweratlas.twitch.bench;

import io.vieweratlas.twitch.irc.FakeIrcServer;

import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark load generator (not a test): a fake Twitch chat server that waits until
 * {@code channels} channels are joined, then sends {@code rate} tagged PRIVMSGs per second for
 * {@code seconds}, spread over the channels, from a pool of {@code viewers} logins.
 *
 * <p>Usage: {@code FakeChatLoad <port-file> <channels> <rate> <seconds> <viewers> <joinLimit> <joinWindowMs>}
 */
public final class FakeChatLoad {

    private FakeChatLoad() {
    }

    public static void main(String[] args) throws Exception {
        java.nio.file.Path portFile = java.nio.file.Path.of(args[0]);
        int channels = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int viewers = Integer.parseInt(args[4]);
        int joinLimit = Integer.parseInt(args[5]);
        Duration joinWindow = Duration.ofMillis(Long.parseLong(args[6]));
        try (FakeIrcServer server = new FakeIrcServer(joinLimit, joinWindow)) {
            java.nio.file.Files.writeString(portFile, server.uri());
            String[] names = new String[channels];
            for (int i = 0; i < channels; i++) {
                names[i] = "ch" + i;
            }
            long joinStart = System.nanoTime();
            FakeIrcServer.await("all joins", Duration.ofMinutes(30), () -> {
                for (String n : names) {
                    if (!server.isJoined(n)) {
                        return false;
                    }
                }
                return true;
            });
            System.out.printf(Locale.ROOT, "server: %d channels joined in %.1f s over %d connections, %d dropped for "
                            + "join flood%n", channels, (System.nanoTime() - joinStart) / 1e9, server.liveConnections(),
                    server.droppedForJoinFlood());
            SplittableRandom random = new SplittableRandom(42);
            long total = (long) rate * seconds;
            long start = System.nanoTime();
            long sent = 0;
            long delivered = 0;
            while (sent < total) {
                long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
                while (sent < due) {
                    int u = random.nextInt(viewers);
                    delivered += server.say(names[(int) (sent % channels)], "viewer" + u, Integer.toString(1000 + u),
                            "message number " + sent);
                    sent++;
                }
                Thread.sleep(2);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "server: sent %d messages (%d delivered to a socket) in %.1f s = %.0f/s%n",
                    sent, delivered, elapsed, sent / elapsed);
            server.pingAll();
            Thread.sleep(Duration.ofSeconds(20)); // let the client drain and report before the sockets close
        }
    }
}
