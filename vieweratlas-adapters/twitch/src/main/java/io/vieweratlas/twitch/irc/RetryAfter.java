package io.vieweratlas.twitch.irc;

/** When a channel whose JOIN Twitch refused is asked for again. */
public enum RetryAfter {
    /** At the next discovery of live channels (a suspension or ban may be lifted meanwhile). */
    NEXT_DISCOVERY,
    /** Only when one of the account's channel slots frees (a watched channel ends); never in a loop. */
    SLOT_FREES
}
