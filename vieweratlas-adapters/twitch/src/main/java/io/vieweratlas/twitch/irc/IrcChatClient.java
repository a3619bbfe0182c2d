package io.vieweratlas.twitch.irc;

import io.vieweratlas.twitch.Sleeper;
import io.vieweratlas.twitch.TwitchAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSocketFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Watches any number of Twitch chats: channels are spread over sockets of at most
 * {@code channels_per_connection} each, every socket runs on its own virtual threads (so one slow
 * channel never stalls the others), and all JOINs of the account, including rejoins after
 * reconnects, share one {@link JoinRateLimiter}. Viewers seen go to the {@link PresenceListener}.
 * Thread-safe.
 */
public final class IrcChatClient implements ChatMembership, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IrcChatClient.class);
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9_]{1,25}");

    private final IrcSettings settings;
    private final IrcIdentity identity;
    private final JoinRateLimiter joinLimiter;
    private final PresenceListener listener;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final SSLSocketFactory tlsFactory;
    private final IrcConnection.Counters counters = new IrcConnection.Counters();

    private final List<IrcConnection> connections = new ArrayList<>();
    private final Map<String, IrcConnection> byChannel = new HashMap<>();
    private boolean closed;

    /**
     * A client with the real clock and its own join limiter from the settings.
     *
     * @param settings server and pacing
     * @param identity the login (user or anonymous)
     * @param listener receives viewers seen
     */
    public static IrcChatClient create(IrcSettings settings, IrcIdentity identity, PresenceListener listener) {
        // A little slack on the window: JOINs arrive later than they are granted, and Twitch counts arrivals.
        Duration window = settings.joinWindow().plus(settings.joinWindow().dividedBy(20));
        return new IrcChatClient(settings, identity, listener,
                new JoinRateLimiter(settings.joinLimit(), window, Clock.systemUTC(), Sleeper.SYSTEM),
                Clock.systemUTC(), Sleeper.SYSTEM, RandomGenerator.getDefault());
    }

    /**
     * @param settings    server and pacing
     * @param identity    the login (user or anonymous)
     * @param listener    receives viewers seen
     * @param joinLimiter shared by every client of the same account
     * @param clock       time of JOIN and NAMES evidence
     * @param sleeper     waits for reconnect backoff
     * @param random      backoff jitter
     */
    public IrcChatClient(IrcSettings settings, IrcIdentity identity, PresenceListener listener,
                         JoinRateLimiter joinLimiter, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this(settings, identity, listener, joinLimiter, clock, sleeper, random,
                (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /**
     * Like {@link #IrcChatClient(IrcSettings, IrcIdentity, PresenceListener, JoinRateLimiter, Clock, Sleeper,
     * RandomGenerator)}, with the TLS socket factory for {@code ircs://} (e.g. to trust a private CA);
     * the server's host name is always verified.
     */
    public IrcChatClient(IrcSettings settings, IrcIdentity identity, PresenceListener listener,
                         JoinRateLimiter joinLimiter, Clock clock, Sleeper sleeper, RandomGenerator random,
                         SSLSocketFactory tlsFactory) {
        this.tlsFactory = Objects.requireNonNull(tlsFactory, "tlsFactory");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.joinLimiter = Objects.requireNonNull(joinLimiter, "joinLimiter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public synchronized void join(String channel) {
        String login = normalize(channel);
        if (closed) {
            throw new IllegalStateException("chat client is closed");
        }
        if (byChannel.containsKey(login)) {
            return;
        }
        IrcConnection target = null;
        for (IrcConnection c : connections) {
            if (c.size() < settings.channelsPerConnection()) {
                target = c;
                break;
            }
        }
        if (target == null) {
            target = new IrcConnection(connections.size(), settings, identity, joinLimiter, listener, clock, sleeper,
                    random, counters, tlsFactory);
            connections.add(target);
            target.start();
            LOG.debug("opened chat connection {} ({} channels per connection)", connections.size() - 1,
                    settings.channelsPerConnection());
        }
        byChannel.put(login, target);
        target.add(login);
    }

    @Override
    public synchronized void part(String channel) {
        String login = normalize(channel);
        IrcConnection c = byChannel.remove(login);
        if (c != null) {
            c.remove(login);
        }
    }

    @Override
    public synchronized Set<String> channels() {
        return java.util.Collections.unmodifiableSet(new TreeSet<>(byChannel.keySet()));
    }

    /** Whether Twitch confirmed the JOIN of {@code channel} on its current socket. */
    public synchronized boolean isJoined(String channel) {
        IrcConnection c = byChannel.get(normalize(channel));
        return c != null && c.isJoined(normalize(channel));
    }

    /** Counters since start. */
    public synchronized ChatStats stats() {
        int joined = 0;
        for (IrcConnection c : connections) {
            joined += c.joinedCount();
        }
        return new ChatStats(connections.size(), byChannel.size(), joined, counters.lines.get(),
                counters.messages.get(), counters.presence.get(), counters.joinsSent.get(), counters.reconnects.get());
    }

    /**
     * Fails when Twitch refused the login (a bad or under-scoped token), so the collector stops
     * with a clear message instead of collecting nothing.
     *
     * @throws TwitchAuthException naming the reason
     */
    @Override
    public synchronized void checkHealthy() {
        for (IrcConnection c : connections) {
            Optional<String> error = c.fatalError();
            if (error.isPresent()) {
                throw new TwitchAuthException(error.get(), 0);
            }
        }
    }

    /** Closes every socket and waits briefly for the connection threads to end. */
    @Override
    public void close() {
        List<IrcConnection> toClose;
        synchronized (this) {
            closed = true;
            toClose = List.copyOf(connections);
        }
        toClose.forEach(IrcConnection::close);
        for (IrcConnection c : toClose) {
            try {
                c.awaitClosed(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String normalize(String channel) {
        Objects.requireNonNull(channel, "channel");
        String login = channel.strip().toLowerCase(Locale.ROOT);
        if (login.startsWith("#")) {
            login = login.substring(1);
        }
        if (!LOGIN.matcher(login).matches()) {
            throw new IllegalArgumentException("not a Twitch channel login: '" + channel + "'");
        }
        return login;
    }
}
