package io.vieweratlas.twitch.vod;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Where VOD chat replays come from (the web client's GraphQL endpoint, or a test fake). */
public interface ChatReplaySource {

    /**
     * Streams the chat replay of one VOD to {@code sink}, page by page.
     *
     * @throws ChatReplayException when the replay cannot be fetched after the client's retries,
     *                             saying which kind of failure it was
     */
    ReplaySummary stream(String vodId, ReplaySink sink);

    /** The whole chat replay of one VOD, held in memory (for small replays and tests). */
    default ChatReplay fetch(String vodId) {
        return fetch(vodId, () -> { });
    }

    /**
     * The whole chat replay of one VOD held in memory, calling {@code afterPage} after each page.
     *
     * @throws ChatReplayException when the replay cannot be fetched after the client's retries
     */
    default ChatReplay fetch(String vodId, Runnable afterPage) {
        Objects.requireNonNull(afterPage, "afterPage");
        List<ChatComment> all = new ArrayList<>();
        ReplaySummary s = stream(vodId, fresh -> {
            afterPage.run();
            all.addAll(fresh);
        });
        return new ChatReplay(vodId, all, s.deletedCommenters(), s.duplicates(), s.requests(), s.retries());
    }
}
