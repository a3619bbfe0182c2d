package io.vieweratlas.twitch.helix;

import java.util.Objects;

/**
 * A Twitch user as {@code GET /users} reports it.
 *
 * @param id              user id
 * @param login           login, lower case
 * @param displayName     display name
 * @param broadcasterType {@code partner}, {@code affiliate} or empty
 */
public record HelixUser(String id, String login, String displayName, String broadcasterType) {
    public HelixUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(broadcasterType, "broadcasterType");
    }
}
