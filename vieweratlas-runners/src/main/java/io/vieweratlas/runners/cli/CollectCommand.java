package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.vieweratlas.runners.ProcessEnvironment;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.collector.CollectionJob;
import io.vieweratlas.runners.collector.CollectorModule;
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

import java.util.Map;
import java.util.OptionalInt;
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
    Map<String, String> environment = ProcessEnvironment.variables();

    @Inject
    Provider<CollectionJob> job;

    @Override
    public Integer call() throws Exception {
        if (cycles != null && cycles < 0) {
            throw new UsageException("--cycles must be >= 0, was " + cycles);
        }
        ViewerAtlasConfig config = configOptions.load(lakeOptions.flags()).config();
        OptionalInt guard = TwitchSettingsMapper.cycleGuard(cycles != null ? cycles
                : config.collection().maxCollectionCycles());
        CollectorSettings settings = TwitchSettingsMapper.collector(config.collection(), guard);
        Guice.createInjector(new BaseModule(config), new CollectorModule(CollectorModule.credentials(environment)))
                .injectMembers(this);
        return job.get().run("collect", settings, CollectorListener.NONE, spec.commandLine().getOut(),
                Map.of("cycles", guard.isPresent() ? guard.getAsInt() : 0));
    }
}
