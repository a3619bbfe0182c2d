package io.vieweratlas.runners.cli;

import io.vieweratlas.runners.ExitCodes;

import io.vieweratlas.runners.UsageException;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.vieweratlas.core.config.ViewerAtlasConfig;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.lake.vod.VodStatus;
import io.vieweratlas.runners.collector.CollectorModule;
import io.vieweratlas.runners.metrics.Metric;
import io.vieweratlas.runners.metrics.MetricsEmitter;
import io.vieweratlas.runners.run.RunRecorder;
import io.vieweratlas.runners.vod.VodModule;
import io.vieweratlas.runners.vod.VodRunner;
import io.vieweratlas.runners.wiring.BaseModule;
import io.vieweratlas.twitch.collector.ChannelsFile;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.vod.GqlChatReplayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code vod}: discover recent archives, queue them, fetch their chat replays and write presence
 * buckets as Parquet; a run record goes to {@code runs/}. Exit 0 when every processed VOD was
 * written (or VOD collection is disabled), 1 when any attempt failed, 2 for usage errors
 * (e.g. missing credentials).
 */
@Command(name = "vod", mixinStandardHelpOptions = true,
        description = "Collect VOD chat replays of recent archives into presence buckets (Parquet). Needs "
                + "TWITCH_OAUTH_TOKEN (or TWITCH_CLIENT_SECRET) and TWITCH_CLIENT_ID in the environment.")
public final class VodCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    LakeOptions lakeOptions;

    @Spec
    CommandSpec spec;

    /** The environment credentials are read from (tests replace it). */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        ViewerAtlasConfig config = configOptions.load(lakeOptions.flags()).config();
        PrintWriter out = spec.commandLine().getOut();
        if (!config.vod().enabled()) {
            out.println("vod: VOD collection is disabled (vod.enabled is false); nothing to do");
            out.flush();
            return ExitCodes.OK;
        }
        Injector injector = Guice.createInjector(new BaseModule(config),
                new CollectorModule(CollectorModule.credentials(environment)), new VodModule());
        RunRecorder recorder = injector.getInstance(RunRecorder.class);
        List<String> pinned = readChannels(Path.of(config.collection().channelsFile()));
        Map<String, Object> inputs = new TreeMap<>();
        inputs.put("pinned_channels", pinned.size());
        try (HelixClient helix = injector.getInstance(HelixClient.class);
             GqlChatReplayClient gql = injector.getInstance(GqlChatReplayClient.class)) {
            VodRunner runner = injector.getInstance(VodRunner.class);
            return recorder.record("vod", config, inputs, run -> {
                helix.validate();
                VodRunner.Report r = runner.run(config.vod(), pinned);
                run.count("vods_discovered", r.discovered());
                run.count("vods_queued", r.queued());
                run.count("vods_completed", r.completed());
                run.count("vods_failed", r.failed());
                run.count("comments", r.comments());
                run.count("buckets", r.buckets());
                run.count("vods_pruned", r.pruned());
                out.printf(Locale.ROOT, "vod stopped (%s): %d archives discovered, %d queued, %d VODs written"
                                + " (%d comments, %d buckets), %d failed attempts, %d finished VODs pruned from the queue%n",
                        r.stopReason(), r.discovered(), r.queued(), r.completed(), r.comments(), r.buckets(), r.failed(),
                        r.pruned());
                out.flush();
                // EMF metrics for CloudWatch (only in the containers: LOG_FORMAT=json or METRICS_FORMAT=emf).
                long pending = injector.getInstance(VodQueue.class).entries().values().stream()
                        .filter(e -> e.status() == VodStatus.PENDING).count();
                MetricsEmitter.forCommand("vod").emit(List.of(Metric.count("VodQueueDepth", pending),
                        Metric.count("VodsCompleted", r.completed()), Metric.count("VodsFailed", r.failed()),
                        Metric.count("Comments", r.comments())));
                if (r.failed() > 0) {
                    run.error(r.failed() + " VOD attempts failed (retried later per the queue's backoff)");
                    return ExitCodes.FAILURE;
                }
                return ExitCodes.OK;
            });
        }
    }

    private static List<String> readChannels(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return ChannelsFile.read(file);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UsageException("collection.channels_file: " + e.getMessage());
        }
    }
}
