package io.vieweratlas.twitch.bench;

import io.vieweratlas.twitch.FakeTime;
import io.vieweratlas.twitch.irc.JoinRateLimiter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test): how fast coverage climbs at Twitch's real join rate. The collector's own
 * {@link JoinRateLimiter} (20 JOINs per 10 s plus its 5 % slack) grants {@code channels} JOINs on a
 * simulated clock; viewers per channel follow Zipf's law (the rank-{@code r} channel has
 * {@code 1/r} of the top one's viewers, close to Twitch's live directory). Prints the time to full
 * coverage and the share of viewers covered after 5, 15 and 45 minutes, largest first (as the
 * collector joins) against alphabetical order (as it joined before).
 *
 * <p>Usage: {@code CoverageBench <channels>}
 */
public final class CoverageBench {

    private CoverageBench() {
    }

    public static void main(String[] args) throws Exception {
        int channels = Integer.parseInt(args[0]);
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        FakeTime time = new FakeTime(t0);
        Duration window = Duration.ofSeconds(10).plus(Duration.ofSeconds(10).dividedBy(20));
        JoinRateLimiter limiter = new JoinRateLimiter(20, window, time, time);
        List<Duration> joinedAt = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            limiter.acquire(channels - i).sent();
            joinedAt.add(Duration.between(t0, time.instant()));
        }
        double total = 0;
        for (int r = 1; r <= channels; r++) {
            total += 1.0 / r;
        }
        System.out.printf(Locale.ROOT, "coverage: %d channels, full coverage after %.1f min%n", channels,
                joinedAt.get(channels - 1).toSeconds() / 60.0);
        for (int minutes : new int[] {5, 15, 45}) {
            Duration at = Duration.ofMinutes(minutes);
            int joined = 0;
            while (joined < channels && joinedAt.get(joined).compareTo(at) <= 0) {
                joined++;
            }
            double largestFirst = 0;
            for (int r = 1; r <= joined; r++) {
                largestFirst += 1.0 / r;
            }
            // Alphabetical order is unrelated to size: on average each joined channel holds the mean share.
            double unordered = (double) joined / channels;
            System.out.printf(Locale.ROOT, "coverage after %2d min: %4d channels joined, %.1f %% of viewers largest "
                    + "first, %.1f %% in an order unrelated to size%n", minutes, joined, 100 * largestFirst / total,
                    100 * unordered);
        }
    }
}
