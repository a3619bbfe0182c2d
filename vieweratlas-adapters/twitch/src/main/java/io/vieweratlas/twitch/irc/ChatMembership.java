package io.vieweratlas.twitch.irc;

import java.util.Set;

/** Which channels the chat client watches; the collector joins and parts through this. */
public interface ChatMembership {

    /** Starts watching {@code channel} (a login, with or without {@code #}); no-op when already watched. */
    void join(String channel);

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
