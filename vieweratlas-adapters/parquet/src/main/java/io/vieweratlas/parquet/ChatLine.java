package io.vieweratlas.parquet;

import java.util.Objects;

/**
 * One chat message reduced to what presence needs: when (seconds into the VOD) and who.
 *
 * @param offsetSeconds seconds from the start of the VOD, finite and not negative
 * @param login         the author's login, lower case
 */
public record ChatLine(double offsetSeconds, String login) {
    public ChatLine {
        Objects.requireNonNull(login, "login");
        if (login.isBlank()) {
            throw new IllegalArgumentException("chat line login must not be blank");
        }
        if (!(offsetSeconds >= 0) || Double.isInfinite(offsetSeconds)) {
            throw new IllegalArgumentException("chat line offset must be finite and >= 0, was " + offsetSeconds);
        }
    }
}
