package io.vieweratlas.runners.cli;

import io.vieweratlas.runners.ProcessEnvironment;

import io.vieweratlas.runners.ExitCodes;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.vieweratlas.core.config.ViewerAtlasConfig;
import io.vieweratlas.runners.collector.CollectorModule;
import io.vieweratlas.runners.collector.CollectorRuntime;
import io.vieweratlas.runners.metrics.Heartbeat;
import io.vieweratlas.runners.metrics.MetricsEmitter;
import io.vieweratlas.runners.run.RunRecorder;
import io.vieweratlas.runners.wiring.BaseModule;
import io.vieweratlas.twitch.collector.CollectionReport;
import io.vieweratlas.twitch.collector.CollectorListener;
import io.vieweratlas.twitch.collector.CollectorSettings;
import io.vieweratlas.twitch.collector.WindowCoverage;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What {@code collect} and {@code continuous} share: wiring, the run record, the summary line. */
final class CollectorRun {
    private CollectorRun() {
    }

    /** Wires the collector role for {@code config} and runs it. */
    static int run(String command, ViewerAtlasConfig config, Map<String, String> environment,
                   CollectorSettings settings, CollectorListener listener, PrintWriter out,
                   Map<String, Object> inputs) throws Exception {
        Injector injector = Guice.createInjector(new BaseModule(config),
                new CollectorModule(CollectorModule.credentials(environment)));
        return run(command, injector, settings, listener, out, inputs);
    }

    /** Runs the collector from an injector that binds the collector role, recording the run. */
    static int run(String command, Injector injector, CollectorSettings settings, CollectorListener listener,
                   PrintWriter out, Map<String, Object> inputs) throws Exception {
        ViewerAtlasConfig config = injector.getInstance(ViewerAtlasConfig.class);
        RunRecorder recorder = injector.getInstance(RunRecorder.class);
        CollectorRuntime runtime = injector.getInstance(CollectorRuntime.class);
        Map<String, Object> recorded = new TreeMap<>(inputs);
        recorded.put("window_seconds", settings.window().toSeconds());
        recorded.put("top_channels_limit", settings.topChannelsLimit());
        return recorder.record(command, config, recorded, run -> {
            // Metrics (EMF) and the health-check heartbeat after every window; both off outside the containers.
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
            CollectionReport report = runtime.collect(settings, recording, MetricsEmitter.forCommand(command),
                    Heartbeat.fromEnvironment(ProcessEnvironment.variables(), Clock.systemUTC()));
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
