package io.vieweratlas.twitch;

/**
 * A Twitch API request failed for good: rejected (400, 404), or still failing after the bounded
 * retries for rate limits, server errors and timeouts. The message names the endpoint and the
 * HTTP status so an operator can act on it; it never contains a token.
 */
public class TwitchApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param message what failed, naming the endpoint
     * @param status  the HTTP status, or 0 when no response came (I/O error, timeout)
     * @param cause   the underlying failure, may be null
     */
    public TwitchApiException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when no response came. */
    public int status() {
        return status;
    }
}
