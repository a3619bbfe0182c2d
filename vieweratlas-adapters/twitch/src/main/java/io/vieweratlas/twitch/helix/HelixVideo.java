package io.vieweratlas.twitch.helix;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One archived broadcast (VOD) as listed by Helix {@code GET /videos}.
 *
 * @param id        video id (numeric string)
 * @param userId    the channel's user id
 * @param userLogin the channel's login, lower case
 * @param title     title, possibly empty
 * @param createdAt when the broadcast started
 * @param viewCount views so far, never negative
 * @param duration  length of the video
 */
public record HelixVideo(String id, String userId, String userLogin, String title, Instant createdAt,
                         long viewCount, Duration duration) {
    public HelixVideo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userLogin, "userLogin");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(duration, "duration");
        if (viewCount < 0) {
            throw new IllegalArgumentException("viewCount must not be negative, was " + viewCount);
        }
    }
}
