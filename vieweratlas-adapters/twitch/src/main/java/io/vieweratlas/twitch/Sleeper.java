package io.vieweratlas.twitch;

import java.time.Duration;

/**
 * Waits for a while. Injected next to a {@link java.time.Clock} so tests can advance fake time
 * instead of really waiting.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the current thread; zero or negative durations return at once. */
    void sleep(Duration duration) throws InterruptedException;

    /** The real sleeper ({@link Thread#sleep(Duration)}). */
    Sleeper SYSTEM = duration -> {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    };
}
