package io.vieweratlas.twitch.irc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A Twitch chat server on loopback (plain TCP or TLS) speaking the real protocol and keeping
 * Twitch's documented rules:
 * <ul>
 *   <li>CAP ACK, PASS/NICK login with the welcome numerics; a bad token is answered
 *       {@code NOTICE * :Login authentication failed}, a PASS without {@code oauth:} with
 *       {@code NOTICE * :Improperly formatted auth}, both untagged and before any welcome, then the
 *       socket is closed (https://dev.twitch.tv/docs/irc/authenticate-bot/). Anonymous
 *       {@code justinfan<digits>} logins need no PASS.</li>
 *   <li>JOIN echo with NAMES (353/366), PART, PING/PONG both ways, {@code RECONNECT}
 *       (https://dev.twitch.tv/docs/irc/commands/#reconnect), tagged PRIVMSGs.</li>
 *   <li>20 JOIN attempts per 10 s per account (nick), rejoins included; a connection whose JOIN
 *       exceeds it is dropped (https://dev.twitch.tv/docs/irc/#rate-limits;
 *       https://github.com/zneix/trihard-kkona/issues/6 shows the drop).</li>
 *   <li>A logged-in nick may be in at most {@code channelCap} (100) channels at once across all its
 *       connections; a JOIN beyond is answered
 *       {@code @msg-id=msg_concurrent_channel_limit_reached :tmi.twitch.tv NOTICE #<channel> :...}
 *       and not joined. Anonymous {@code justinfan} logins are exempt
 *       (https://github.com/twitch4j/twitch4j/pull/985, May 2024; the exemption of verified bots
 *       ended 2024-06-26).</li>
 *   <li>A suspended channel answers JOIN with {@code @msg-id=msg_channel_suspended} NOTICE and is not
 *       joined (https://dev.twitch.tv/docs/irc/msg-id/).</li>
 *   <li>No JOIN/PART membership messages in rooms with more than {@code membershipThreshold}
 *       (1,000) chatters (https://dev.twitch.tv/docs/irc/membership/).</li>
 * </ul>
 */
public final class FakeIrcServer implements AutoCloseable {
    private final ServerSocket server;
    private final boolean tls;
    private final int joinLimit;
    private final long joinWindowNanos;
    private final Optional<String> requiredToken;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Map<String, ArrayDeque<Long>> joinTimes = new HashMap<>();
    private final Set<String> suspended = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> roomSizes = new ConcurrentHashMap<>();
    private final AtomicInteger capRefusals = new AtomicInteger();
    private final List<String> joinOrder = new CopyOnWriteArrayList<>();
    private final AtomicInteger suspendedRefusals = new AtomicInteger();
    private volatile int channelCap = 100;
    private volatile int membershipThreshold = 1000;
    private final Map<String, List<String>> scriptedNames = new ConcurrentHashMap<>();
    private final Set<String> ignoreNextJoin = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionsAccepted = new AtomicInteger();
    private final AtomicInteger droppedForJoinFlood = new AtomicInteger();
    private final AtomicInteger joinsReceived = new AtomicInteger();
    private final AtomicInteger pongsReceived = new AtomicInteger();
    private final AtomicInteger pingsReceived = new AtomicInteger();
    private final AtomicInteger joinsBeforeWelcome = new AtomicInteger();
    private final AtomicLong messagesSent = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    public FakeIrcServer(int joinLimit, Duration joinWindow) throws IOException {
        this(joinLimit, joinWindow, Optional.empty());
    }

    public FakeIrcServer(int joinLimit, Duration joinWindow, Optional<String> requiredToken) throws IOException {
        this(joinLimit, joinWindow, requiredToken, Optional.empty());
    }

    /** A server that speaks TLS ({@code ircs://}) with the key of {@code tls} when present. */
    public FakeIrcServer(int joinLimit, Duration joinWindow, Optional<String> requiredToken,
                         Optional<javax.net.ssl.SSLContext> tls) throws IOException {
        this.tls = tls.isPresent();
        this.server = tls.isPresent()
                ? tls.get().getServerSocketFactory().createServerSocket(0, 200, InetAddress.getLoopbackAddress())
                : new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.joinLimit = joinLimit;
        this.joinWindowNanos = joinWindow.toNanos();
        this.requiredToken = requiredToken;
        this.acceptor = Thread.ofPlatform().daemon().name("fake-irc-accept").start(this::acceptLoop);
    }

    public String uri() {
        return (tls ? "ircs" : "irc") + "://127.0.0.1:" + server.getLocalPort();
    }

    /** Sets the channels a logged-in nick may be in at once (Twitch: 100). */
    public void channelCap(int cap) {
        this.channelCap = cap;
    }

    /** Marks {@code channel} suspended: its JOINs are refused with {@code msg_channel_suspended}. */
    public void suspend(String channel) {
        suspended.add(channel);
    }

    /** Sets how many chatters {@code channel}'s room has (above the threshold no JOIN/PART is sent). */
    public void roomSize(String channel, int chatters) {
        roomSizes.put(channel, chatters);
    }

    /** Sets the room size above which membership JOIN/PART is not sent (Twitch: 1,000). */
    public void membershipThreshold(int chatters) {
        this.membershipThreshold = chatters;
    }

    /** Every channel JOIN received within the limit, in arrival order (refused ones included). */
    public List<String> joinOrder() {
        return List.copyOf(joinOrder);
    }

    /** JOINs refused with {@code msg_concurrent_channel_limit_reached}. */
    public int capRefusals() {
        return capRefusals.get();
    }

    /** JOINs refused with {@code msg_channel_suspended}. */
    public int suspendedRefusals() {
        return suspendedRefusals.get();
    }

    /** Channels {@code nick} is in now, across all its live connections. */
    public int channelsOf(String nick) {
        int n = 0;
        for (Client c : clients) {
            if (nick.equals(c.nick)) {
                n += c.joined.size();
            }
        }
        return n;
    }

    /** Logins listed in the NAMES reply when someone joins {@code channel}. */
    public void names(String channel, List<String> logins) {
        scriptedNames.put(channel, List.copyOf(logins));
    }

    /** Silently ignores the next JOIN of {@code channel} (Twitch sometimes drops JOINs without a word). */
    public void ignoreNextJoin(String channel) {
        ignoreNextJoin.add(channel);
    }

    /** Sends a tagged PRIVMSG to every connection that joined {@code channel}; returns how many got it. */
    public int say(String channel, String login, String userId, String text) {
        String line = "@badge-info=;badges=;color=#FF0000;display-name=" + IrcMessage.escapeTagValue(login.toUpperCase())
                + ";emotes=;id=" + messagesSent.incrementAndGet() + ";mod=0;room-id=1;subscriber=0;tmi-sent-ts="
                + System.currentTimeMillis() + ";turbo=0;user-id=" + userId + ";user-type= :" + login + "!" + login
                + "@" + login + ".tmi.twitch.tv PRIVMSG #" + channel + " :" + text;
        return broadcast(channel, line);
    }

    /** Sends a membership JOIN of {@code login} in {@code channel}; none in a room above the threshold. */
    public int membershipJoin(String channel, String login) {
        if (roomSizes.getOrDefault(channel, 0) > membershipThreshold) {
            return 0;
        }
        return broadcast(channel, ":" + login + "!" + login + "@" + login + ".tmi.twitch.tv JOIN #" + channel);
    }

    /** Sends a raw line to every connection that joined {@code channel}. */
    public int broadcast(String channel, String line) {
        int n = 0;
        for (Client c : clients) {
            if (c.joined.contains(channel) && c.send(line)) {
                n++;
            }
        }
        return n;
    }

    public void pingAll() {
        clients.forEach(c -> c.send("PING :tmi.twitch.tv"));
    }

    /** Asks every client to reconnect, then closes the sockets as Twitch does. */
    public void reconnectAll() {
        for (Client c : clients) {
            c.send(":tmi.twitch.tv RECONNECT");
            c.close();
        }
    }

    /** Drops every connection without a word. */
    public void dropAll() {
        clients.forEach(Client::close);
    }

    /** Whether a live connection has joined {@code channel}. */
    public boolean isJoined(String channel) {
        for (Client c : clients) {
            if (c.joined.contains(channel)) {
                return true;
            }
        }
        return false;
    }

    public int liveConnections() {
        return clients.size();
    }

    /** The number of channels joined on each live connection. */
    public List<Integer> channelsPerConnection() {
        List<Integer> sizes = new ArrayList<>();
        clients.forEach(c -> sizes.add(c.joined.size()));
        return sizes;
    }

    public int connectionsAccepted() {
        return connectionsAccepted.get();
    }

    public int droppedForJoinFlood() {
        return droppedForJoinFlood.get();
    }

    public int joinsReceived() {
        return joinsReceived.get();
    }

    public int pongsReceived() {
        return pongsReceived.get();
    }

    /** JOINs received on a connection that was not logged in (welcomed) yet; Twitch ignores them. */
    public int joinsBeforeWelcome() {
        return joinsBeforeWelcome.get();
    }

    /** PINGs the clients sent (liveness checks after silence). */
    public int pingsReceived() {
        return pingsReceived.get();
    }

    /** Makes the current connections half-open: they stay up but ignore everything (new ones behave). */
    public void muteCurrentConnections() {
        clients.forEach(c -> c.muted = true);
    }

    /** Waits until {@code condition} holds; fails after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    public void awaitJoined(Duration timeout, String... channels) throws InterruptedException {
        await("joins of " + List.of(channels), timeout, () -> {
            for (String ch : channels) {
                if (!isJoined(ch)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropAll();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                connectionsAccepted.incrementAndGet();
                Client c = new Client(s);
                clients.add(c);
                Thread.ofVirtual().name("fake-irc-client").start(c::serve);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Whether {@code nick} (logged in) is in as many channels as the cap allows, across its connections. */
    private boolean atChannelCap(String nick) {
        return !nick.startsWith("justinfan") && channelsOf(nick) >= channelCap;
    }

    /** Whether one more JOIN by {@code nick} is within the limit; records it. */
    private synchronized boolean admitJoin(String nick) {
        long now = System.nanoTime();
        ArrayDeque<Long> times = joinTimes.computeIfAbsent(nick, k -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= joinWindowNanos) {
            times.pollFirst();
        }
        if (times.size() >= joinLimit) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    private final class Client {
        private final Socket socket;
        private final Set<String> joined = ConcurrentHashMap.newKeySet();
        private volatile String nick;
        private String pass;
        private volatile boolean muted;
        private volatile boolean welcomed;

        Client(Socket socket) {
            this.socket = socket;
        }

        void serve() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    handle(line);
                }
            } catch (IOException e) {
                // connection dropped
            } finally {
                close();
            }
        }

        private void handle(String line) {
            if (muted) {
                return;
            }
            IrcMessage m = IrcMessage.parse(line);
            switch (m.command()) {
                case "CAP" -> send(":tmi.twitch.tv CAP * ACK :" + m.param(m.params().size() - 1).orElse(""));
                case "PASS" -> pass = m.param(0).orElse("");
                case "NICK" -> {
                    nick = m.param(0).orElse("");
                    boolean anonymous = nick.startsWith("justinfan");
                    if (!anonymous && pass != null && !pass.startsWith("oauth:")) {
                        send(":tmi.twitch.tv NOTICE * :Improperly formatted auth");
                        close();
                        return;
                    }
                    if (requiredToken.isPresent() && !anonymous && !("oauth:" + requiredToken.get()).equals(pass)) {
                        send(":tmi.twitch.tv NOTICE * :Login authentication failed");
                        close();
                        return;
                    }
                    // Welcome a little later, as a real server does after checking the login: a client that
                    // JOINs before the welcome shows up in joinsBeforeWelcome().
                    String welcomeNick = nick;
                    Thread.ofVirtual().start(() -> {
                        try {
                            Thread.sleep(30);
                        } catch (InterruptedException e) {
                            return;
                        }
                        welcomed = true; // ready before the client can see 001
                        for (String n : List.of("001", "002", "003", "004", "375", "372", "376")) {
                            send(":tmi.twitch.tv " + n + " " + welcomeNick + " :-");
                        }
                    });
                }
                case "JOIN" -> {
                    if (!welcomed) {
                        joinsBeforeWelcome.incrementAndGet();
                        return;
                    }
                    for (String target : m.param(0).orElse("").split(",")) {
                        joinsReceived.incrementAndGet();
                        if (!admitJoin(nick)) {
                            droppedForJoinFlood.incrementAndGet();
                            close();
                            return;
                        }
                        String channel = target.substring(1);
                        joinOrder.add(channel);
                        if (ignoreNextJoin.remove(channel)) {
                            continue;
                        }
                        if (suspended.contains(channel)) {
                            suspendedRefusals.incrementAndGet();
                            send("@msg-id=msg_channel_suspended :tmi.twitch.tv NOTICE #" + channel
                                    + " :This channel has been suspended.");
                            continue;
                        }
                        if (joined.contains(channel)) {
                            continue;
                        }
                        if (atChannelCap(nick)) {
                            capRefusals.incrementAndGet();
                            send("@msg-id=msg_concurrent_channel_limit_reached :tmi.twitch.tv NOTICE #" + channel
                                    + " :You have reached the maximum number of channels you can join at once.");
                            continue;
                        }
                        joined.add(channel);
                        send(":" + nick + "!" + nick + "@" + nick + ".tmi.twitch.tv JOIN #" + channel);
                        List<String> names = new ArrayList<>();
                        names.add(nick);
                        if (roomSizes.getOrDefault(channel, 0) <= membershipThreshold) {
                            names.addAll(scriptedNames.getOrDefault(channel, List.of())); // partial in big rooms
                        }
                        send(":" + nick + ".tmi.twitch.tv 353 " + nick + " = #" + channel + " :" + String.join(" ", names));
                        send(":" + nick + ".tmi.twitch.tv 366 " + nick + " #" + channel + " :End of /NAMES list");
                    }
                }
                case "PART" -> {
                    String channel = m.param(0).orElse("#").substring(1);
                    if (joined.remove(channel)) {
                        send(":" + nick + "!" + nick + "@" + nick + ".tmi.twitch.tv PART #" + channel);
                    }
                }
                case "PING" -> {
                    pingsReceived.incrementAndGet();
                    send(":tmi.twitch.tv PONG tmi.twitch.tv :" + m.param(m.params().size() - 1).orElse(""));
                }
                case "PONG" -> pongsReceived.incrementAndGet();
                default -> {
                }
            }
        }

        boolean send(String line) {
            try {
                OutputStream out = socket.getOutputStream();
                synchronized (this) {
                    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                return true;
            } catch (IOException e) {
                close();
                return false;
            }
        }

        void close() {
            clients.remove(this);
            joined.clear();
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
