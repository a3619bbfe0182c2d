package io.vieweratlas.twitch.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Twitch's {@code /validate} says about a token.
 *
 * @param clientId  the client id the token belongs to, empty if Twitch did not say
 * @param login     the user's login (user tokens only)
 * @param userId    the user's id (user tokens only)
 * @param scopes    granted scopes
 * @param expiresIn seconds until expiry (0 for tokens that do not expire)
 */
public record TokenInfo(String clientId, Optional<String> login, Optional<String> userId, List<String> scopes,
                        long expiresIn) {
    public TokenInfo {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(userId, "userId");
        scopes = List.copyOf(scopes);
    }

    /** The body of {@code GET /validate} as Twitch sends it (absent fields are null). */
    record Response(String clientId, String login, String userId, List<String> scopes, Long expiresIn) {
        TokenInfo toTokenInfo() {
            return new TokenInfo(clientId == null ? "" : clientId, Optional.ofNullable(login).filter(s -> !s.isBlank()),
                    Optional.ofNullable(userId).filter(s -> !s.isBlank()), scopes == null ? List.of() : scopes,
                    expiresIn == null ? 0 : expiresIn);
        }
    }
}
