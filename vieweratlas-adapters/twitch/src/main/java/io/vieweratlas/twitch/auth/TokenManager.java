package io.vieweratlas.twitch.auth;

import io.vieweratlas.twitch.TwitchAuthException;
import io.vieweratlas.twitch.http.CallExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Retrofit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Supplies the bearer token for Helix: the user token from the environment, or an app token
 * fetched by client credentials and renewed before it expires. Tokens are validated at start and
 * again whenever the last validation is older than the revalidation interval (hourly by default,
 * as Twitch requires). Thread-safe.
 */
public final class TokenManager {
    private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);

    private final TwitchCredentials credentials;
    private final OAuthApi api;
    private final CallExecutor executor;
    private final Clock clock;
    private final Duration revalidateEvery;
    private final Duration renewMargin;

    private String token;
    private Instant expiresAt = Instant.MAX;
    private Instant validatedAt;
    private TokenInfo lastInfo;

    /**
     * @param credentials     what to authenticate with
     * @param oauth           Retrofit bound to the OAuth base URL
     * @param executor        runs the OAuth calls (retries, pacing)
     * @param clock           time source
     * @param revalidateEvery how old a validation may get before the next request validates again
     * @param renewMargin     how long before expiry an app token is replaced
     */
    public TokenManager(TwitchCredentials credentials, Retrofit oauth, CallExecutor executor, Clock clock,
                        Duration revalidateEvery, Duration renewMargin) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.api = oauth.create(OAuthApi.class);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.revalidateEvery = Objects.requireNonNull(revalidateEvery, "revalidateEvery");
        this.renewMargin = Objects.requireNonNull(renewMargin, "renewMargin");
        this.token = credentials.usesAppToken() ? null : credentials.userToken().orElseThrow();
    }

    /** The client id sent as {@code Client-Id}. */
    public String clientId() {
        return credentials.clientId();
    }

    /**
     * Obtains (for app tokens) and validates the token now.
     *
     * @throws TwitchAuthException when the token is refused or belongs to another client id
     */
    public synchronized TokenInfo validateNow() {
        ensureToken();
        TokenInfo info = executor.execute("GET /validate", () -> api.validate("OAuth " + token), () -> false)
                .toTokenInfo();
        if (!info.clientId().isEmpty() && !info.clientId().equals(credentials.clientId())) {
            throw new TwitchAuthException("the Twitch token belongs to client id " + info.clientId()
                    + ", not to TWITCH_CLIENT_ID " + credentials.clientId(), 0);
        }
        validatedAt = clock.instant();
        lastInfo = info;
        LOG.info("Twitch token valid ({} token{}, expires in {} s)", credentials.usesAppToken() ? "app" : "user",
                info.login().map(l -> " of " + l).orElse(""), info.expiresIn());
        return info;
    }

    /** The token to send as {@code Authorization: Bearer}, validated within the revalidation interval. */
    public synchronized String bearerToken() {
        ensureToken();
        if (validatedAt == null || !clock.instant().isBefore(validatedAt.plus(revalidateEvery))) {
            validateNow();
        }
        return token;
    }

    /**
     * Reacts to a 401 from Helix: an app token is dropped so the next call fetches a new one
     * (returns true, retry); a user token cannot be renewed here (returns false).
     */
    public synchronized boolean onUnauthorized() {
        if (!credentials.usesAppToken()) {
            return false;
        }
        LOG.warn("Helix refused the app token; fetching a new one");
        token = null;
        validatedAt = null;
        return true;
    }

    /** The result of the last successful validation. */
    public synchronized Optional<TokenInfo> lastValidation() {
        return Optional.ofNullable(lastInfo);
    }

    private void ensureToken() {
        if (!credentials.usesAppToken()) {
            return;
        }
        Instant now = clock.instant();
        if (token != null && now.isBefore(expiresAt.minus(renewMargin))) {
            return;
        }
        OAuthApi.AppTokenResponse response = executor.execute("POST /token",
                () -> api.token(credentials.clientId(), credentials.clientSecret().orElseThrow(),
                        "client_credentials"), () -> false);
        if (response.accessToken() == null || response.accessToken().isBlank()) {
            throw new TwitchAuthException("Twitch OAuth POST /token returned no access token", 0);
        }
        token = response.accessToken();
        expiresAt = response.expiresIn() > 0 ? now.plusSeconds(response.expiresIn()) : Instant.MAX;
        validatedAt = null;
        LOG.info("fetched a Twitch app token (expires in {} s)", response.expiresIn());
    }

    @Override
    public String toString() {
        return "TokenManager[clientId=" + credentials.clientId() + ", token=***]";
    }
}
