package io.vieweratlas.twitch.vod;

import io.vieweratlas.twitch.TwitchApiException;

import java.util.Objects;

/**
 * A chat replay could not be fetched, with what kind of failure it was, so that the caller can
 * tell a VOD's own problem from an endpoint that fails for everyone.
 */
public final class ChatReplayException extends TwitchApiException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure ended the fetch. */
    public enum Kind {
        /**
         * Timeouts, I/O errors, 5xx, 429 or integrity checks still failing after the client's own
         * retries; may pass on a later run.
         */
        TRANSIENT,
        /**
         * The endpoint refused the request itself (a GraphQL error such as a rotated persisted
         * query, a reply whose shape is not the expected one, a 4xx other than auth): retrying the
         * same request cannot succeed, and other VODs will most likely fail the same way.
         */
        ENDPOINT,
        /** The client id or token was refused (401, 403): every request will fail. */
        AUTH,
        /** The VOD is gone or not visible (deleted, unpublished, sub-only): final for this VOD. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String errorClass;

    /**
     * @param message    what failed, naming the VOD
     * @param kind       the kind of failure
     * @param errorClass a short stable name of the failure, equal for equal causes (e.g.
     *                   {@code gql:PersistedQueryNotFound}, {@code http_503}, {@code io}), used to
     *                   see the same failure on consecutive VODs and to count errors by class
     * @param status     the HTTP status, or 0 when no response came
     * @param cause      the underlying failure, may be null
     */
    public ChatReplayException(String message, Kind kind, String errorClass, int status, Throwable cause) {
        super(message, status, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.errorClass = Objects.requireNonNull(errorClass, "errorClass");
        if (errorClass.isBlank()) {
            throw new IllegalArgumentException("errorClass must not be blank");
        }
    }

    /** The kind of failure. */
    public Kind kind() {
        return kind;
    }

    /** The failure's short stable name. */
    public String errorClass() {
        return errorClass;
    }
}
