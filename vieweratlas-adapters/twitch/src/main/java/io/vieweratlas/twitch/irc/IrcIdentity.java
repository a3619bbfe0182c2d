package io.vieweratlas.twitch.irc;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Who the chat client logs in as: a user (nick plus token, sent as {@code PASS oauth:<token>})
 * or an anonymous read-only {@code justinfan<digits>}. {@link #toString()} hides the token.
 *
 * @param nick  the login sent as {@code NICK}, lower case
 * @param token the user access token without {@code oauth:}, or empty for anonymous
 */
public record IrcIdentity(String nick, Optional<String> token) {

    public IrcIdentity {
        Objects.requireNonNull(nick, "nick");
        if (nick.isBlank() || nick.contains(" ")) {
            throw new IllegalArgumentException("IRC nick must be a single non-blank word, was '" + nick + "'");
        }
        nick = nick.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(token, "token");
    }

    /** An anonymous identity {@code justinfan<digits>}. */
    public static IrcIdentity anonymous(RandomGenerator random) {
        return new IrcIdentity("justinfan" + (10_000 + random.nextInt(90_000)), Optional.empty());
    }

    /** A user identity; the {@code oauth:} prefix of the token is optional. */
    public static IrcIdentity user(String nick, String token) {
        String t = Objects.requireNonNull(token, "token").strip();
        if (t.regionMatches(true, 0, "oauth:", 0, 6)) {
            t = t.substring(6);
        }
        if (t.isBlank()) {
            throw new IllegalArgumentException("IRC token must not be blank");
        }
        return new IrcIdentity(nick, Optional.of(t));
    }

    /** Whether this is a read-only anonymous login. */
    public boolean anonymous() {
        return token.isEmpty();
    }

    @Override
    public String toString() {
        return "IrcIdentity[nick=" + nick + ", token=" + (token.isPresent() ? "***" : "none") + "]";
    }
}
