package io.vieweratlas.twitch.irc;

import io.vieweratlas.twitch.FakeTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinRateLimiterTest {
    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void allowsTheLimitPerWindowThenWaitsForTheOldestToLeave() throws Exception {
        FakeTime time = new FakeTime(T0);
        JoinRateLimiter limiter = new JoinRateLimiter(3, Duration.ofSeconds(10), time, time);
        for (int i = 0; i < 3; i++) {
            limiter.acquire().sent();
        }
        assertEquals(T0, time.instant(), "the first three go at once");
        limiter.acquire().sent();
        assertEquals(T0.plusSeconds(10), time.instant(), "the fourth waits until the first left the window");
    }

    @Test
    void aDelayedSendCountsFromWhenItLeft() throws Exception {
        FakeTime time = new FakeTime(T0);
        JoinRateLimiter limiter = new JoinRateLimiter(1, Duration.ofSeconds(10), time, time);
        JoinRateLimiter.Permit first = limiter.acquire();
        time.advance(Duration.ofSeconds(3)); // e.g. the sending thread was descheduled
        first.sent();
        limiter.acquire();
        assertEquals(T0.plusSeconds(13), time.instant());
    }

    @Test
    void anUnsentPermitIsKeptInFlightForTwoWindows() throws Exception {
        FakeTime time = new FakeTime(T0);
        JoinRateLimiter limiter = new JoinRateLimiter(1, Duration.ofSeconds(10), time, time);
        limiter.acquire(); // never marked sent: it may still go out
        limiter.acquire();
        assertTrue(!time.instant().isBefore(T0.plusSeconds(20)), time.instant().toString());
    }

    @Test
    void aWaitingJoinWithMoreViewersGoesFirst() throws Exception {
        JoinRateLimiter limiter = new JoinRateLimiter(1, Duration.ofMillis(300), java.time.Clock.systemUTC(),
                io.vieweratlas.twitch.Sleeper.SYSTEM);
        limiter.acquire().sent(); // the window is full: the next two must wait
        java.util.List<Long> granted = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread small = Thread.ofVirtual().start(() -> grant(limiter, 10, granted));
        Thread.sleep(50); // the small channel waits first
        Thread big = Thread.ofVirtual().start(() -> grant(limiter, 9000, granted));
        small.join(5000);
        big.join(5000);
        assertEquals(java.util.List.of(9000L, 10L), granted);
    }

    private static void grant(JoinRateLimiter limiter, long priority, java.util.List<Long> granted) {
        try {
            limiter.acquire(priority).sent();
            granted.add(priority);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void rejectsBadLimits() {
        FakeTime time = new FakeTime(T0);
        assertThrows(IllegalArgumentException.class, () -> new JoinRateLimiter(0, Duration.ofSeconds(1), time, time));
        assertThrows(IllegalArgumentException.class, () -> new JoinRateLimiter(1, Duration.ZERO, time, time));
    }
}
