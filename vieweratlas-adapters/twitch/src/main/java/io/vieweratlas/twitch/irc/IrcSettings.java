package io.vieweratlas.twitch.irc;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the chat client connects and paces itself.
 *
 * @param uri                   {@code ircs://host:port} (TLS) or {@code irc://host:port} (plain, for tests);
 *                              {@code twitch.irc_uri}, default {@value #DEFAULT_URI}
 * @param channelsPerConnection channels per socket ({@code twitch.channels_per_connection}, default 100)
 * @param joinLimit             JOINs per window per account ({@code twitch.join_limit}, default 20)
 * @param joinWindow            the join window ({@code twitch.join_window_s}, default 10 s)
 * @param connectTimeout        TCP/TLS connect timeout
 * @param idleTimeout           silence after which the client PINGs, and after a second one reconnects
 * @param reconnectBackoffMin   first reconnect delay after a dropped socket
 * @param reconnectBackoffMax   longest reconnect delay
 * @param joinConfirmTimeout    how long to wait for Twitch to confirm a JOIN before sending it again
 * @param maxChannelsPerLogin   channels a logged-in (non-anonymous) account may be in at once across all its
 *                              connections ({@code collection.max_channels_per_login}, default 100, Twitch's cap
 *                              since May 2024); anonymous logins have no cap
 */
public record IrcSettings(URI uri, int channelsPerConnection, int joinLimit, Duration joinWindow,
                          Duration connectTimeout, Duration idleTimeout, Duration reconnectBackoffMin,
                          Duration reconnectBackoffMax, Duration joinConfirmTimeout,
                          int maxChannelsPerLogin) {

    /** Twitch chat over TLS. */
    public static final String DEFAULT_URI = "ircs://irc.chat.twitch.tv:6697";

    public IrcSettings {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("irc") || scheme.equals("ircs")) || uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("twitch.irc_uri must look like ircs://host:port or irc://host:port, was '"
                    + uri + "'");
        }
        if (channelsPerConnection < 1) {
            throw new IllegalArgumentException("twitch.channels_per_connection must be >= 1, was "
                    + channelsPerConnection);
        }
        if (joinLimit < 1) {
            throw new IllegalArgumentException("twitch.join_limit must be >= 1, was " + joinLimit);
        }
        if (maxChannelsPerLogin < 1) {
            throw new IllegalArgumentException("collection.max_channels_per_login must be >= 1, was "
                    + maxChannelsPerLogin);
        }
        requirePositive("twitch.join_window_s", joinWindow);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("reconnectBackoffMin", reconnectBackoffMin);
        requirePositive("reconnectBackoffMax", reconnectBackoffMax);
        requirePositive("joinConfirmTimeout", joinConfirmTimeout);
        if (reconnectBackoffMax.compareTo(reconnectBackoffMin) < 0) {
            throw new IllegalArgumentException("reconnectBackoffMax " + reconnectBackoffMax
                    + " is shorter than reconnectBackoffMin " + reconnectBackoffMin);
        }
    }

    /** Whether the connection uses TLS ({@code ircs}). */
    public boolean tls() {
        return uri.getScheme().equalsIgnoreCase("ircs");
    }

    /** Settings with all defaults. */
    public static IrcSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (!d.isPositive()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** Builds {@link IrcSettings}. */
    public static final class Builder {
        private URI uri = URI.create(DEFAULT_URI);
        private int channelsPerConnection = 100;
        private int joinLimit = 20;
        private Duration joinWindow = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofMinutes(6);
        private Duration reconnectBackoffMin = Duration.ofSeconds(1);
        private Duration reconnectBackoffMax = Duration.ofSeconds(60);
        private Duration joinConfirmTimeout = Duration.ofSeconds(30);
        private int maxChannelsPerLogin = 100;

        private Builder() {
        }

        /** Sets the server URI ({@code ircs://host:port} or {@code irc://host:port}). */
        public Builder uri(String uri) {
            try {
                this.uri = new URI(Objects.requireNonNull(uri, "uri").strip());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("twitch.irc_uri is not a URI: '" + uri + "'", e);
            }
            return this;
        }

        /** Sets how many channels share one socket. */
        public Builder channelsPerConnection(int n) {
            this.channelsPerConnection = n;
            return this;
        }

        /** Sets the JOIN limit per window. */
        public Builder joinLimit(int n) {
            this.joinLimit = n;
            return this;
        }

        /** Sets the JOIN window. */
        public Builder joinWindow(Duration d) {
            this.joinWindow = d;
            return this;
        }

        /** Sets the connect timeout. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /** Sets the silence after which the client checks the connection with a PING. */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        /** Sets the reconnect backoff bounds. */
        public Builder reconnectBackoff(Duration min, Duration max) {
            this.reconnectBackoffMin = min;
            this.reconnectBackoffMax = max;
            return this;
        }

        /** Sets how long a JOIN may stay unconfirmed before it is sent again. */
        public Builder joinConfirmTimeout(Duration d) {
            this.joinConfirmTimeout = d;
            return this;
        }

        /** Sets how many channels a logged-in account may be in at once (anonymous logins are not capped). */
        public Builder maxChannelsPerLogin(int n) {
            this.maxChannelsPerLogin = n;
            return this;
        }

        /** Builds and checks the settings. */
        public IrcSettings build() {
            return new IrcSettings(uri, channelsPerConnection, joinLimit, joinWindow, connectTimeout, idleTimeout,
                    reconnectBackoffMin, reconnectBackoffMax, joinConfirmTimeout, maxChannelsPerLogin);
        }
    }
}
