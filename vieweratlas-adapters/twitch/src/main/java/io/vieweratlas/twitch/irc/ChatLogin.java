package io.vieweratlas.twitch.irc;

import java.util.Locale;
import java.util.Objects;

/**
 * How the collector logs in to chat ({@code collection.chat_login}).
 *
 * <p>Anonymous {@code justinfan<digits>} logins read chat exactly like a user login and need no
 * token; since May 2024 only logged-in accounts are limited to 100 channels at once
 * (<a href="https://github.com/twitch4j/twitch4j/pull/985">twitch4j/twitch4j#985</a>), so presence
 * is read anonymously by default.
 */
public enum ChatLogin {
    /** Read-only {@code justinfan<digits>}: no token, no channel cap. */
    ANONYMOUS,
    /** The user token's account: at most {@code collection.max_channels_per_login} channels. */
    USER;

    /**
     * Parses a config value ({@code anonymous} or {@code user}, any case).
     *
     * @throws IllegalArgumentException naming the key and the allowed values
     */
    public static ChatLogin parse(String value) {
        Objects.requireNonNull(value, "value");
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "anonymous" -> ANONYMOUS;
            case "user" -> USER;
            default -> throw new IllegalArgumentException("collection.chat_login must be anonymous or user, was '"
                    + value + "'");
        };
    }

    /** The config spelling. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
