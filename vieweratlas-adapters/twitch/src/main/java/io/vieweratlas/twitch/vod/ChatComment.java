package io.vieweratlas.twitch.vod;

import java.util.Objects;

/**
 * One chat message of a VOD replay.
 *
 * @param id             comment id (unique within the VOD)
 * @param offsetSeconds  seconds from the start of the VOD, never negative
 * @param commenterId    the author's user id
 * @param commenterLogin the author's login, lower case
 * @param displayName    the author's display name (the login when unknown)
 * @param body           the message text
 */
public record ChatComment(String id, double offsetSeconds, String commenterId, String commenterLogin,
                          String displayName, String body) {
    public ChatComment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(commenterId, "commenterId");
        Objects.requireNonNull(commenterLogin, "commenterLogin");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(body, "body");
        if (id.isBlank()) {
            throw new IllegalArgumentException("comment id must not be blank");
        }
        if (commenterLogin.isBlank()) {
            throw new IllegalArgumentException("commenter login of comment " + id + " must not be blank");
        }
        if (!(offsetSeconds >= 0) || Double.isInfinite(offsetSeconds)) {
            throw new IllegalArgumentException("offset of comment " + id + " must be a finite number >= 0, was "
                    + offsetSeconds);
        }
    }
}
