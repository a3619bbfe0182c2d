package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.vieweratlas.core.config.ViewerAtlasConfig;
import io.vieweratlas.runners.collector.CollectorModule;
import io.vieweratlas.runners.collector.CollectorRuntime;
import io.vieweratlas.runners.collector.TwitchSettingsMapper;
import io.vieweratlas.runners.run.RunRecorder;
import io.vieweratlas.runners.wiring.BaseModule;
import io.vieweratlas.runners.metrics.Heartbeat;
import io.vieweratlas.runners.metrics.MetricsEmitter;
import io.vieweratlas.twitch.collector.CollectionReport;
import io.vieweratlas.twitch.collector.CollectorListener;
import io.vieweratlas.twitch.collector.CollectorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code collect}: discovers live channels, watches their chats and writes one snapshot per
 * channel per window until a cost guard stops it ({@code max_collection_cycles}, one window by
 * default, or {@code max_runtime_hours}); SIGTERM flushes the partial window and exits 0.
 */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Watch live Twitch chats and write presence snapshots until a cost guard stops it "
                + "(collection.max_collection_cycles windows, one by default). Needs TWITCH_OAUTH_TOKEN and "
                + "TWITCH_CLIENT_ID in the environment.")
public final class CollectCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    LakeOptions lakeOptions;

    @Option(names = "--cycles", paramLabel = "N",
            description = "Windows to collect before stopping (overrides collection.max_collection_cycles; 0 = no limit).")
    Integer cycles;

    @Spec
    CommandSpec spec;

    /** The environment credentials are read from (tests replace it). */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        if (cycles != null && cycles < 0) {
            throw new UsageException("--cycles must be >= 0, was " + cycles);
        }
        ViewerAtlasConfig config = configOptions.load(lakeOptions.flags()).config();
        OptionalInt guard = TwitchSettingsMapper.cycleGuard(cycles != null ? cycles
                : config.collection().maxCollectionCycles());
        CollectorSettings settings = TwitchSettingsMapper.collector(config.collection(), guard);
        return CollectorCommands.run("collect", config, environment, settings, CollectorListener.NONE,
                spec.commandLine().getOut(), Map.of("cycles", guard.isPresent() ? guard.getAsInt() : 0));
    }

    /** What {@code collect} and {@code continuous} share. */
    static final class CollectorCommands {
        private CollectorCommands() {
        }

        static int run(String command, ViewerAtlasConfig config, Map<String, String> environment,
                       CollectorSettings settings, CollectorListener listener, PrintWriter out,
                       Map<String, Object> inputs) throws Exception {
            Injector injector = Guice.createInjector(new BaseModule(config),
                    new CollectorModule(CollectorModule.credentials(environment)));
            return run(command, injector, settings, listener, out, inputs);
        }

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
                CollectionReport report = runtime.collect(settings, listener, MetricsEmitter.forCommand(command),
                        Heartbeat.fromEnvironment(System.getenv(), java.time.Clock.systemUTC()));
                run.count("windows", report.cycles());
                run.count("snapshots_written", report.written());
                run.count("snapshots_unchanged", report.unchanged());
                run.count("snapshot_conflicts", report.conflicts());
                run.count("snapshots_failed", report.failed());
                out.printf(java.util.Locale.ROOT, "%s stopped (%s): %d windows, %d snapshots written, %d unchanged,"
                                + " %d conflicts, %d failed%n", command, report.stopReason().name().toLowerCase(
                                java.util.Locale.ROOT), report.cycles(), report.written(), report.unchanged(),
                        report.conflicts(), report.failed());
                out.flush();
                if (report.failed() > 0) {
                    run.error(report.failed() + " snapshots could not be stored");
                    return ExitCodes.FAILURE;
                }
                return ExitCodes.OK;
            });
        }
    }
}
