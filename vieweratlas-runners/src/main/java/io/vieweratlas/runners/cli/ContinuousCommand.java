package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.parquet.PresenceCompactor;
import io.vieweratlas.runners.ProcessEnvironment;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.analysis.AnalysisJob;
import io.vieweratlas.runners.analysis.AnalysisModule;
import io.vieweratlas.runners.analysis.AnalysisPrinter;
import io.vieweratlas.runners.analysis.AnalysisRequests;
import io.vieweratlas.runners.analysis.LakePresence;
import io.vieweratlas.runners.collector.AnalysisScheduler;
import io.vieweratlas.runners.collector.AnalysisTrigger;
import io.vieweratlas.runners.collector.CollectionJob;
import io.vieweratlas.runners.collector.CollectorModule;
import io.vieweratlas.runners.collector.CompactionScheduler;
import io.vieweratlas.runners.collector.TwitchSettingsMapper;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.wiring.BaseModule;
import io.vieweratlas.twitch.collector.CollectorListener;
import io.vieweratlas.twitch.collector.CollectorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * {@code continuous}: the always-on collector. Runs until stopped (SIGTERM flushes the partial
 * window and exits 0) or until {@code max_runtime_hours}; {@code max_collection_cycles} does not
 * apply (it is {@code collect}'s guard) unless {@code --cycles} is given. Every
 * {@code analysis.analysis_interval_cycles} windows it starts an analysis on a background thread
 * (one at a time; a due analysis is skipped while the previous one still runs): the bound
 * {@link AnalysisTrigger}, else the configured analysis of the lake (the analysis use case, as
 * {@code analyze} runs it). Once a UTC day is over it compacts that day on another background
 * thread ({@link CompactionScheduler}).
 */
@Command(name = "continuous", mixinStandardHelpOptions = true,
        description = "Collect until stopped (SIGTERM/Ctrl-C flush the current window), analyzing every "
                + "analysis.analysis_interval_cycles windows. Needs TWITCH_OAUTH_TOKEN and TWITCH_CLIENT_ID.")
public final class ContinuousCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Mixin
    LakeOptions lakeOptions;

    @Option(names = "--cycles", paramLabel = "N", description = "Stop after N windows (default: run until stopped).")
    Integer cycles;

    @Spec
    CommandSpec spec;

    /** The environment credentials are read from (tests replace it). */
    Map<String, String> environment = ProcessEnvironment.variables();

    /** The analysis to run instead of any other (tests replace it, e.g. with one that fails). */
    Optional<AnalysisTrigger> replacement = Optional.empty();

    /** The analysis the wiring binds instead of the configured one, if any. */
    @Inject
    Optional<AnalysisTrigger> bound;

    @Inject
    Provider<ObjectStore> store;

    @Inject
    Provider<Clock> clock;

    @Inject
    Provider<AnalysisJob> analysis;

    @Inject
    Provider<CollectionJob> collection;

    @Override
    public Integer call() throws Exception {
        if (cycles != null && cycles < 1) {
            throw new UsageException("--cycles must be >= 1, was " + cycles);
        }
        ViewerAtlasConfig config = configOptions.load(lakeOptions.flags()).config();
        CollectorSettings settings = TwitchSettingsMapper.collector(config.collection(),
                cycles == null ? OptionalInt.empty() : OptionalInt.of(cycles));
        Guice.createInjector(new BaseModule(config), new AnalysisModule(),
                new CollectorModule(CollectorModule.credentials(environment))).injectMembers(this);
        // Unless the wiring binds another, the analysis is the configured one of the lake (the last
        // analysis.window_days days), as `analyze` with this configuration runs it, with its own run
        // record; one that would not fit the heap is refused before it reads anything.
        PrintWriter out = spec.commandLine().getOut();
        AnalysisTrigger trigger = replacement.or(() -> bound).orElseGet(() -> cycle -> {
            ObjectStore lake = store.get();
            AnalysisRequest request = AnalysisRequests.configured(config,
                            LakePresence.all(lake).checkingMemory(Runtime.getRuntime().maxMemory()))
                    .window(AnalysisRequests.window(config, clock.get().instant())).build();
            analysis.get().run(request, Map.of("lake", lake.describe(),
                    "out", config.analysis().outputDir(), "source", "all",
                    "window", AnalysisRequests.describeWindow(config), "after_window", cycle),
                    new AnalysisPrinter(out, false));
        });
        int every = config.analysis().analysisIntervalCycles();
        // Each day is compacted once it is over, next to (never in the way of) collection and analysis.
        try (AnalysisScheduler analyses = new AnalysisScheduler(Optional.of(trigger), every);
             CompactionScheduler compactions = new CompactionScheduler(
                     () -> PresenceCompactor.builder(store.get()).build())) {
            CollectorListener afterWindow = report -> {
                try {
                    analyses.windowClosed(report);
                } finally {
                    compactions.windowClosed(report);
                }
            };
            return collection.get().run("continuous", settings, afterWindow, spec.commandLine().getOut(), Map.of("cycles", cycles == null ? 0 : cycles,
                            "analysis_interval_cycles", every));
        }
    }
}
