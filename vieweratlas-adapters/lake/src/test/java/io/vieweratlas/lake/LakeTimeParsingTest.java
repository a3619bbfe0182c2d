package io.vieweratlas.lake;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The direct readers of the lake's own time forms agree with the formatters they stand in for. */
class LakeTimeParsingTest {

    private static final List<String> DATES = List.of("20240101", "20240228", "20240229", "20230229", "20240230",
            "20240231", "20240431", "20241231", "20241301", "20240001", "20240100", "00000101", "99991230");
    private static final List<String> TIMES = List.of("000000", "235959", "240000", "240001", "126000", "120060",
            "093015");

    /** What LakeTimes.parse did before its direct path: the ISO formatter on the normalised text. */
    private static Optional<Instant> viaFormatter(String text) {
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

    @Test
    void snapshotTimestampsReadLikeTheIsoFormatter() {
        for (String d : DATES) {
            for (String t : TIMES) {
                String iso = d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6) + "T"
                        + t.substring(0, 2) + ":" + t.substring(2, 4) + ":" + t.substring(4);
                for (String text : List.of(iso, iso.replace('T', ' '), " " + iso + " ", iso + "Z", iso + ".250",
                        iso + "+02:00", iso.replace('-', '/'))) {
                    assertEquals(viaFormatter(text), LakeTimes.parse(text), text);
                }
            }
        }
        for (String text : List.of("2024-01-0aT00:00:00", "2024-01-01T00:00:0", "２０２４-01-01T00:00:00", "")) {
            assertEquals(viaFormatter(text), LakeTimes.parse(text), text);
        }
    }

    @Test
    void keyTimesReadLikeTheFilePattern() {
        DateTimeFormatter fileTime = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss", Locale.ROOT);
        for (String d : DATES) {
            for (String t : TIMES) {
                Optional<LocalDateTime> expected;
                try {
                    expected = Optional.of(LocalDateTime.parse(d + "_" + t, fileTime));
                } catch (DateTimeException e) {
                    expected = Optional.empty();
                }
                // the key's folder is the key time's day (the folder check is not under test here)
                String folder = expected.map(LocalDateTime::toLocalDate).orElse(LocalDate.of(2024, 1, 1)).toString()
                        .replace('-', '/');
                String key = "raw/snapshots/" + folder + "/chan_" + d + "_" + t + ".json";
                assertEquals(expected.map(x -> x.toInstant(ZoneOffset.UTC)),
                        LakeLayout.parseSnapshotKey(key).map(SnapshotKey::time), key);
            }
        }
    }
}
