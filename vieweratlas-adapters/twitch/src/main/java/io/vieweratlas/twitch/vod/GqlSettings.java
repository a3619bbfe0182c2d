package io.vieweratlas.twitch.vod;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the GraphQL chat replay client.
 *
 * @param gqlUrl       the endpoint ({@code twitch.gql_url}, env {@code TWITCH_GQL_URL})
 * @param clientId     the client id the web player sends (the endpoint refuses others)
 * @param requestDelay pause between requests ({@code vod.rate_limit_delay_s})
 * @param maxRetries   consecutive retryable failures tolerated before giving up
 * @param backoffBase  first retry wait; doubles per consecutive failure up to {@code backoffMax}
 * @param backoffMax   longest retry wait
 * @param readTimeout  per-request read timeout
 */
public record GqlSettings(URI gqlUrl, String clientId, Duration requestDelay, int maxRetries, Duration backoffBase,
                          Duration backoffMax, Duration readTimeout) {
    /** The endpoint the web client uses. */
    public static final String DEFAULT_GQL_URL = "https://gql.twitch.tv/gql";
    /** The public client id of the Twitch web client, which the replay endpoint expects. */
    public static final String WEB_CLIENT_ID = "kimne78kx3ncx6brgo4mv6wki5h1ko";

    public GqlSettings {
        Objects.requireNonNull(gqlUrl, "gqlUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(requestDelay, "requestDelay");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(readTimeout, "readTimeout");
        String scheme = gqlUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("twitch.gql_url must be an http(s) URL, was '" + gqlUrl + "'");
        }
        if (requestDelay.isNegative()) {
            throw new IllegalArgumentException("request delay must not be negative, was " + requestDelay);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
    }

    /** Defaults for {@code url} with a {@code delaySeconds} pause between requests. */
    public static GqlSettings of(String url, double delaySeconds) {
        if (!(delaySeconds >= 0)) {
            throw new IllegalArgumentException("vod.rate_limit_delay_s must be >= 0, was " + delaySeconds);
        }
        return new GqlSettings(URI.create(url), WEB_CLIENT_ID, Duration.ofMillis(Math.round(delaySeconds * 1000)), 6,
                Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30));
    }
}
