package io.vieweratlas.lake.vod;

import io.vieweratlas.lake.LakeLayout;

import java.time.Instant;
import java.util.Objects;

/**
 * A VOD to collect: which video of which channel.
 *
 * @param vodId     Twitch video id (digits)
 * @param channel   channel login, lower case
 * @param channelId the channel's Twitch user id
 * @param createdAt when the broadcast started (bucket timestamps are offsets from it)
 */
public record VodTask(String vodId, String channel, String channelId, Instant createdAt) {
    public VodTask {
        Objects.requireNonNull(vodId, "vodId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(createdAt, "createdAt");
        LakeLayout.vodChatKey(channel, vodId); // checks login and id with clear messages
        if (channelId.isBlank()) {
            throw new IllegalArgumentException("channelId must not be blank for VOD " + vodId);
        }
    }
}
