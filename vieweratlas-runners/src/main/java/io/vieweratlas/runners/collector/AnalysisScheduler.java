package io.vieweratlas.runners.collector;

import io.vieweratlas.runners.analysis.MemoryBudget;
import io.vieweratlas.twitch.collector.CollectorListener;
import io.vieweratlas.twitch.collector.WindowReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts an analysis after every {@code every}-th full window, on a background thread so
 * collection goes on meanwhile. One analysis at a time: one that falls due while the previous
 * still runs is skipped (and logged). Partial windows (the aligned lead-in, the final flush) do
 * not trigger. A failed analysis is logged and collection goes on; so is one that runs out of
 * memory (one line naming the settings to change), which never costs the collector a window.
 */
public final class AnalysisScheduler implements CollectorListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisScheduler.class);

    private final Optional<AnalysisTrigger> trigger;
    private final int every;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("analysis").factory());
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param trigger the analysis to run, if one is wired
     * @param every   windows between analyses ({@code analysis.analysis_interval_cycles}); 0 disables
     */
    public AnalysisScheduler(Optional<AnalysisTrigger> trigger, int every) {
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        if (every < 0) {
            throw new IllegalArgumentException("analysis.analysis_interval_cycles must be >= 0, was " + every);
        }
        this.every = every;
        if (trigger.isEmpty()) {
            LOG.warn("no analysis trigger: collecting only");
        }
    }

    @Override
    public void windowClosed(WindowReport report) {
        if (trigger.isEmpty() || every == 0 || report.partial() || report.cycle() % every != 0) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            LOG.warn("analysis due after window {} skipped: the previous one is still running", report.cycle());
            return;
        }
        executor.submit(() -> {
            try {
                LOG.info("starting analysis after window {}", report.cycle());
                trigger.get().analyze(report.cycle());
            } catch (Exception e) {
                LOG.error("analysis after window {} failed: {}", report.cycle(), e.getMessage());
            } catch (OutOfMemoryError e) {
                // The analysis's garbage is unreachable once the error has unwound it, so collection
                // goes on; the window that triggered it was written before this listener ran.
                LOG.error(MemoryBudget.outOfMemory("the analysis after window " + report.cycle(),
                        Runtime.getRuntime().maxMemory()) + "; collection goes on");
            } finally {
                running.set(false);
            }
        });
    }

    /** Whether an analysis is running now. */
    public boolean analysisRunning() {
        return running.get();
    }

    /**
     * Starts no new analysis and gives a running one up to 20 s to finish (SIGTERM leaves about
     * 30 s in all); one that takes longer is cut short when the process exits, and the next run
     * analyzes again.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
                LOG.warn("an analysis is still running at exit; it will be cut short");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
