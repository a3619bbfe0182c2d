package io.vieweratlas.twitch.irc;

import java.util.Set;
import java.util.TreeSet;

/** Which channels the chat client watches; the collector joins and parts through this. */
public interface ChatMembership {

    /** Starts watching {@code channel} (a login, with or without {@code #}); no-op when already watched. */
    void join(String channel);

    /**
     * Starts watching {@code channel}, joined before channels with fewer {@code viewers} (at start
     * and after every reconnect); for a channel already watched, updates its priority.
     */
    default void join(String channel, long viewers) {
        join(channel);
    }

    /** Asks again for channels refused until the next discovery (suspended, banned); called at each discovery. */
    default void retryRefused() {
    }

    /** Which wanted channels are joined now, and why the others are not. */
    default ChatCoverage coverage() {
        return ChatCoverage.allJoined(new TreeSet<>(channels()));
    }

    /** Stops watching {@code channel}; no-op when not watched. */
    void part(String channel);

    /** The channels being watched (joined or waiting to be joined), sorted. */
    Set<String> channels();

    /**
     * Fails when chat can no longer work (e.g. Twitch refused the login), so the collector stops
     * with a clear message instead of collecting nothing. Does nothing by default.
     */
    default void checkHealthy() {
    }
}
