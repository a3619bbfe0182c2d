package io.vieweratlas.twitch.vod;

/** Where VOD chat replays come from (the web client's GraphQL endpoint, or a test fake). */
public interface ChatReplaySource {

    /**
     * The whole chat replay of one VOD.
     *
     * @throws io.vieweratlas.twitch.TwitchApiException when the replay cannot be fetched after retries
     */
    default ChatReplay fetch(String vodId) {
        return fetch(vodId, () -> { });
    }

    /**
     * The whole chat replay of one VOD, calling {@code afterPage} after each page so a caller can
     * keep a lease alive (or abort by throwing) during a long fetch.
     *
     * @throws io.vieweratlas.twitch.TwitchApiException when the replay cannot be fetched after retries
     */
    ChatReplay fetch(String vodId, Runnable afterPage);
}
