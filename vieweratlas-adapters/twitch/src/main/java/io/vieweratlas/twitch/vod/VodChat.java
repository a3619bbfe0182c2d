package io.vieweratlas.twitch.vod;

import java.time.Instant;
import java.util.Objects;

/**
 * A VOD's chat together with what identifies the VOD: the unit that is stored raw, imported and
 * bucketed.
 *
 * @param channelLogin the channel's login, lower case
 * @param channelId    the channel's user id
 * @param vodId        the video id (digits)
 * @param createdAt    when the broadcast started
 * @param title        the video title, possibly empty
 * @param replay       the comments
 */
public record VodChat(String channelLogin, String channelId, String vodId, Instant createdAt, String title,
                      ChatReplay replay) {
    public VodChat {
        Objects.requireNonNull(channelLogin, "channelLogin");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(vodId, "vodId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(replay, "replay");
        if (!vodId.matches("\\d+")) {
            throw new IllegalArgumentException("VOD id must be digits, was '" + vodId + "'");
        }
        if (!replay.vodId().equals(vodId)) {
            throw new IllegalArgumentException("replay of VOD " + replay.vodId() + " given for VOD " + vodId);
        }
    }
}
