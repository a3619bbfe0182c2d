package io.vieweratlas.twitch.vod;

import java.util.Objects;

/**
 * What a streamed chat replay fetch saw; the comments themselves went to the {@link ReplaySink}.
 *
 * @param vodId             the video id
 * @param comments          distinct comments handed to the sink
 * @param deletedCommenters comments skipped because their author was deleted ({@code commenter: null})
 * @param duplicates        comments seen more than once (overlapping pages) and passed on once
 * @param requests          requests made, retries included
 * @param retries           requests repeated after a retryable failure (429, 5xx, I/O, integrity errors)
 */
public record ReplaySummary(String vodId, long comments, long deletedCommenters, long duplicates, long requests,
                            long retries) {
    public ReplaySummary {
        Objects.requireNonNull(vodId, "vodId");
        if (comments < 0 || deletedCommenters < 0 || duplicates < 0 || requests < 0 || retries < 0) {
            throw new IllegalArgumentException("replay counts must not be negative");
        }
    }
}
