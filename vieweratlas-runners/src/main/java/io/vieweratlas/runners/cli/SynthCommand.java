package io.vieweratlas.runners.cli;

import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.SnapshotStore.SnapshotWrite;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.runners.ExitCodes;
import io.vieweratlas.runners.UsageException;
import io.vieweratlas.runners.config.ViewerAtlasConfig;
import io.vieweratlas.runners.run.RunRecorder;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import io.vieweratlas.synth.SyntheticLakeSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Writes a deterministic synthetic lake with planted communities in the original's layout
 * ({@code raw/snapshots/YYYY/MM/DD/<channel>_<YYYYmmdd_HHMMSS>.json}) plus {@code truth.json}
 * (channel to planted community). The same options give byte-identical files; only the run
 * record under {@code runs/synth/} differs between runs, since it records when the run happened.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write a deterministic synthetic lake with planted communities (uneven sizes, heavy-tailed "
                + "channel popularity, viewers mostly inside a home community, optional bots, realistic game and "
                + "language metadata), plus truth.json: channel -> planted community.",
                "The same options always give byte-identical files."})
public final class SynthCommand implements Callable<Integer> {

    /** Key of the planted truth inside the written lake. */
    public static final String TRUTH_KEY = "truth.json";

    /** Writers by default: each snapshot write waits for its file to reach the disk, so more writers than cores pay off. */
    static final int DEFAULT_THREADS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(SynthCommand.class);

    @Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory to write the lake into: empty, or holding the same synthetic lake from an earlier run.")
    Path out;

    @Option(names = "--channels", required = true, paramLabel = "N", description = "Number of channels.")
    int channels;

    @Option(names = "--communities", required = true, paramLabel = "K",
            description = "Number of planted communities (at most channels / 3).")
    int communities;

    @Option(names = "--viewers", required = true, paramLabel = "N",
            description = "Number of viewer accounts, bots excluded (at least channels).")
    int viewers;

    @Option(names = "--snapshots", required = true, paramLabel = "N",
            description = "Snapshots per channel, one per --interval.")
    int snapshots;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Time between a channel's snapshots, e.g. 1h, 1d, PT6H (default: 1h, as the original collects).")
    String interval;

    @Option(names = "--mixing", paramLabel = "MU", defaultValue = "0.1",
            description = "Share of a viewer's channel visits outside their home community, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double mixing;

    @Option(names = "--bots", description = "Add bot accounts (nightbot, streamelements, ...) to almost every snapshot.")
    boolean bots;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-community", paramLabel = "N",
            description = "Fewest channels of a planted community (default: 3).")
    int minCommunity = SyntheticLakeSpec.Shape.DEFAULT.minCommunityChannels();

    @Option(names = "--size-exponent", paramLabel = "A",
            description = "Community sizes above the minimum follow rank^-A, in [0, 4] (default: 0.75).")
    double sizeExponent = SyntheticLakeSpec.Shape.DEFAULT.communitySizeExponent();

    @Option(names = "--popularity-exponent", paramLabel = "A",
            description = "Channel popularity inside a community follows Zipf rank^-A, in [0, 4] (default: 0.85).")
    double popularityExponent = SyntheticLakeSpec.Shape.DEFAULT.channelPopularityExponent();

    @Option(names = "--presence", paramLabel = "P",
            description = "Probability that an audience member is present in one snapshot, in (0, 1] (default: 0.37).")
    double presence = SyntheticLakeSpec.Shape.DEFAULT.presence();

    @Option(names = "--variety", paramLabel = "SHARE",
            description = "Share of channels whose audience also comes from 2-4 other communities, in [0, 0.5] "
                    + "(default: 0).")
    double variety = SyntheticLakeSpec.Shape.DEFAULT.varietyShare();

    @Option(names = "--heavy-accounts", paramLabel = "N",
            description = "Accounts present in 20-200 channels of every community (default: 0).")
    int heavyAccounts = SyntheticLakeSpec.Shape.DEFAULT.heavyAccounts();

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads that draw and write snapshots (default: 8; writing waits on the disk more than on the CPU). Does not change the output.")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        ViewerAtlasConfig config = configOptions.load(Map.of()).config();
        SyntheticLakeSpec lakeSpec = lakeSpec();
        int threadCount = threads == null ? DEFAULT_THREADS : threads;
        if (threadCount < 1 || threadCount > 64) {
            throw new UsageException("--threads is " + threadCount + " but must be between 1 and 64");
        }
        ObjectStore store = new FileSystemObjectStore(out);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("out", out.toAbsolutePath().normalize());
        inputs.put("channels", channels);
        inputs.put("communities", communities);
        inputs.put("viewers", viewers);
        inputs.put("snapshots", snapshots);
        inputs.put("mixing", mixing);
        inputs.put("bots", bots);
        inputs.put("seed", seed);
        if (interval != null) {
            inputs.put("interval", lakeSpec.snapshotInterval().toString());
        }
        if (!lakeSpec.shape().equals(SyntheticLakeSpec.Shape.DEFAULT)) {
            inputs.put("shape", lakeSpec.shape().toString());
        }
        return new RunRecorder(store, Clock.systemUTC()).record("synth", config, inputs,
                run -> write(lakeSpec, store, threadCount, run));
    }

    private SyntheticLakeSpec lakeSpec() {
        try {
            Duration every = interval == null ? SyntheticLakeSpec.DEFAULT_SNAPSHOT_INTERVAL
                    : AnalyzeCommand.parseDuration("--interval", interval);
            return SyntheticLakeSpec.builder().snapshotInterval(every).channels(channels).communities(communities).viewers(viewers)
                    .snapshotsPerChannel(snapshots).mixing(mixing).bots(bots).seed(seed)
                    .minCommunityChannels(minCommunity).communitySizeExponent(sizeExponent)
                    .channelPopularityExponent(popularityExponent).presence(presence).varietyShare(variety)
                    .heavyAccounts(heavyAccounts).build();
        } catch (IllegalArgumentException e) {
            // The spec names its fields as the options do, minus the dashes: say which option to change.
            throw new UsageException("invalid synthetic lake: " + e.getMessage()
                    .replaceFirst("^snapshotsPerChannel", "snapshots")
                    .replaceFirst("^snapshotInterval", "interval")
                    .replaceFirst("^minCommunityChannels", "min-community")
                    .replaceFirst("^communitySizeExponent", "size-exponent")
                    .replaceFirst("^channelPopularityExponent", "popularity-exponent")
                    .replaceFirst("^varietyShare", "variety")
                    .replaceFirst("^heavyAccounts", "heavy-accounts"));
        }
    }

    private int write(SyntheticLakeSpec lakeSpec, ObjectStore store, int threadCount, RunRecorder.Run run)
            throws InterruptedException {
        long started = System.nanoTime();
        SyntheticLake lake = SyntheticLake.plan(lakeSpec);
        long planned = System.nanoTime();
        byte[] truth = truthJson(lake);
        claimTruth(store, truth);

        LakeSnapshotStore snapshots = LakeSnapshotStore.on(store);
        LongAdder written = new LongAdder();
        LongAdder unchanged = new LongAdder();
        LongAdder entries = new LongAdder();
        List<String> conflicts = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger nextChannel = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "synth-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            // Each worker takes the next channel: its snapshots come from the channel's own random
            // stream, so which thread draws them does not matter.
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threadCount; t++) {
                workers.add(pool.submit(() -> {
                    for (int c = nextChannel.getAndIncrement(); c < lake.channels().size(); c = nextChannel.getAndIncrement()) {
                        for (PresenceSnapshot snapshot : lake.snapshotsOf(c)) {
                            SnapshotWrite result = snapshots.put(snapshot);
                            entries.add(snapshot.chatters().size());
                            switch (result.status()) {
                                case WRITTEN -> written.increment();
                                case UNCHANGED -> unchanged.increment();
                                case CONFLICT -> conflicts.add(result.key());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    nextChannel.set(Integer.MAX_VALUE / 2); // stop the other workers early
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long finished = System.nanoTime();

        long bytes;
        try (Stream<ObjectInfo> listing = store.list(LakeLayout.SNAPSHOTS)) {
            bytes = listing.mapToLong(ObjectInfo::size).sum();
        }
        SyntheticLakeSummary summary = lake.summary();
        run.count("channels", summary.channels());
        run.count("communities", summary.communities().size());
        run.count("viewers", summary.viewers());
        run.count("bot_accounts", summary.botAccounts());
        run.count("memberships", summary.memberships());
        run.count("snapshots_written", written.sum());
        run.count("snapshots_unchanged", unchanged.sum());
        run.count("snapshots_conflicting", conflicts.size());
        run.count("chatter_entries", entries.sum());
        run.count("snapshot_bytes", bytes);
        List<String> sortedConflicts = new ArrayList<>(conflicts);
        sortedConflicts.sort(null);
        for (String key : sortedConflicts.subList(0, Math.min(20, sortedConflicts.size()))) {
            run.error("a different snapshot already exists at " + key + "; it was kept");
        }

        PrintWriter o = spec.commandLine().getOut();
        List<SyntheticLakeSummary.PlantedCommunity> planted = summary.communities();
        o.printf(Locale.ROOT, "synthetic lake in %s%n", out);
        o.printf(Locale.ROOT, "  channels     %,d in %d planted communities (largest %,d channels, smallest %,d)%n",
                summary.channels(), planted.size(), planted.get(0).channels(), planted.get(planted.size() - 1).channels());
        o.printf(Locale.ROOT, "  viewers      %,d (+ %d bot accounts), %,d viewer-channel memberships, mixing %s%n",
                summary.viewers(), summary.botAccounts(), summary.memberships(), lakeSpec.mixing());
        o.printf(Locale.ROOT, "  snapshots    %,d written, %,d already there, %,d conflicting; %,d chatter entries, %,d bytes%n",
                written.sum(), unchanged.sum(), conflicts.size(), entries.sum(), bytes);
        o.printf(Locale.ROOT, "  truth        %s%n", out.resolve(TRUTH_KEY));
        o.printf(Locale.ROOT, "  time         %.2f s (plan %.2f s, snapshots %.2f s, %d threads)%n",
                (finished - started) / 1e9, (planned - started) / 1e9, (finished - planned) / 1e9, threadCount);
        o.flush();
        LOG.debug("synth wrote {} snapshots to {}", written.sum(), store.describe());
        if (!conflicts.isEmpty()) {
            spec.commandLine().getErr().printf(Locale.ROOT,
                    "vieweratlas synth: %d snapshots differ from ones already in %s (first: %s); "
                            + "they were kept. Write into an empty directory.%n",
                    conflicts.size(), out, sortedConflicts.get(0));
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    /**
     * Writes truth.json unless the same one is there. A different truth, or a lake without one,
     * means the directory holds another lake: mixing two lakes would make a third that matches
     * no truth, so refuse before writing anything.
     */
    private void claimTruth(ObjectStore store, byte[] truth) {
        Optional<StoredObject> existing = store.get(TRUTH_KEY);
        if (existing.isPresent()) {
            if (!Arrays.equals(existing.get().content(), truth)) {
                throw new UsageException(out + " already holds a different synthetic lake (its " + TRUTH_KEY
                        + " differs): write into an empty directory");
            }
            return;
        }
        try (Stream<ObjectInfo> raw = store.list("raw/")) {
            if (raw.findAny().isPresent()) {
                throw new UsageException(out + " already holds a lake that synth did not write (raw/ without "
                        + TRUTH_KEY + "): write into an empty directory");
            }
        }
        if (!store.putIfAbsent(TRUTH_KEY, truth).written()
                && !Arrays.equals(store.get(TRUTH_KEY).map(StoredObject::content).orElse(new byte[0]), truth)) {
            throw new UsageException("another process wrote a different " + TRUTH_KEY + " into " + out);
        }
    }

    /** {@code {"channel": community, ...}} sorted by channel, one entry per line, LF line ends. */
    static byte[] truthJson(SyntheticLake lake) {
        StringBuilder b = new StringBuilder(32 * lake.channels().size() + 4);
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, Integer> e : lake.truth().entrySet()) {
            b.append(first ? "\n  \"" : ",\n  \"");
            // Channel logins are [a-z0-9_]: nothing to escape.
            b.append(e.getKey()).append("\": ").append(e.getValue().intValue());
            first = false;
        }
        b.append(first ? "}\n" : "\n}\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
