package io.vieweratlas.twitch;

/**
 * The Twitch credentials are missing, invalid, expired or lack a permission (HTTP 401/403, or a
 * failed token validation). Retrying does not help; the command line reports the message and
 * exits without a stack trace. The message never contains a secret.
 */
public class TwitchAuthException extends TwitchApiException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and what to do about it
     * @param status  the HTTP status (401, 403), or 0 when detected locally
     */
    public TwitchAuthException(String message, int status) {
        super(message, status, null);
    }
}
