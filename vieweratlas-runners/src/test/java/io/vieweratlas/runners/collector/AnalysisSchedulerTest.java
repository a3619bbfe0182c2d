package io.vieweratlas.runners.collector;

import io.vieweratlas.twitch.collector.WindowReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalysisSchedulerTest {
    private static final Instant T = Instant.parse("2026-11-24T12:00:00Z");

    private static WindowReport window(int cycle, boolean partial) {
        return new WindowReport(cycle, T, T.plusSeconds(60), partial, new TreeSet<>(), 0, 0, 0, 0, 0, List.of());
    }

    @Test
    void analyzesEveryNthFullWindowOneAtATime() throws Exception {
        List<Integer> analyzed = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(2);
        AnalysisTrigger trigger = cycle -> {
            if (cycle == 2) {
                release.await(10, TimeUnit.SECONDS); // still running when window 4 falls due
            }
            analyzed.add(cycle);
            secondDone.countDown();
        };
        try (AnalysisScheduler scheduler = new AnalysisScheduler(Optional.of(trigger), 2)) {
            scheduler.windowClosed(window(0, true)); // aligned lead-in
            scheduler.windowClosed(window(1, false));
            scheduler.windowClosed(window(2, false));
            scheduler.windowClosed(window(3, false));
            scheduler.windowClosed(window(4, false)); // skipped: analysis 2 still runs
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (scheduler.analysisRunning() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(List.of(2), analyzed);
            scheduler.windowClosed(window(6, false));
            scheduler.windowClosed(window(7, true)); // a final partial flush does not trigger
            assertTrue(secondDone.await(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(2, 6), analyzed);
    }

    @Test
    void anAnalysisThatRunsOutOfMemoryIsLoggedAndTheNextOneRuns() throws Exception {
        List<Integer> analyzed = new CopyOnWriteArrayList<>();
        CountDownLatch both = new CountDownLatch(2);
        AnalysisTrigger trigger = cycle -> {
            analyzed.add(cycle);
            both.countDown();
            if (cycle == 1) {
                throw new OutOfMemoryError("Java heap space (test)");
            }
        };
        try (AnalysisScheduler scheduler = new AnalysisScheduler(Optional.of(trigger), 1)) {
            scheduler.windowClosed(window(1, false));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((analyzed.isEmpty() || scheduler.analysisRunning()) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            scheduler.windowClosed(window(2, false));
            assertTrue(both.await(10, TimeUnit.SECONDS), "the analysis after window 2 ran: " + analyzed);
        }
        assertEquals(List.of(1, 2), analyzed);
    }
}
