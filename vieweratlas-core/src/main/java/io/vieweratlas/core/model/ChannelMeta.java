package io.vieweratlas.core.model;

import java.util.Objects;

/**
 * A channel's metadata aggregated over an analysis window.
 *
 * @param channel     channel login
 * @param viewerCount the highest viewer count Twitch reported in the window
 * @param game        most frequent game, empty when unknown
 * @param language    most frequent language, empty when unknown
 * @param title       latest non-empty title, empty when unknown
 */
public record ChannelMeta(String channel, long viewerCount, String game, String language, String title) {
    public ChannelMeta {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(game, "game");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(title, "title");
        if (viewerCount < 0) {
            throw new IllegalArgumentException("viewerCount must be >= 0, was " + viewerCount);
        }
    }
}
