package io.vieweratlas.lake;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;
import java.util.Set;

/**
 * Time stamps as the lake writes and reads them.
 *
 * <p>The original project wrote {@code datetime.now().isoformat(timespec="seconds")}: a local
 * time without zone, e.g. {@code 2024-01-15T14:30:00}; its collectors ran in UTC containers, so
 * a time without zone is read as UTC. Times with {@code Z} or an offset, fractional seconds and
 * Python's {@code str(datetime)} form (space instead of {@code T}) are accepted too.
 */
public final class LakeTimes {

    /** Placeholders the original wrote when Twitch did not say (e.g. {@code started_at: "Unknown"}). */
    static final Set<String> PLACEHOLDERS = Set.of("", "unknown", "unavailable", "none", "null", "n/a");

    private LakeTimes() {
    }

    /**
     * Parses an ISO-8601 date-time; zone-less times are UTC.
     *
     * @return empty when {@code text} is not such a time
     */
    public static Optional<Instant> parse(String text) {
        String s = text.strip();
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        try {
            if (isPlainLocalTime(s)) {
                // the lake's own form, once per snapshot: read directly (LocalDateTime.of rejects
                // what the formatter's strict resolver rejects, e.g. February 30)
                return Optional.of(LocalDateTime.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10),
                        Integer.parseInt(s, 8, 10, 10), Integer.parseInt(s, 11, 13, 10),
                        Integer.parseInt(s, 14, 16, 10), Integer.parseInt(s, 17, 19, 10)).toInstant(ZoneOffset.UTC));
            }
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(s);
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Optional.of(Instant.from(t));
            }
            return Optional.of(LocalDateTime.from(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code uuuu-MM-ddTHH:mm:ss}, optionally with {@code Z} (UTC either way: the lake's
     * timestamps are zone-less UTC, Helix's {@code started_at} ends in Z), every field plain ASCII
     * digits.
     */
    private static boolean isPlainLocalTime(String s) {
        if (s.length() == 20 && s.charAt(19) == 'Z') {
            return isPlainLocalTime(s.substring(0, 19));
        }
        if (s.length() != 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return false;
        }
        for (int i = 0; i < 19; i++) {
            char c = s.charAt(i);
            if ((i == 4 || i == 7 || i == 10 || i == 13 || i == 16) != (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} is one of the original's "not known" placeholders. */
    public static boolean isPlaceholder(String text) {
        return PLACEHOLDERS.contains(text.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** The original's form: UTC without zone, seconds always, a fraction only when non-zero. */
    static String formatTimestamp(Instant t) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    /** Twitch Helix's form for {@code started_at}: UTC with {@code Z}. */
    static String formatStartedAt(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
