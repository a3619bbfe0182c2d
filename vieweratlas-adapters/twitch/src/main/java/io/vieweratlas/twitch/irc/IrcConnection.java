package io.vieweratlas.twitch.irc;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.twitch.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One socket to Twitch chat carrying up to {@code channels_per_connection} channels. A virtual
 * thread supervises it: connect, request capabilities, log in, (re)join every wanted channel
 * through the shared {@link JoinRateLimiter}, read lines until the socket drops or Twitch sends
 * {@code RECONNECT}, then reconnect with backoff and rejoin. A second virtual thread per session
 * sends the JOINs, largest channel first, so reading (and answering PING) never waits for the join
 * limit. A NOTICE refusing a JOIN (classified by its {@code msg-id}) is handed to the {@link Owner},
 * which decides when the channel is asked for again; it is never re-sent from here.
 */
final class IrcConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IrcConnection.class);
    private static final int JOIN_ATTEMPTS = 3;

    private final int id;
    private final IrcSettings settings;
    private final IrcIdentity identity;
    private final JoinRateLimiter joinLimiter;
    private final PresenceListener listener;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Counters counters;
    private final SSLSocketFactory tlsFactory;
    private final Owner owner;

    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private volatile Session session;
    private volatile boolean closed;
    private volatile String fatalError;
    private Thread supervisor;

    IrcConnection(int id, IrcSettings settings, IrcIdentity identity, JoinRateLimiter joinLimiter,
                  PresenceListener listener, Clock clock, Sleeper sleeper, RandomGenerator random, Counters counters,
                  SSLSocketFactory tlsFactory, Owner owner) {
        this.id = id;
        this.settings = settings;
        this.identity = identity;
        this.joinLimiter = joinLimiter;
        this.listener = listener;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.counters = counters;
        this.tlsFactory = tlsFactory;
        this.owner = owner;
    }

    /** The client that owns this connection: join priorities and refusals. */
    interface Owner {
        /** The priority (viewer count) of {@code channel}'s JOIN. */
        long priority(String channel);

        /** Twitch refused the JOIN of {@code channel} on {@code connection}. */
        void refused(IrcConnection connection, String channel, RefusalReason reason);
    }

    private record QueuedJoin(String channel, long priority, long seq) {
    }

    private static final Comparator<QueuedJoin> LARGEST_FIRST = Comparator.comparingLong(QueuedJoin::priority)
            .reversed().thenComparingLong(QueuedJoin::seq);

    /** Shared counters of all connections of a client. */
    static final class Counters {
        final AtomicLong lines = new AtomicLong();
        final AtomicLong messages = new AtomicLong();
        final AtomicLong presence = new AtomicLong();
        final AtomicLong joinsSent = new AtomicLong();
        final AtomicLong reconnects = new AtomicLong();
        final AtomicLong joinsRefused = new AtomicLong();
    }

    void start() {
        supervisor = Thread.ofVirtual().name("irc-conn-" + id).start(this::supervise);
    }

    /** Adds a channel; the caller (the client) keeps the per-connection capacity. */
    void add(String channel) {
        wanted.add(channel);
        Session s = session;
        if (s != null) {
            s.requestJoin(channel);
        }
    }

    void remove(String channel) {
        wanted.remove(channel);
        Session s = session;
        if (s != null && s.requested.remove(channel)) {
            s.joined.remove(channel);
            s.trySend("PART #" + channel);
        }
    }

    /** Stops wanting {@code channel} without a PART (Twitch refused its JOIN, so it is not joined). */
    void forget(String channel) {
        wanted.remove(channel);
        Session s = session;
        if (s != null) {
            s.requested.remove(channel);
            s.unconfirmed.remove(channel);
        }
    }

    int size() {
        return wanted.size();
    }

    Set<String> wanted() {
        return Set.copyOf(wanted);
    }

    int joinedCount() {
        Session s = session;
        return s == null ? 0 : s.joined.size();
    }

    boolean isJoined(String channel) {
        Session s = session;
        return s != null && s.joined.contains(channel);
    }

    /** Why this connection gave up for good (e.g. the login was refused), if it did. */
    Optional<String> fatalError() {
        return Optional.ofNullable(fatalError);
    }

    @Override
    public void close() {
        closed = true;
        Session s = session;
        if (s != null) {
            s.close();
        }
        if (supervisor != null) {
            supervisor.interrupt();
        }
    }

    /** Waits (bounded) for the supervisor thread to end after {@link #close()}. */
    void awaitClosed(Duration timeout) throws InterruptedException {
        if (supervisor != null) {
            supervisor.join(timeout);
        }
    }

    private void supervise() {
        int failures = 0;
        boolean first = true;
        while (!closed) {
            if (!first) {
                counters.reconnects.incrementAndGet();
            }
            first = false;
            Session s = null;
            boolean immediate = false;
            try {
                s = connect();
                session = s;
                immediate = s.run();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("chat connection {} to {} failed: {}", id, settings.uri(), e.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                if (s != null) {
                    s.close();
                    if (s.welcomed) {
                        failures = 0; // the login worked: a later drop starts the backoff afresh
                    }
                }
                session = null;
            }
            if (closed || fatalError != null) {
                break;
            }
            // A RECONNECT after a healthy session waits only the first backoff step (never zero, so a server
            // that keeps asking cannot make us spin); failures back off exponentially.
            Duration delay = immediate && failures == 0 ? backoff(1) : backoff(++failures);
            LOG.info("chat connection {} reconnecting in {} ms", id, delay.toMillis());
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    private Duration backoff(int failures) {
        long min = settings.reconnectBackoffMin().toMillis();
        long max = settings.reconnectBackoffMax().toMillis();
        long exp = failures >= 31 ? max : Math.min(max, min << Math.max(0, failures - 1));
        long half = exp / 2;
        long jitter;
        synchronized (random) { // shared by all connections of a client; generators are not thread-safe
            jitter = half > 0 ? random.nextLong(half + 1) : 0;
        }
        return Duration.ofMillis(half + jitter);
    }

    private Session connect() throws IOException {
        String host = settings.uri().getHost();
        int port = settings.uri().getPort();
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), (int) settings.connectTimeout().toMillis());
            Socket socket = plain;
            if (settings.tls()) {
                SSLSocket tls = (SSLSocket) tlsFactory.createSocket(plain, host, port, true);
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
                tls.startHandshake();
                socket = tls;
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis()));
            socket.setKeepAlive(true);
            return new Session(socket);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** One socket's lifetime. */
    private final class Session {
        private final Socket socket;
        private final BufferedReader reader;
        private final BufferedWriter writer;
        private final ReentrantLock writeLock = new ReentrantLock();
        private final PriorityBlockingQueue<QueuedJoin> joinQueue = new PriorityBlockingQueue<>(16, LARGEST_FIRST);
        private final AtomicLong joinSeq = new AtomicLong();
        final Set<String> requested = ConcurrentHashMap.newKeySet();
        final Set<String> joined = ConcurrentHashMap.newKeySet();
        final Map<String, Instant> unconfirmed = new ConcurrentHashMap<>();
        private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
        private volatile Thread joiner;
        private volatile boolean ended;
        volatile boolean welcomed;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.writer = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        }

        void requestJoin(String channel) {
            if (requested.add(channel)) {
                enqueue(channel);
            }
        }

        private void enqueue(String channel) {
            joinQueue.add(new QueuedJoin(channel, owner.priority(channel), joinSeq.getAndIncrement()));
        }

        /** Reads until the socket ends; returns true when Twitch asked to reconnect (no backoff needed). */
        boolean run() throws IOException, InterruptedException {
            send("CAP REQ :twitch.tv/tags twitch.tv/commands twitch.tv/membership");
            if (identity.token().isPresent()) {
                send("PASS oauth:" + identity.token().get());
            }
            send("NICK " + identity.nick());
            for (String channel : wanted) {
                requestJoin(channel); // queued largest first; JOINs go out once the login is welcomed (001)
            }
            boolean pingOutstanding = false;
            while (!closed) {
                String line;
                try {
                    line = reader.readLine();
                } catch (SocketTimeoutException e) {
                    if (pingOutstanding) {
                        throw new IOException("no answer to PING within " + settings.idleTimeout());
                    }
                    send("PING :vieweratlas");
                    pingOutstanding = true;
                    continue;
                }
                if (line == null) {
                    throw new IOException("server closed the connection");
                }
                pingOutstanding = false;
                counters.lines.incrementAndGet();
                if (line.isEmpty()) {
                    continue;
                }
                IrcMessage msg;
                try {
                    msg = IrcMessage.parse(line);
                } catch (IllegalArgumentException e) {
                    LOG.debug("chat connection {} ignored an unreadable line", id);
                    continue;
                }
                if (handle(msg)) {
                    LOG.info("chat connection {}: server asked to reconnect", id);
                    return true;
                }
            }
            return false;
        }

        /** Handles one message; true when the session should end for a RECONNECT. */
        private boolean handle(IrcMessage msg) throws IOException {
            switch (msg.command()) {
                case "PRIVMSG", "USERNOTICE" -> onMessage(msg);
                case "JOIN" -> onJoin(msg);
                case "353" -> onNames(msg);
                case "PING" -> send("PONG :" + msg.param(0).orElse("tmi.twitch.tv"));
                case "RECONNECT" -> {
                    return true;
                }
                case "001" -> {
                    if (!welcomed) {
                        welcomed = true;
                        joiner = Thread.ofVirtual().name("irc-join-" + id).start(this::joinLoop);
                        if (ended) {
                            joiner.interrupt(); // closed meanwhile: both sides are volatile, one of us sees the other
                        }
                    }
                }
                case "NOTICE" -> onNotice(msg);
                case "PART" -> {
                    String channel = channelOf(msg.param(0));
                    if (channel != null && msg.nick().map(identity.nick()::equals).orElse(false)) {
                        joined.remove(channel);
                    }
                }
                default -> {
                    // 002-004, 366 (end of NAMES), 372/375/376 (MOTD), CAP, ROOMSTATE, USERSTATE, CLEARCHAT,
                    // CLEARMSG, HOSTTARGET: nothing to record for presence.
                }
            }
            return false;
        }

        private void onMessage(IrcMessage msg) {
            counters.messages.incrementAndGet();
            String channel = channelOf(msg.param(0));
            // PRIVMSG authors come from the prefix; USERNOTICE (subs, raids) names the author in the login tag.
            Optional<String> login = msg.command().equals("USERNOTICE") ? msg.tag("login") : msg.nick();
            if (channel == null || login.isEmpty() || login.get().isBlank()) {
                return;
            }
            Instant at = msg.tag("tmi-sent-ts").flatMap(IrcConnection::epochMillis).orElseGet(clock::instant);
            deliver(channel, login.get(), msg.tag("user-id").filter(s -> !s.isEmpty()), Evidence.MESSAGE, at);
        }

        private void onJoin(IrcMessage msg) {
            String channel = channelOf(msg.param(0));
            Optional<String> nick = msg.nick();
            if (channel == null || nick.isEmpty()) {
                return;
            }
            if (nick.get().equals(identity.nick())) {
                joined.add(channel);
                unconfirmed.remove(channel);
                LOG.debug("chat connection {} joined #{}", id, channel);
                return;
            }
            deliver(channel, nick.get(), Optional.empty(), Evidence.JOIN, clock.instant());
        }

        private void onNames(IrcMessage msg) {
            // :me.tmi.twitch.tv 353 me = #channel :a b c
            if (msg.params().size() < 4) {
                return;
            }
            String channel = channelOf(Optional.of(msg.params().get(2)));
            if (channel == null) {
                return;
            }
            Instant now = clock.instant();
            for (String name : msg.params().get(3).split(" ")) {
                String login = name.strip();
                if (!login.isEmpty() && !login.equals(identity.nick())) {
                    deliver(channel, login, Optional.empty(), Evidence.NAMES, now);
                }
            }
        }

        /**
         * Classifies a NOTICE by its {@code msg-id} tag. Login failures ({@code Login authentication
         * failed}, {@code Improperly formatted auth}) are the NOTICEs to {@code *} that arrive before
         * the welcome and carry no {@code msg-id}
         * (<a href="https://dev.twitch.tv/docs/irc/authenticate-bot/">dev.twitch.tv/docs/irc/authenticate-bot</a>).
         */
        private void onNotice(IrcMessage msg) {
            String text = msg.param(msg.params().size() - 1).orElse("");
            Optional<String> msgId = msg.tag("msg-id").filter(s -> !s.isEmpty());
            if (msgId.isEmpty()) {
                if (!welcomed && msg.param(0).map("*"::equals).orElse(false)) {
                    fatalError = "Twitch chat refused the login of " + identity.nick() + ": " + text
                            + " (check TWITCH_OAUTH_TOKEN: it needs the chat:read scope; or use"
                            + " collection.chat_login: anonymous)";
                    LOG.error(fatalError);
                    close();
                } else {
                    LOG.debug("chat connection {} notice without msg-id: {}", id, text);
                }
                return;
            }
            Optional<RefusalReason> refusal = RefusalReason.ofMsgId(msgId.get());
            String channel = channelOf(msg.param(0));
            if (refusal.isEmpty() || channel == null) {
                LOG.debug("chat connection {} notice {}: {}", id, msgId.get(), text);
                return;
            }
            if (!requested.contains(channel)) {
                return; // a late answer for a channel already parted or refused
            }
            counters.joinsRefused.incrementAndGet();
            requested.remove(channel);
            unconfirmed.remove(channel);
            joined.remove(channel);
            owner.refused(IrcConnection.this, channel, refusal.get());
        }

        private void deliver(String channel, String login, Optional<String> userId, Evidence evidence, Instant at) {
            if (!wanted.contains(channel)) {
                return; // late traffic of a channel that was parted
            }
            counters.presence.incrementAndGet();
            try {
                listener.onPresence(new PresenceEvent(channel, login.toLowerCase(Locale.ROOT), userId, evidence, at));
            } catch (RuntimeException e) {
                LOG.warn("presence listener failed for #{}: {}", channel, e.toString());
            }
        }

        /**
         * Sends queued JOINs through the limiter. A JOIN that Twitch did not confirm within
         * {@code joinConfirmTimeout} is sent again (at most three times in all): Twitch
         * can drop JOINs silently, and a channel left unjoined would be missed for the whole run.
         */
        private void joinLoop() {
            long checkMillis = Math.max(10, settings.joinConfirmTimeout().toMillis() / 4);
            try {
                while (!closed && !ended) {
                    QueuedJoin next = joinQueue.poll(checkMillis, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        requeueUnconfirmed();
                        continue;
                    }
                    String channel = next.channel();
                    if (!wanted.contains(channel) || !requested.contains(channel) || joined.contains(channel)) {
                        continue;
                    }
                    JoinRateLimiter.Permit permit = joinLimiter.acquire(next.priority());
                    if (!wanted.contains(channel) || !requested.contains(channel)) {
                        permit.sent(); // parted or refused meanwhile: the permit is spent all the same
                        continue;
                    }
                    if (socket.isClosed()) {
                        return;
                    }
                    send("JOIN #" + channel);
                    permit.sent();
                    unconfirmed.put(channel, clock.instant());
                    attempts.merge(channel, 1, Integer::sum);
                    counters.joinsSent.incrementAndGet();
                }
            } catch (InterruptedException e) {
                // the session ended
            } catch (IOException e) {
                LOG.debug("chat connection {} could not send a JOIN: {}", id, e.getMessage());
                close();
            }
        }

        private void requeueUnconfirmed() {
            Instant limit = clock.instant().minus(settings.joinConfirmTimeout());
            for (Map.Entry<String, Instant> e : unconfirmed.entrySet()) {
                String channel = e.getKey();
                if (!e.getValue().isBefore(limit)) {
                    continue;
                }
                unconfirmed.remove(channel);
                if (joined.contains(channel) || !wanted.contains(channel) || !requested.contains(channel)) {
                    continue;
                }
                if (attempts.getOrDefault(channel, 0) < JOIN_ATTEMPTS) {
                    LOG.debug("chat connection {}: JOIN #{} not confirmed, sending it again", id, channel);
                    enqueue(channel);
                } else {
                    LOG.warn("chat connection {}: Twitch never confirmed JOIN #{} ({} attempts); not watched until "
                            + "the next reconnect", id, channel, JOIN_ATTEMPTS);
                }
            }
        }

        void send(String line) throws IOException {
            writeLock.lock();
            try {
                writer.write(line);
                writer.write("\r\n");
                writer.flush();
            } finally {
                writeLock.unlock();
            }
        }

        void trySend(String line) {
            try {
                send(line);
            } catch (IOException e) {
                LOG.debug("chat connection {} could not send: {}", id, e.getMessage());
            }
        }

        void close() {
            ended = true;
            Thread j = joiner;
            if (j != null) {
                j.interrupt();
            }
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing chat socket {}: {}", id, e.getMessage());
            }
        }
    }

    private static String channelOf(Optional<String> param) {
        return param.filter(p -> p.startsWith("#") && p.length() > 1)
                .map(p -> p.substring(1).toLowerCase(Locale.ROOT)).orElse(null);
    }

    private static Optional<Instant> epochMillis(String value) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
