package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.vieweratlas.core.model.LiveStream;
import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.ProcessEnvironment;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.collector.CollectorModule;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.wiring.BaseModule;
import io.vieweratlas.twitch.collector.ChannelsFile;
import io.vieweratlas.twitch.helix.HelixClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code channels}: manages {@code channels.txt}. */
@Command(name = "channels", mixinStandardHelpOptions = true, description = "Manage the channels file.",
        subcommands = {ChannelsCommand.Update.class})
public final class ChannelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: see 'vieweratlas channels --help'");
    }

    /** {@code channels update [--top N]}: writes the current top live channels to the channels file. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Write the current top live channels (most viewers first) to collection.channels_file. "
                    + "Needs TWITCH_CLIENT_ID and TWITCH_OAUTH_TOKEN (or TWITCH_CLIENT_SECRET).")
    public static final class Update implements Callable<Integer> {

        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--top", paramLabel = "N",
                description = "How many channels (default: collection.top_channels_limit).")
        Integer top;

        @Option(names = "--output", paramLabel = "FILE",
                description = "File to write (default: collection.channels_file).")
        Path output;

        @Spec
        CommandSpec spec;

        /** The environment credentials are read from (tests replace it). */
        Map<String, String> environment = ProcessEnvironment.variables();

        @Inject
        Provider<HelixClient> helix;

        @Override
        public Integer call() {
            if (top != null && top < 1) {
                throw new UsageException("--top must be >= 1, was " + top);
            }
            ViewerAtlasConfig config = configOptions.load(Map.of()).config();
            int limit = top != null ? top : config.collection().topChannelsLimit();
            if (limit < 1) {
                throw new UsageException("collection.top_channels_limit is " + limit + ": give --top N (N >= 1)");
            }
            Path file = output != null ? output : Path.of(config.collection().channelsFile());
            Guice.createInjector(new BaseModule(config), new CollectorModule(CollectorModule.credentials(environment)))
                    .injectMembers(this);
            List<LiveStream> streams;
            try (HelixClient client = helix.get()) {
                client.validate();
                streams = client.topStreams(limit);
            }
            String at = Clock.systemUTC().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            ChannelsFile.write(file, List.of("top " + streams.size() + " live channels by viewers at " + at
                    + " (vieweratlas channels update)"), streams.stream().map(LiveStream::login).toList());
            PrintWriter out = spec.commandLine().getOut();
            out.println("wrote " + streams.size() + " channels to " + file);
            out.flush();
            return ExitCodes.OK;
        }
    }
}
