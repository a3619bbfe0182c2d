package io.vieweratlas.runners.collector;

import com.google.inject.Inject;
import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.ProcessEnvironment;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.metrics.Heartbeat;
import io.vieweratlas.runners.metrics.MetricsEmitter;
import io.vieweratlas.runners.run.RunRecorder;
import io.vieweratlas.twitch.collector.CollectionReport;
import io.vieweratlas.twitch.collector.CollectorListener;
import io.vieweratlas.twitch.collector.CollectorSettings;
import io.vieweratlas.twitch.collector.WindowCoverage;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One collection as a recorded run, the same for {@code collect} and {@code continuous}: the live
 * collection use case under a run record, each window's coverage in the record as it closes, the
 * EMF metrics and heartbeat of the container, and the summary line.
 */
public final class CollectionJob {

    private final LiveCollectionService collection;
    private final RunRecorder recorder;
    private final ViewerAtlasConfig config;

    /**
     * @param collection the live collection use case
     * @param recorder   where the run record goes
     * @param config     the configuration recorded with the run (redacted)
     */
    @Inject
    public CollectionJob(LiveCollectionService collection, RunRecorder recorder, ViewerAtlasConfig config) {
        this.collection = Objects.requireNonNull(collection, "collection");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Collects with {@code settings}, records the run and prints its summary.
     *
     * @param command  the command name of the run record ({@code collect}, {@code continuous})
     * @param settings windows, guards and discovery limits
     * @param listener called after every window
     * @param out      where the summary goes
     * @param inputs   what the run record names as its inputs
     * @return the exit code: 1 when a snapshot could not be stored, else 0
     * @throws Exception as the collection or the run record throws it (the record notes the failure)
     */
    public int run(String command, CollectorSettings settings, CollectorListener listener, PrintWriter out,
                   Map<String, Object> inputs) throws Exception {
        Map<String, Object> recorded = new TreeMap<>(inputs);
        recorded.put("window_seconds", settings.window().toSeconds());
        recorded.put("top_channels_limit", settings.topChannelsLimit());
        return recorder.record(command, config, recorded, run -> {
            // Each window's coverage goes into the record as it closes (the last window's figures stand at the end).
            CollectorListener recording = report -> {
                WindowCoverage c = report.coverage();
                run.count("window_channels_wanted", c.wanted());
                run.count("window_channels_joined", c.joined());
                run.count("window_channels_waiting_for_slot", c.waitingForSlot());
                run.count("window_viewer_coverage_permille", Math.round(1000 * c.viewerShare()));
                c.refusedByReason().forEach((reason, n) -> run.count("window_channels_refused_" + reason, n));
                listener.windowClosed(report);
            };
            // Metrics (EMF) and the health-check heartbeat after every window; both off outside the containers.
            CollectionReport report = collection.collect(new LiveCollectionService.Request(settings,
                    MetricsEmitter.forCommand(command),
                    Heartbeat.fromEnvironment(ProcessEnvironment.variables(), Clock.systemUTC())), recording);
            run.count("windows", report.cycles());
            run.count("snapshots_written", report.written());
            run.count("snapshots_unchanged", report.unchanged());
            run.count("snapshot_conflicts", report.conflicts());
            run.count("snapshots_failed", report.failed());
            run.count("snapshots_spilled", report.spilled());
            run.count("channels_refused", report.refused().size());
            report.timeToFullCoverage().ifPresent(d -> run.count("full_coverage_after_ms", d.toMillis()));
            out.printf(Locale.ROOT, "%s stopped (%s): %d windows, %d snapshots written, %d unchanged,"
                            + " %d conflicts, %d failed%n", command, report.stopReason().name().toLowerCase(
                            Locale.ROOT), report.cycles(), report.written(), report.unchanged(),
                    report.conflicts(), report.failed());
            CoverageSummary.print(report, out);
            out.flush();
            if (report.failed() > 0) {
                run.error(report.failed() + " snapshots could not be stored");
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        });
    }
}
