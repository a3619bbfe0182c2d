package io.vieweratlas.twitch.helix;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Helix video durations such as {@code 3h8m33s}, {@code 45m2s} or {@code 17s}. */
public final class HelixDuration {
    private static final Pattern FORMAT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private HelixDuration() {
    }

    /**
     * The duration written as {@code [<h>h][<m>m][<s>s]} with at least one part.
     *
     * @throws IllegalArgumentException naming the text when it does not have that form
     */
    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
        if (text == null || text.isBlank() || !m.matches()) {
            throw new IllegalArgumentException("unreadable Helix duration '" + text + "' (expected e.g. 3h8m33s)");
        }
        return Duration.ofHours(part(m.group(1))).plusMinutes(part(m.group(2))).plusSeconds(part(m.group(3)));
    }

    private static long part(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
