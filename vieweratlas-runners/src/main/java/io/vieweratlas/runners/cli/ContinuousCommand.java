package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.vieweratlas.core.config.ViewerAtlasConfig;
import io.vieweratlas.runners.collector.AnalysisScheduler;
import io.vieweratlas.runners.collector.AnalysisTrigger;
import io.vieweratlas.runners.collector.CollectorModule;
import io.vieweratlas.runners.collector.TwitchSettingsMapper;
import io.vieweratlas.runners.wiring.BaseModule;
import io.vieweratlas.twitch.collector.CollectorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
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
 * {@link AnalysisTrigger}, else this build's {@code analyze} command with the same configuration
 * and lake.
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
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        if (cycles != null && cycles < 1) {
            throw new UsageException("--cycles must be >= 1, was " + cycles);
        }
        ViewerAtlasConfig config = configOptions.load(lakeOptions.flags()).config();
        CollectorSettings settings = TwitchSettingsMapper.collector(config.collection(),
                cycles == null ? OptionalInt.empty() : OptionalInt.of(cycles));
        Injector injector = Guice.createInjector(new BaseModule(config),
                new CollectorModule(CollectorModule.credentials(environment)));
        Optional<AnalysisTrigger> bound = injector.getInstance(Key.get(new TypeLiteral<Optional<AnalysisTrigger>>() {
        }));
        // Unless the wiring binds another, the analysis is this build's `analyze` command, in-process, with the
        // same configuration file, preset and lake; it writes its own run record.
        AnalysisTrigger trigger = bound.orElseGet(() -> cycle -> {
            String[] arguments = analyzeArguments();
            int code = Main.commandLine(arguments).execute(arguments);
            if (code != ExitCodes.OK) {
                throw new IllegalStateException("analyze exited with code " + code);
            }
        });
        int every = config.analysis().analysisIntervalCycles();
        try (AnalysisScheduler analyses = new AnalysisScheduler(Optional.of(trigger), every)) {
            return CollectorRun.run("continuous", injector, settings, analyses,
                    spec.commandLine().getOut(), Map.of("cycles", cycles == null ? 0 : cycles,
                            "analysis_interval_cycles", every));
        }
    }

    /** {@code analyze} with this command's configuration file, preset and lake directory. */
    String[] analyzeArguments() {
        List<String> args = new ArrayList<>(List.of("analyze"));
        if (configOptions.configFile != null) {
            args.addAll(List.of("--config", configOptions.configFile.toString()));
        }
        if (configOptions.preset != null) {
            args.addAll(List.of("--preset", configOptions.preset));
        }
        if (lakeOptions.data != null) {
            args.addAll(List.of("--data", lakeOptions.data.toString()));
        }
        return args.toArray(String[]::new);
    }
}
