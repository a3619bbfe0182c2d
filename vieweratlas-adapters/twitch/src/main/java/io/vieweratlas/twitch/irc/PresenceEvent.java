package io.vieweratlas.twitch.irc;

import io.vieweratlas.core.model.Evidence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A viewer seen in a channel's chat, with the evidence that showed it.
 *
 * @param channel  channel login, lower case, without {@code #}
 * @param login    viewer login, lower case
 * @param userId   the viewer's user id when the message carried it ({@code user-id} tag)
 * @param evidence what showed the viewer: a message, a JOIN or a NAMES listing
 * @param at       when: {@code tmi-sent-ts} for messages, the receive time otherwise
 */
public record PresenceEvent(String channel, String login, Optional<String> userId, Evidence evidence, Instant at) {
    public PresenceEvent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(login, "login");
        if (channel.isBlank() || login.isBlank()) {
            throw new IllegalArgumentException("channel and login must not be blank: '" + channel + "', '" + login + "'");
        }
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(at, "at");
    }
}
