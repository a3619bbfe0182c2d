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
final class LakeTimes {

    /** Placeholders the original wrote when Twitch did not say (e.g. {@code started_at: "Unknown"}). */
    static final Set<String> PLACEHOLDERS = Set.of("", "unknown", "unavailable", "none", "null", "n/a");

    private LakeTimes() {
    }

    /**
     * Parses an ISO-8601 date-time; zone-less times are UTC.
     *
     * @return empty when {@code text} is not such a time
     */
    static Optional<Instant> parse(String text) {
        String s = text.strip();
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(s);
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Optional.of(Instant.from(t));
            }
            return Optional.of(LocalDateTime.from(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} is one of the original's "not known" placeholders. */
    static boolean isPlaceholder(String text) {
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
