package io.vieweratlas.examples;

import io.vieweratlas.core.port.SnapshotStore;
import io.vieweratlas.twitch.Sleeper;
import io.vieweratlas.twitch.auth.TwitchCredentials;
import io.vieweratlas.twitch.collector.CollectionReport;
import io.vieweratlas.twitch.collector.CollectorSettings;
import io.vieweratlas.twitch.collector.LiveCollector;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.helix.HelixSettings;
import io.vieweratlas.twitch.irc.IrcChatClient;
import io.vieweratlas.twitch.irc.IrcIdentity;
import io.vieweratlas.twitch.irc.IrcSettings;
import io.vieweratlas.twitch.irc.JoinRateLimiter;
import io.vieweratlas.twitch.presence.PresenceAccumulator;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Example 4, a collector embedded in another service: the live collector of
 * {@code vieweratlas-twitch} (Helix for "who is live", anonymous IRC for chat presence) wired by
 * hand, without Guice, to a sink of one's own ({@link PrintingSink} here). The host starts it,
 * keeps serving, and stops it at shutdown; the partial window is flushed on stop.
 *
 * <p>{@link #main} collects from the real Twitch with {@code TWITCH_CLIENT_ID} and
 * {@code TWITCH_OAUTH_TOKEN} (or {@code TWITCH_CLIENT_SECRET}) from the environment; the test
 * points it at the fake Helix and IRC servers of the twitch module's test jar.
 */
public final class EmbeddedCollector implements AutoCloseable {

    /**
     * Where Twitch is.
     *
     * @param helixUrl base URL of the Helix API
     * @param authUrl  base URL of the OAuth2 endpoints
     * @param ircUri   chat server, {@code ircs://host:port} or {@code irc://host:port}
     */
    public record Endpoints(String helixUrl, String authUrl, String ircUri) {
        /** Checks that no endpoint is null. */
        public Endpoints {
            Objects.requireNonNull(helixUrl, "helixUrl");
            Objects.requireNonNull(authUrl, "authUrl");
            Objects.requireNonNull(ircUri, "ircUri");
        }

        /**
         * The real Twitch.
         *
         * @return the public Twitch endpoints
         */
        public static Endpoints twitch() {
            return new Endpoints(HelixSettings.DEFAULT_HELIX_URL, HelixSettings.DEFAULT_AUTH_URL,
                    IrcSettings.DEFAULT_URI);
        }
    }

    private final HelixClient directory;
    private final IrcChatClient chat;
    private final PresenceAccumulator accumulator;
    private final LiveCollector collector;
    private final Thread runner;
    private final AtomicReference<Object> outcome = new AtomicReference<>();

    private EmbeddedCollector(Endpoints endpoints, TwitchCredentials credentials, List<String> channels,
                              Duration window, SnapshotStore sink, PrintStream log) {
        Clock clock = Clock.systemUTC();
        directory = HelixClient.create(HelixSettings.builder().helixUrl(endpoints.helixUrl())
                .authUrl(endpoints.authUrl()).build(), credentials);
        accumulator = new PresenceAccumulator(clock.instant());
        SplittableRandom random = new SplittableRandom();
        chat = new IrcChatClient(IrcSettings.builder().uri(endpoints.ircUri()).build(),
                IrcIdentity.anonymous(random), accumulator,
                new JoinRateLimiter(20, Duration.ofSeconds(10), clock, Sleeper.SYSTEM), clock, Sleeper.SYSTEM, random);
        List<String> pinned = List.copyOf(channels);
        collector = new LiveCollector(
                CollectorSettings.builder().window(window).discoveryInterval(Duration.ofMinutes(5))
                        .topChannelsLimit(0).build(), // only the pinned channels, no top-N discovery
                directory, chat, accumulator, sink, () -> pinned, clock,
                report -> log.printf(Locale.ROOT, "window %s..%s closed: %d channels watched%s%n", report.start(),
                        report.end(), report.channelsWatched().size(), report.partial() ? " (partial)" : ""));
        runner = Thread.ofPlatform().name("embedded-collector").start(() -> {
            try {
                outcome.set(collector.run());
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
    }

    /**
     * Starts collecting {@code channels} (while they are live) into {@code sink}, on a thread of its own.
     *
     * @param endpoints   where Twitch is
     * @param credentials Helix credentials
     * @param channels    channel logins to watch
     * @param window      length of one presence window (one snapshot per channel and window)
     * @param sink        where snapshots go
     * @param log         where window reports are printed
     * @return the running collector; {@link #stop()} or {@link #close()} it
     */
    public static EmbeddedCollector start(Endpoints endpoints, TwitchCredentials credentials, List<String> channels,
                                          Duration window, SnapshotStore sink, PrintStream log) {
        return new EmbeddedCollector(endpoints, credentials, channels, window, sink, log);
    }

    /**
     * Presence events (messages, JOINs, NAMES entries) received so far.
     *
     * @return the number of presence events
     */
    public long eventsSeen() {
        return accumulator.eventsTotal();
    }

    /**
     * Stops collecting, flushes the partial window into the sink and waits for the collector to end.
     *
     * @return what the collector did
     * @throws InterruptedException when interrupted while waiting
     * @throws IllegalStateException when the collector failed (the cause is attached)
     */
    public CollectionReport stop() throws InterruptedException {
        collector.stop();
        runner.join();
        Object result = outcome.get();
        if (result instanceof RuntimeException e) {
            throw new IllegalStateException("the collector failed: " + e.getMessage(), e);
        }
        return (CollectionReport) result;
    }

    /** Stops (if still running) and releases the connections. */
    @Override
    public void close() {
        collector.stop();
        try {
            runner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            chat.close();
            directory.close();
        }
    }

    /**
     * Collects the channels named as arguments from the real Twitch until the process is stopped.
     *
     * @param args channel logins
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            System.err.println("usage: EmbeddedCollector <channel>...");
            return;
        }
        EmbeddedCollector c = start(Endpoints.twitch(), TwitchCredentials.fromEnvironment(System.getenv()),
                List.of(args), Duration.ofMinutes(5), new PrintingSink(System.out), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(c::close));
        c.runner.join();
    }
}
