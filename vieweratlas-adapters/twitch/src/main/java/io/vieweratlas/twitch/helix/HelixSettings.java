package io.vieweratlas.twitch.helix;

import io.vieweratlas.twitch.http.RetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the Helix client talks to Twitch.
 *
 * @param helixUrl        Helix base URL ({@code twitch.helix_url}), default {@value #DEFAULT_HELIX_URL}
 * @param authUrl         OAuth base URL ({@code twitch.auth_url}), default {@value #DEFAULT_AUTH_URL}
 * @param connectTimeout  TCP/TLS connect timeout
 * @param readTimeout     read timeout per request (a timeout is retried)
 * @param retry           retry bounds for 5xx, timeouts and 429
 * @param revalidateEvery how often the token is validated again (Twitch requires hourly)
 * @param renewMargin     how long before expiry an app token is replaced
 * @param filter          default filters for top streams
 */
public record HelixSettings(URI helixUrl, URI authUrl, Duration connectTimeout, Duration readTimeout,
                            RetryPolicy retry, Duration revalidateEvery, Duration renewMargin, StreamFilter filter) {

    /** Production Helix. */
    public static final String DEFAULT_HELIX_URL = "https://api.twitch.tv/helix";
    /** Production OAuth. */
    public static final String DEFAULT_AUTH_URL = "https://id.twitch.tv/oauth2";

    public HelixSettings {
        helixUrl = checkHttpUrl("helix_url", helixUrl);
        authUrl = checkHttpUrl("auth_url", authUrl);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        Objects.requireNonNull(retry, "retry");
        requirePositive("revalidateEvery", revalidateEvery);
        Objects.requireNonNull(renewMargin, "renewMargin");
        if (renewMargin.isNegative()) {
            throw new IllegalArgumentException("renewMargin must not be negative, was " + renewMargin);
        }
        Objects.requireNonNull(filter, "filter");
    }

    /** Settings with all defaults (production endpoints). */
    public static HelixSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static URI checkHttpUrl(String key, URI uri) {
        Objects.requireNonNull(uri, key);
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("twitch." + key + " must be an http(s) URL, was '" + uri + "'");
        }
        String s = uri.toString();
        return URI.create(s.endsWith("/") ? s : s + "/"); // Retrofit resolves relative paths against a trailing slash
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (!d.isPositive()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** Builds {@link HelixSettings}. */
    public static final class Builder {
        private URI helixUrl = URI.create(DEFAULT_HELIX_URL);
        private URI authUrl = URI.create(DEFAULT_AUTH_URL);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Duration revalidateEvery = Duration.ofHours(1);
        private Duration renewMargin = Duration.ofMinutes(10);
        private StreamFilter filter = StreamFilter.NONE;

        private Builder() {
        }

        /** Sets the Helix base URL. */
        public Builder helixUrl(String url) {
            this.helixUrl = parse("helix_url", url);
            return this;
        }

        /** Sets the OAuth base URL. */
        public Builder authUrl(String url) {
            this.authUrl = parse("auth_url", url);
            return this;
        }

        /** Sets the connect timeout. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /** Sets the per-request read timeout. */
        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        /** Sets the retry bounds. */
        public Builder retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        /** Sets how often the token is validated again. */
        public Builder revalidateEvery(Duration d) {
            this.revalidateEvery = d;
            return this;
        }

        /** Sets how long before expiry an app token is renewed. */
        public Builder renewMargin(Duration d) {
            this.renewMargin = d;
            return this;
        }

        /** Sets the default filters for top streams. */
        public Builder filter(StreamFilter filter) {
            this.filter = filter;
            return this;
        }

        /** Builds and checks the settings. */
        public HelixSettings build() {
            return new HelixSettings(helixUrl, authUrl, connectTimeout, readTimeout, retry, revalidateEvery,
                    renewMargin, filter);
        }

        private static URI parse(String key, String url) {
            Objects.requireNonNull(url, key);
            try {
                return new URI(url.strip());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("twitch." + key + " is not a URL: '" + url + "'", e);
            }
        }
    }
}
