package io.vieweratlas.twitch.vod;

/** Where VOD chat replays come from (the web client's GraphQL endpoint, or a test fake). */
public interface ChatReplaySource {

    /**
     * The whole chat replay of one VOD.
     *
     * @throws io.vieweratlas.twitch.TwitchApiException when the replay cannot be fetched after retries
     */
    ChatReplay fetch(String vodId);
}
