package io.vieweratlas.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What Twitch reported about a stream when a snapshot was taken. Unknown text fields are empty
 * strings, as in the original project's files; an unknown start time is empty.
 *
 * @param viewerCount viewers Twitch reported (0 when unknown), never negative
 * @param gameName    category name, empty when unknown
 * @param language    broadcaster language code (e.g. {@code en}), empty when unknown
 * @param title       stream title, empty when unknown
 * @param startedAt   when the stream went live, if known
 */
public record StreamMetadata(long viewerCount, String gameName, String language, String title,
                             Optional<Instant> startedAt) {

    /** Metadata with nothing known. */
    public static final StreamMetadata UNKNOWN = new StreamMetadata(0, "", "", "", Optional.empty());

    public StreamMetadata {
        if (viewerCount < 0) {
            throw new IllegalArgumentException("viewerCount must be >= 0, was " + viewerCount);
        }
        Objects.requireNonNull(gameName, "gameName");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
