package io.vieweratlas.twitch.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Twitch credentials, read from the environment only. A user token (for Helix and for chat) or a
 * client secret (for an app token fetched by client credentials, Helix only) is required next to
 * the client id. {@link #toString()} never shows a secret.
 *
 * @param clientId     the application's client id ({@value #CLIENT_ID_VARIABLE})
 * @param userToken    a user access token without the {@code oauth:} prefix ({@value #TOKEN_VARIABLE})
 * @param clientSecret the application's secret ({@value #SECRET_VARIABLE})
 */
public record TwitchCredentials(String clientId, Optional<String> userToken, Optional<String> clientSecret) {

    /** Environment variable holding the user token, with or without {@code oauth:}. */
    public static final String TOKEN_VARIABLE = "TWITCH_OAUTH_TOKEN";
    /** Environment variable holding the client id. */
    public static final String CLIENT_ID_VARIABLE = "TWITCH_CLIENT_ID";
    /** Environment variable holding the client secret (optional: enables app tokens). */
    public static final String SECRET_VARIABLE = "TWITCH_CLIENT_SECRET";

    public TwitchCredentials {
        Objects.requireNonNull(clientId, "clientId");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException(CLIENT_ID_VARIABLE + " must not be blank");
        }
        Objects.requireNonNull(userToken, "userToken");
        Objects.requireNonNull(clientSecret, "clientSecret");
        userToken = userToken.map(TwitchCredentials::stripOauthPrefix).filter(t -> !t.isBlank());
        clientSecret = clientSecret.filter(s -> !s.isBlank());
        if (userToken.isEmpty() && clientSecret.isEmpty()) {
            throw new IllegalArgumentException("either a user token (" + TOKEN_VARIABLE
                    + ") or a client secret (" + SECRET_VARIABLE + ") is required");
        }
    }

    /** Credentials with a user token (the {@code oauth:} prefix is optional). */
    public static TwitchCredentials userToken(String clientId, String token) {
        return new TwitchCredentials(clientId, Optional.of(token), Optional.empty());
    }

    /** Credentials for an app token fetched by client credentials. */
    public static TwitchCredentials appCredentials(String clientId, String clientSecret) {
        return new TwitchCredentials(clientId, Optional.empty(), Optional.of(clientSecret));
    }

    /**
     * Reads credentials from environment variables.
     *
     * @param env the environment, e.g. {@link System#getenv()}
     * @throws MissingCredentialsException naming {@value #TOKEN_VARIABLE} and {@value #CLIENT_ID_VARIABLE}
     *                                     when the client id, or both the token and the secret, are missing
     */
    public static TwitchCredentials fromEnvironment(Map<String, String> env) {
        Optional<String> clientId = nonBlank(env.get(CLIENT_ID_VARIABLE));
        Optional<String> token = nonBlank(env.get(TOKEN_VARIABLE)).map(TwitchCredentials::stripOauthPrefix)
                .filter(t -> !t.isBlank());
        Optional<String> secret = nonBlank(env.get(SECRET_VARIABLE));
        if (clientId.isEmpty() || (token.isEmpty() && secret.isEmpty())) {
            StringBuilder missing = new StringBuilder();
            if (token.isEmpty() && secret.isEmpty()) {
                missing.append(TOKEN_VARIABLE);
            }
            if (clientId.isEmpty()) {
                missing.append(missing.isEmpty() ? "" : " and ").append(CLIENT_ID_VARIABLE);
            }
            throw new MissingCredentialsException("Twitch credentials missing: set " + TOKEN_VARIABLE + " and "
                    + CLIENT_ID_VARIABLE + " in the environment (" + SECRET_VARIABLE
                    + " may replace the token for an app token); not set: " + missing);
        }
        return new TwitchCredentials(clientId.get(), token, secret);
    }

    /** Whether Helix calls use an app token fetched by client credentials (a secret is set). */
    public boolean usesAppToken() {
        return clientSecret.isPresent();
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String stripOauthPrefix(String token) {
        String t = token.strip();
        return t.regionMatches(true, 0, "oauth:", 0, 6) ? t.substring(6) : t;
    }

    @Override
    public String toString() {
        return "TwitchCredentials[clientId=" + clientId + ", userToken=" + (userToken.isPresent() ? "***" : "none")
                + ", clientSecret=" + (clientSecret.isPresent() ? "***" : "none") + "]";
    }
}
