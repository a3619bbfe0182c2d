package io.vieweratlas.twitch.collector;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowScheduleTest {
    private static final Instant T = Instant.parse("2026-11-24T12:17:42Z");

    @Test
    void unalignedWindowsFollowTheStart() {
        WindowSchedule s = new WindowSchedule(Duration.ofHours(1), false);
        assertEquals(Instant.parse("2026-11-24T13:17:42Z"), s.firstEnd(T));
        assertEquals(Instant.parse("2026-11-24T14:17:42Z"), s.nextEnd(s.firstEnd(T), s.firstEnd(T)));
    }

    @Test
    void alignedWindowsEndOnTheHourAndTheFirstIsPartial() {
        WindowSchedule s = new WindowSchedule(Duration.ofHours(1), true);
        assertEquals(Instant.parse("2026-11-24T13:00:00Z"), s.firstEnd(T));
        assertEquals(Instant.parse("2026-11-24T14:00:00Z"), s.nextEnd(Instant.parse("2026-11-24T13:00:00Z"),
                Instant.parse("2026-11-24T13:00:00.250Z")));
        assertEquals(Instant.parse("2026-11-24T13:00:00Z"), s.firstEnd(Instant.parse("2026-11-24T12:00:00Z")),
                "a start on the boundary gives a full first window");
        WindowSchedule quarter = new WindowSchedule(Duration.ofMinutes(15), true);
        assertEquals(Instant.parse("2026-11-24T12:30:00Z"), quarter.firstEnd(T));
    }

    @Test
    void aStallSkipsToTheNextEndAfterNow() {
        WindowSchedule s = new WindowSchedule(Duration.ofHours(1), true);
        assertEquals(Instant.parse("2026-11-24T17:00:00Z"), s.nextEnd(Instant.parse("2026-11-24T13:00:00Z"),
                Instant.parse("2026-11-24T16:30:00Z")));
    }
}
