package io.vieweratlas.twitch.irc;

/**
 * Receives presence events from chat connections. Called concurrently from several connection
 * threads, so implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface PresenceListener {

    /** A viewer was seen. */
    void onPresence(PresenceEvent event);
}
