package io.vieweratlas.runners.config;

/**
 * Twitch endpoints and chat limits (section {@code twitch}); endpoints are configurable so tests
 * can point them at loopback fakes.
 *
 * @param helixUrl              Helix API base URL
 * @param authUrl               OAuth base URL
 * @param ircUri                chat server, {@code ircs://host:port} or {@code irc://host:port}
 * @param gqlUrl                VOD chat replay endpoint
 * @param joinLimit             JOINs allowed per window per account
 * @param joinWindowS           length of the join rate window in seconds
 * @param channelsPerConnection channels per chat connection
 */
public record TwitchConfig(String helixUrl, String authUrl, String ircUri, String gqlUrl, int joinLimit,
                           int joinWindowS, int channelsPerConnection) {
}
