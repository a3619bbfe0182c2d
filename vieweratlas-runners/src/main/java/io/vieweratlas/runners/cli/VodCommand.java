package io.vieweratlas.runners.cli;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.vod.QuarantinedEntry;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.lake.vod.VodQueueState;
import io.vieweratlas.lake.vod.VodTask;
import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.ProcessEnvironment;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.collector.CollectorModule;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.config.VodConfig;
import io.vieweratlas.runners.metrics.Metric;
import io.vieweratlas.runners.metrics.MetricsEmitter;
import io.vieweratlas.runners.run.RunRecorder;
import io.vieweratlas.runners.vod.VodCollectionService;
import io.vieweratlas.runners.vod.VodDailyState;
import io.vieweratlas.runners.vod.VodModule;
import io.vieweratlas.runners.vod.VodShutdownHook;
import io.vieweratlas.runners.wiring.BaseModule;
import io.vieweratlas.twitch.collector.ChannelsFile;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.helix.HelixVideo;
import io.vieweratlas.twitch.vod.GqlChatReplayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code vod}: discover recent archives, queue them, fetch their chat replays and write presence
 * buckets as Parquet; a run record goes to {@code runs/}. Subcommands {@code stats}, {@code add}
 * and {@code requeue} show and steer the queue (every change by compare-and-set).
 *
 * <p>Exit codes: 0 when the run charged no failure and the queue holds no failed or quarantined
 * entry; {@value #EXIT_ENDPOINT_OUTAGE} when the replay endpoint failed for every VOD (an
 * "endpoint outage": nothing was charged, the next run retries everything); 1 when any attempt
 * was charged, a VOD was given back unresolved, or the queue holds failed or quarantined entries
 * (or the daily state quarantined parts)
 * (so that a lost VOD never goes quiet); 2 for usage errors (e.g. missing credentials). On SIGTERM
 * the VOD in progress is given back uncharged and its partial raw chat removed before exiting.
 */
@Command(name = "vod", mixinStandardHelpOptions = true,
        subcommands = {VodCommand.Stats.class, VodCommand.Add.class, VodCommand.Requeue.class},
        description = "Collect VOD chat replays of recent archives into presence buckets (Parquet). Needs "
                + "TWITCH_OAUTH_TOKEN (or TWITCH_CLIENT_SECRET) and TWITCH_CLIENT_ID in the environment.")
public final class VodCommand implements Callable<Integer> {
    /** Exit code of a run stopped by an endpoint outage (EX_TEMPFAIL of sysexits.h: try again later). */
    public static final int EXIT_ENDPOINT_OUTAGE = 75;
    /** How long a SIGTERM waits for the VOD in progress to be given back. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    LakeOptions lakeOptions;

    @Option(names = "--max-vods", paramLabel = "N",
            description = "Process at most N VODs in this run (overrides vod.max_vods_per_run).")
    Integer maxVods;

    @Spec
    CommandSpec spec;

    /** The environment credentials are read from (tests replace it). */
    Map<String, String> environment = ProcessEnvironment.variables();

    @Inject
    Provider<RunRecorder> recorder;

    @Inject
    Provider<HelixClient> helix;

    @Inject
    Provider<GqlChatReplayClient> replays;

    @Inject
    Provider<VodCollectionService> service;

    @Inject
    Provider<ObjectStore> store;

    @Override
    public Integer call() throws Exception {
        ViewerAtlasConfig config = configOptions.load(lakeOptions.flags()).config();
        PrintWriter out = spec.commandLine().getOut();
        if (!config.vod().enabled()) {
            out.println("vod: VOD collection is disabled (vod.enabled is false); nothing to do");
            out.flush();
            return ExitCodes.OK;
        }
        VodConfig vod = config.vod();
        if (maxVods != null) {
            if (maxVods < 1) {
                throw new UsageException("--max-vods must be at least 1, was " + maxVods);
            }
            vod = new VodConfig(vod.enabled(), vod.bucketLenS(), vod.autoDiscover(), vod.vodLimitPerChannel(),
                    vod.maxAgeHours(), vod.maxAgeDays(), vod.minViews(), maxVods, vod.maxProcessingHours(),
                    vod.rateLimitDelayS());
        }
        VodConfig vodConfig = vod;
        Guice.createInjector(new BaseModule(config), new CollectorModule(CollectorModule.credentials(environment)),
                new VodModule()).injectMembers(this);
        List<String> pinned = io.vieweratlas.runners.collector.PinnedChannels.of(
                readChannels(Path.of(config.collection().channelsFile())), config.collection());
        Map<String, Object> inputs = new TreeMap<>();
        inputs.put("pinned_channels", pinned.size());
        if (maxVods != null) {
            inputs.put("max_vods", maxVods);
        }
        try (HelixClient helix = this.helix.get(); GqlChatReplayClient gql = replays.get()) {
            VodCollectionService runner = service.get();
            try (VodShutdownHook hook = VodShutdownHook.install(runner, SHUTDOWN_GRACE)) {
                return recorder.get().record("vod", config, inputs, run -> {
                    helix.validate();
                    VodCollectionService.Report r = runner.run(new VodCollectionService.Request(vodConfig, pinned));
                    return report(r, run, out, store.get());
                });
            }
        }
    }

    private static int report(VodCollectionService.Report r, RunRecorder.Run run, PrintWriter out, ObjectStore store) {
        run.count("vods_discovered", r.discovered());
        run.count("vods_queued", r.queued());
        run.count("vods_completed", r.completed());
        run.count("vods_failed", r.failed());
        run.count("vods_unavailable", r.unavailable());
        run.count("vods_released_uncharged", r.released());
        run.count("vods_lease_lost", r.leaseLost());
        run.count("comments", r.comments());
        run.count("buckets", r.buckets());
        run.count("vods_pruned", r.pruned());
        run.count("queue_failed", r.queueFailed());
        run.count("queue_quarantined", r.queueQuarantined());
        run.count("queue_pending", r.queuePending());
        run.count("endpoint_outage", r.outage().isPresent() ? 1 : 0);
        int dailyQuarantined = new VodDailyState(store).quarantined();
        run.count("daily_state_quarantined", dailyQuarantined);
        out.printf(Locale.ROOT, "vod stopped (%s): %d archives discovered, %d queued, %d VODs written"
                        + " (%d comments, %d buckets), %d failed attempts, %d finished VODs pruned from the queue;"
                        + " %d unavailable, %d given back uncharged, %d leases lost%n",
                r.stopReason(), r.discovered(), r.queued(), r.completed(), r.comments(), r.buckets(), r.failed(),
                r.pruned(), r.unavailable(), r.released(), r.leaseLost());
        out.printf(Locale.ROOT, "queue: %d pending, %d failed, %d quarantined%s%n", r.queuePending(), r.queueFailed(),
                r.queueQuarantined(), dailyQuarantined == 0 ? ""
                        : "; daily state: " + dailyQuarantined + " quarantined");
        r.outage().ifPresent(o -> out.println("endpoint outage: " + o
                + " (no attempt charged; the next run retries every queued VOD)"));
        out.flush();
        // EMF metrics for CloudWatch (only in the containers: LOG_FORMAT=json or METRICS_FORMAT=emf).
        MetricsEmitter.forCommand("vod").emit(List.of(Metric.count("VodQueueDepth", r.queuePending()),
                Metric.count("VodsCompleted", r.completed()), Metric.count("VodsFailed", r.failed()),
                Metric.count("VodQueueFailed", r.queueFailed()),
                Metric.count("VodQueueQuarantined", r.queueQuarantined()),
                Metric.count("VodEndpointOutage", r.outage().isPresent() ? 1 : 0),
                Metric.count("Comments", r.comments())));
        if (r.outage().isPresent()) {
            run.error("endpoint outage: " + r.outage().get());
            return EXIT_ENDPOINT_OUTAGE;
        }
        int code = ExitCodes.OK;
        if (r.failed() > 0) {
            run.error(r.failed() + " VOD attempts failed (retried later per the queue's backoff)");
            code = ExitCodes.FAILURE;
        }
        if (r.released() > 0 && !"shutdown".equals(r.stopReason())) {
            run.error(r.released() + " VODs failed and were given back uncharged (no other VOD succeeded after them)");
            code = ExitCodes.FAILURE;
        }
        if (r.queueFailed() > 0) {
            run.error(r.queueFailed() + " VODs in the queue are failed for good (see 'vod stats', 'vod requeue --failed')");
            code = ExitCodes.FAILURE;
        }
        if (r.queueQuarantined() > 0) {
            run.error(r.queueQuarantined() + " unreadable queue entries are quarantined in "
                    + LakeLayout.VOD_QUEUE + " (see 'vod stats')");
            code = ExitCodes.FAILURE;
        }
        if (dailyQuarantined > 0) {
            run.error(dailyQuarantined + " malformed parts of " + LakeLayout.DAILY_COLLECTION_STATE
                    + " are quarantined in its 'quarantine' list");
            code = ExitCodes.FAILURE;
        }
        if ("shutdown".equals(r.stopReason())) {
            run.error("stopped by shutdown");
            code = ExitCodes.FAILURE;
        }
        return code;
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

    private static VodQueue queue(ObjectStore store, Clock clock) {
        return new VodQueue(store, clock, "cli@" + ManagementFactory.getRuntimeMXBean().getName());
    }

    /** {@code vod stats}: the queue by state, the oldest pending VOD, error classes and lease holders. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Show the VOD queue: counts by state, oldest pending VOD, last error classes, lease holders"
                    + " and quarantined entries. Changes nothing.")
    static final class Stats implements Callable<Integer> {
        @Mixin
        ConfigOptions configOptions;

        @Mixin
        LakeOptions lakeOptions;

        @Spec
        CommandSpec spec;

        @Inject
        Provider<ObjectStore> store;

        @Inject
        Clock clock;

        @Override
        public Integer call() {
            ViewerAtlasConfig config = configOptions.load(lakeOptions.flags()).config();
            Guice.createInjector(new BaseModule(config)).injectMembers(this);
            VodQueueState state = queue(store.get(), clock).state();
            PrintWriter out = spec.commandLine().getOut();
            StringBuilder counts = new StringBuilder();
            state.countsByStatus().forEach((k, v) -> counts.append(counts.isEmpty() ? "" : ", ").append(v).append(' ')
                    .append(k));
            out.println("VODs: " + counts + "; " + state.quarantine().size() + " quarantined");
            out.println("oldest pending: " + state.oldestPending().map(e -> e.task().vodId() + " of "
                    + e.task().channel() + " (waiting since " + e.updatedAt() + ", " + e.attempts() + " attempts"
                    + e.lastError().map(m -> ", last error: " + m).orElse("") + ")").orElse("none"));
            out.println("last error classes: " + (state.errorClasses().isEmpty() ? "none"
                    : state.errorClasses().toString()));
            if (state.leaseHolders().isEmpty()) {
                out.println("lease holders: none");
            }
            state.leaseHolders().forEach((owner, vods) -> {
                StringBuilder b = new StringBuilder();
                vods.forEach((id, until) -> b.append(b.isEmpty() ? "" : ", ").append(id).append(" until ").append(until)
                        .append(until.isAfter(clock.instant()) ? "" : " (expired)"));
                out.println("lease holder " + owner + ": " + b);
            });
            for (QuarantinedEntry q : state.quarantine()) {
                out.println("quarantined " + q.key() + " (" + q.quarantinedAt() + "): " + q.reason());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code vod add}: queues VODs by id, looked up on Helix for their channel and start time. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Queue VODs by id (looked up on Helix). VODs already in the queue are left as they are.")
    static final class Add implements Callable<Integer> {
        @Mixin
        ConfigOptions configOptions;

        @Mixin
        LakeOptions lakeOptions;

        @Parameters(paramLabel = "VOD_ID", arity = "1..*", description = "Twitch video ids (digits).")
        List<String> ids;

        @ParentCommand
        VodCommand parent;

        @Spec
        CommandSpec spec;

        @Inject
        Provider<HelixClient> helix;

        @Inject
        Provider<ObjectStore> store;

        @Inject
        Clock clock;

        @Override
        public Integer call() {
            for (String id : ids) {
                if (!id.matches("\\d+")) {
                    throw new UsageException("VOD id must be digits, was '" + id + "'");
                }
            }
            ViewerAtlasConfig config = configOptions.load(lakeOptions.flags()).config();
            Guice.createInjector(new BaseModule(config), new CollectorModule(CollectorModule.credentials(parent.environment)))
                    .injectMembers(this);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<VodTask> tasks = new ArrayList<>();
            Set<String> found = new TreeSet<>();
            try (HelixClient client = helix.get()) {
                for (HelixVideo v : client.videos(ids)) {
                    tasks.add(new VodTask(v.id(), v.userLogin(), v.userId(), v.createdAt()));
                    found.add(v.id());
                }
            }
            VodQueue queue = queue(store.get(), clock);
            Set<String> known = queue.entries().keySet();
            int added = queue.enqueue(tasks);
            for (String id : new TreeSet<>(ids)) {
                if (!found.contains(id)) {
                    err.println("vod add: VOD " + id + " is not known to Helix (deleted or never existed); not queued");
                } else if (known.contains(id)) {
                    out.println("VOD " + id + " is already in the queue (" + queue.entries().get(id).status().wireName()
                            + "); left as it is");
                } else {
                    out.println("VOD " + id + " queued");
                }
            }
            out.println(added + " VODs queued");
            out.flush();
            err.flush();
            return found.size() == new TreeSet<>(ids).size() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    /** {@code vod requeue --failed}: makes failed VODs pending again with fresh attempts. */
    @Command(name = "requeue", mixinStandardHelpOptions = true,
            description = "Make failed VODs pending again with their attempts reset.")
    static final class Requeue implements Callable<Integer> {
        @Mixin
        ConfigOptions configOptions;

        @Mixin
        LakeOptions lakeOptions;

        @Option(names = "--failed", required = true, description = "Requeue the VODs failed for good.")
        boolean failed;

        @Option(names = "--since", paramLabel = "DATE",
                description = "Only VODs that failed on or after DATE (YYYY-MM-DD, UTC, or an ISO-8601 instant).")
        String since;

        @Spec
        CommandSpec spec;

        @Inject
        Provider<ObjectStore> store;

        @Inject
        Clock clock;

        @Override
        public Integer call() {
            Optional<Instant> from = Optional.empty();
            if (since != null) {
                try {
                    from = Optional.of(since.contains("T") ? Instant.parse(since)
                            : LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant());
                } catch (DateTimeParseException e) {
                    throw new UsageException("--since must be a date (YYYY-MM-DD) or an ISO-8601 instant, was '"
                            + since + "'");
                }
            }
            ViewerAtlasConfig config = configOptions.load(lakeOptions.flags()).config();
            Guice.createInjector(new BaseModule(config)).injectMembers(this);
            List<String> ids = queue(store.get(), clock).requeueFailed(from);
            PrintWriter out = spec.commandLine().getOut();
            out.println(ids.size() + " failed VODs requeued" + (ids.isEmpty() ? "" : ": " + String.join(", ", ids)));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
