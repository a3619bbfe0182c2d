package io.vieweratlas.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A stream that is live now, as a {@link io.vieweratlas.core.port.StreamDirectory} reports it.
 *
 * @param channelId   the broadcaster's user id
 * @param login       the broadcaster's login, lower case
 * @param gameName    category name, empty when none
 * @param language    broadcaster language, empty when unknown
 * @param title       stream title
 * @param viewerCount current viewers
 * @param startedAt   when it went live
 */
public record LiveStream(String channelId, String login, String gameName, String language, String title,
                         long viewerCount, Instant startedAt) {
    public LiveStream {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(gameName, "gameName");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(startedAt, "startedAt");
        if (viewerCount < 0) {
            throw new IllegalArgumentException("viewerCount must be >= 0, was " + viewerCount);
        }
    }
}
