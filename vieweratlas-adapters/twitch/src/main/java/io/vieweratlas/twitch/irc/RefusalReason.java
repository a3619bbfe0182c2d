package io.vieweratlas.twitch.irc;

import java.util.Objects;
import java.util.Optional;

/**
 * Why Twitch refused (or the collector withheld) a channel JOIN, read from the {@code msg-id} tag
 * of the NOTICE that answers it, never from the NOTICE's text, which Twitch rewords.
 *
 * <p>Sources: the NOTICE message ids, <a href="https://dev.twitch.tv/docs/irc/msg-id/">
 * dev.twitch.tv/docs/irc/msg-id</a> ({@code msg_channel_suspended}, {@code msg_banned},
 * {@code msg_room_not_found}); the 100-channel cap of logged-in accounts and its undocumented
 * id {@code msg_concurrent_channel_limit_reached},
 * <a href="https://github.com/twitch4j/twitch4j/pull/985">twitch4j/twitch4j#985</a> (May 2024).
 */
public enum RefusalReason {
    /** The logged-in account is in as many channels as Twitch allows (100 since May 2024). */
    CHANNEL_CAP("msg_concurrent_channel_limit_reached", RetryAfter.SLOT_FREES),
    /** The channel is suspended. */
    SUSPENDED("msg_channel_suspended", RetryAfter.NEXT_DISCOVERY),
    /** The account is banned from the channel's chat. */
    BANNED("msg_banned", RetryAfter.NEXT_DISCOVERY),
    /** The channel does not exist (renamed or deleted). */
    ROOM_NOT_FOUND("msg_room_not_found", RetryAfter.NEXT_DISCOVERY);

    private final String msgId;
    private final RetryAfter retryAfter;

    RefusalReason(String msgId, RetryAfter retryAfter) {
        this.msgId = msgId;
        this.retryAfter = retryAfter;
    }

    /** The {@code msg-id} tag value Twitch sends for this refusal. */
    public String msgId() {
        return msgId;
    }

    /** When the channel is asked for again. */
    public RetryAfter retryAfter() {
        return retryAfter;
    }

    /**
     * The refusal a NOTICE's {@code msg-id} stands for; empty for every other NOTICE (command
     * results, message rejections) that does not concern a JOIN.
     */
    public static Optional<RefusalReason> ofMsgId(String msgId) {
        Objects.requireNonNull(msgId, "msgId");
        for (RefusalReason r : values()) {
            if (r.msgId.equals(msgId)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
