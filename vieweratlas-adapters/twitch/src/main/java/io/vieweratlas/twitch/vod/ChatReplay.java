package io.vieweratlas.twitch.vod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A VOD's chat replay: distinct comments in offset order, plus what was left out.
 *
 * @param vodId             the video id
 * @param comments          distinct comments sorted by offset, then id
 * @param deletedCommenters comments skipped because their author was deleted ({@code commenter: null})
 * @param duplicates        comments seen more than once (overlapping pages) and kept once
 * @param requests          requests made, retries included
 * @param retries           requests repeated after a retryable failure (429, 5xx, I/O, integrity errors)
 */
public record ChatReplay(String vodId, List<ChatComment> comments, long deletedCommenters, long duplicates,
                         long requests, long retries) {
    private static final Comparator<ChatComment> ORDER =
            Comparator.comparingDouble(ChatComment::offsetSeconds).thenComparing(ChatComment::id);

    public ChatReplay {
        Objects.requireNonNull(vodId, "vodId");
        List<ChatComment> sorted = new ArrayList<>(Objects.requireNonNull(comments, "comments"));
        sorted.sort(ORDER);
        comments = List.copyOf(sorted);
    }
}
