package io.vieweratlas.twitch.irc;

import io.vieweratlas.twitch.Sleeper;
import io.vieweratlas.twitch.TwitchAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;

/**
 * Watches any number of Twitch chats: channels are spread over sockets of at most
 * {@code channels_per_connection} each, every socket runs on its own virtual threads (so one slow
 * channel never stalls the others), and all JOINs of the account, including rejoins after
 * reconnects, share one {@link JoinRateLimiter}, which lets the channels with the most viewers
 * go first. Viewers seen go to the {@link PresenceListener}.
 *
 * <p>A logged-in account may be in at most {@link IrcSettings#maxChannelsPerLogin()} channels at
 * once across all its connections (Twitch's cap since May 2024; anonymous logins are exempt): the
 * client never asks for more, keeps the others waiting for a slot (largest first) and joins them
 * as watched channels end. A JOIN Twitch refuses (NOTICE {@code msg-id}, see {@link RefusalReason})
 * is recorded with its reason and asked for again only as its {@link RetryAfter} says: at the
 * next discovery ({@link #retryRefused()}) or when a slot frees; never in a loop. Thread-safe.
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
    /** Channels given to a connection: JOIN queued, sent or confirmed. */
    private final Map<String, IrcConnection> byChannel = new HashMap<>();
    /** Wanted channels over the account's cap, joined largest first when a slot frees. */
    private final Map<String, Long> waiting = new HashMap<>();
    /** Channels Twitch refused until the next discovery (suspended, banned, not found). */
    private final Map<String, JoinRefusal> refusedUntilDiscovery = new HashMap<>();
    /** Why each channel waiting for a slot waits. */
    private final Map<String, JoinRefusal> waitReasons = new HashMap<>();
    /** Channels whose refusal was logged at WARN already: later ones go to DEBUG, so nothing repeats. */
    private final Set<String> refusalLogged = new java.util.HashSet<>();
    /** JOIN priority (viewer count) per wanted channel; read by connection threads. */
    private final Map<String, Long> priorities = new ConcurrentHashMap<>();
    private final IrcConnection.Owner owner = new IrcConnection.Owner() {
        @Override
        public long priority(String channel) {
            return priorities.getOrDefault(channel, 0L);
        }

        @Override
        public void refused(IrcConnection connection, String channel, RefusalReason reason) {
            onRefused(connection, channel, reason);
        }
    };
    /** Channels the account may be in now: the configured cap, lowered when Twitch says it is reached. */
    private int slots;
    private boolean overCapLogged;
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
        this.slots = identity.anonymous() ? Integer.MAX_VALUE : settings.maxChannelsPerLogin();
    }

    @Override
    public void join(String channel) {
        join(channel, 0);
    }

    @Override
    public synchronized void join(String channel, long viewers) {
        String login = normalize(channel);
        if (closed) {
            throw new IllegalStateException("chat client is closed");
        }
        priorities.put(login, viewers);
        if (waiting.containsKey(login)) {
            waiting.put(login, viewers);
            return;
        }
        if (byChannel.containsKey(login) || refusedUntilDiscovery.containsKey(login)) {
            return;
        }
        if (byChannel.size() >= slots) {
            waiting.put(login, viewers);
            if (!waitReasons.containsKey(login)) {
                waitReasons.put(login, new JoinRefusal(login, RefusalReason.CHANNEL_CAP, false, clock.instant()));
            }
            if (!overCapLogged) {
                overCapLogged = true;
                LOG.warn("chat: {} is logged in and may be in {} channels at once; further channels wait for a"
                        + " slot (set collection.chat_login: anonymous to watch every channel)", identity.nick(),
                        slots);
            }
            return;
        }
        assign(login);
    }

    /** Gives {@code login} to a connection with room, opening one when all are full. */
    private void assign(String login) {
        IrcConnection target = null;
        for (IrcConnection c : connections) {
            if (c.size() < settings.channelsPerConnection()) {
                target = c;
                break;
            }
        }
        if (target == null) {
            target = new IrcConnection(connections.size(), settings, identity, joinLimiter, listener, clock, sleeper,
                    random, counters, tlsFactory, owner);
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
        priorities.remove(login);
        waiting.remove(login);
        waitReasons.remove(login);
        refusedUntilDiscovery.remove(login);
        refusalLogged.remove(login);
        IrcConnection c = byChannel.remove(login);
        if (c != null) {
            c.remove(login);
            fillFreeSlots();
        }
    }

    @Override
    public synchronized void retryRefused() {
        if (refusedUntilDiscovery.isEmpty()) {
            return;
        }
        List<JoinRefusal> retry = new ArrayList<>(refusedUntilDiscovery.values());
        refusedUntilDiscovery.clear();
        for (JoinRefusal r : retry) {
            LOG.debug("chat: asking for #{} again after {}", r.channel(), r.reason());
            join(r.channel(), priorities.getOrDefault(r.channel(), 0L));
        }
    }

    @Override
    public synchronized Set<String> channels() {
        TreeSet<String> all = new TreeSet<>(byChannel.keySet());
        all.addAll(waiting.keySet());
        all.addAll(refusedUntilDiscovery.keySet());
        return java.util.Collections.unmodifiableSet(all);
    }

    @Override
    public synchronized ChatCoverage coverage() {
        TreeSet<String> joined = new TreeSet<>();
        byChannel.forEach((login, c) -> {
            if (c.isJoined(login)) {
                joined.add(login);
            }
        });
        TreeMap<String, JoinRefusal> refused = new TreeMap<>(refusedUntilDiscovery);
        refused.putAll(waitReasons);
        return new ChatCoverage(new TreeSet<>(channels()), joined, new TreeSet<>(waiting.keySet()), refused);
    }

    /** Joins waiting channels, largest first, while the account has free slots. */
    private void fillFreeSlots() {
        while (byChannel.size() < slots && !waiting.isEmpty()) {
            String next = null;
            long best = Long.MIN_VALUE;
            for (Map.Entry<String, Long> e : waiting.entrySet()) {
                if (next == null || e.getValue() > best || (e.getValue() == best && e.getKey().compareTo(next) < 0)) {
                    best = e.getValue();
                    next = e.getKey();
                }
            }
            waiting.remove(next);
            waitReasons.remove(next);
            LOG.info("chat: a slot freed, joining #{}", next);
            assign(next);
        }
    }

    private synchronized void onRefused(IrcConnection connection, String login, RefusalReason reason) {
        if (byChannel.get(login) != connection) {
            return; // parted or moved meanwhile
        }
        byChannel.remove(login);
        connection.forget(login);
        JoinRefusal refusal = new JoinRefusal(login, reason, true, clock.instant());
        if (reason.retryAfter() == RetryAfter.SLOT_FREES) {
            // Twitch counts channels this client cannot see (another session of the account): the
            // account's real room is what it holds now; more is asked for only when one of them ends.
            slots = Math.min(slots, byChannel.size());
            waiting.put(login, priorities.getOrDefault(login, 0L));
            waitReasons.put(login, refusal);
        } else {
            refusedUntilDiscovery.put(login, refusal);
        }
        if (refusalLogged.add(login)) {
            LOG.warn("chat: Twitch refused JOIN #{}: {}", login, refusal.describe());
        } else {
            LOG.debug("chat: Twitch refused JOIN #{} again: {}", login, refusal.describe());
        }
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
        return new ChatStats(connections.size(), channels().size(), joined, counters.lines.get(),
                counters.messages.get(), counters.presence.get(), counters.joinsSent.get(), counters.reconnects.get(),
                counters.joinsRefused.get());
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
