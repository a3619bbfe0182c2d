package io.vieweratlas.runners.collector;

import io.vieweratlas.parquet.CompactionStoppedException;
import io.vieweratlas.parquet.PresenceCompactor;
import io.vieweratlas.twitch.collector.CollectorListener;
import io.vieweratlas.twitch.collector.WindowReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Compacts each UTC day once it is over: after a window that ends on a later day than the one
 * before (so after the day's last window), and after the first window of a run (catching up on the
 * day before, if a restart fell around midnight), the day before the window's end is handed to a
 * {@link PresenceCompactor} on a background thread. Collection never waits for it: a failure is
 * logged and the day is tried again after the next window, a day already compacted costs one GET.
 * Days further back are compacted by the {@code compact} command.
 */
public final class CompactionScheduler implements CollectorListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactionScheduler.class);

    private final Supplier<PresenceCompactor> compactor;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("compaction").factory());
    private final Set<LocalDate> handled = ConcurrentHashMap.newKeySet();

    /** @param compactor the compactor of the collector's lake, created when first needed */
    public CompactionScheduler(Supplier<PresenceCompactor> compactor) {
        this.compactor = Objects.requireNonNull(compactor, "compactor");
    }

    @Override
    public void windowClosed(WindowReport report) {
        LocalDate day = LocalDate.ofInstant(report.end(), ZoneOffset.UTC).minusDays(1);
        if (!handled.add(day)) {
            return;
        }
        executor.submit(() -> {
            try {
                PresenceCompactor c = compactor.get();
                if (!c.isOver(day)) {
                    handled.remove(day);
                    return;
                }
                PresenceCompactor.DayOutcome o = c.compact(day);
                if (o.status() == PresenceCompactor.DayOutcome.Status.FAILED) {
                    LOG.error("compaction of {} failed: {}", day, o.detail());
                }
            } catch (CompactionStoppedException e) {
                handled.remove(day);
                LOG.error("compaction of {} stopped; it is tried again after the next window: {}", day, e.getMessage());
            } catch (RuntimeException e) {
                handled.remove(day);
                LOG.error("compaction of {} failed; it is tried again after the next window: {}", day, e.toString());
            }
        });
    }

    /**
     * Starts no new compaction and gives a running one up to 20 s (SIGTERM leaves about 30 s in all);
     * one cut short leaves its day unrecorded, and the next run compacts it again.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
                LOG.warn("a compaction is still running at exit; it will be cut short and done again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
