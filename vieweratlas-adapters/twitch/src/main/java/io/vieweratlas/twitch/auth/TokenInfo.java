package io.vieweratlas.twitch.auth;

import java.util.List;

/**
 * What Twitch's {@code /validate} says about a token. {@code login} and {@code userId} are null
 * for app tokens (Twitch omits them), so use the accessors that return {@link java.util.Optional}.
 *
 * @param clientId  the client id the token belongs to
 * @param login     the user's login (user tokens only)
 * @param userId    the user's id (user tokens only)
 * @param scopes    granted scopes
 * @param expiresIn seconds until expiry (0 for tokens that do not expire)
 */
public record TokenInfo(String clientId, String login, String userId, List<String> scopes, long expiresIn) {
    public TokenInfo {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** The user's login, for user tokens. */
    public java.util.Optional<String> userLogin() {
        return java.util.Optional.ofNullable(login);
    }
}
