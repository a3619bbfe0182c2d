package io.vieweratlas.twitch.irc;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A channel that is wanted but not joined, and why.
 *
 * @param channel  channel login
 * @param reason   why it is not joined
 * @param byTwitch true when Twitch answered a JOIN with the refusal NOTICE; false when the
 *                 collector did not send the JOIN because it would exceed the account's cap
 * @param at       when the refusal was recorded
 */
public record JoinRefusal(String channel, RefusalReason reason, boolean byTwitch, Instant at) {
    public JoinRefusal {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    /** When the channel is asked for again. */
    public RetryAfter retryAfter() {
        return reason.retryAfter();
    }

    /** One line for people, e.g. {@code suspended (msg_channel_suspended), retried at the next discovery}. */
    public String describe() {
        String retry = switch (reason.retryAfter()) {
            case NEXT_DISCOVERY -> "retried at the next discovery";
            case SLOT_FREES -> "joined when a channel slot frees";
        };
        String origin = byTwitch ? reason.msgId() : "not asked: over max_channels_per_login";
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + origin + "), " + retry;
    }
}
