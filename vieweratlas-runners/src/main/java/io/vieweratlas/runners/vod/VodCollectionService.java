package io.vieweratlas.runners.vod;

import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.lake.vod.VodLease;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.lake.vod.VodQueueState;
import io.vieweratlas.lake.vod.VodStatus;
import io.vieweratlas.lake.vod.VodTask;
import io.vieweratlas.runners.config.VodConfig;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.helix.HelixUser;
import io.vieweratlas.twitch.helix.HelixVideo;
import io.vieweratlas.twitch.vod.ChatReplayException;
import io.vieweratlas.twitch.vod.ChatReplaySource;
import io.vieweratlas.twitch.vod.ReplaySummary;
import io.vieweratlas.twitch.vod.VodSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The VOD collection use case, one {@link Request} per run: discover recent archives of known
 * channels (the channels file and the channels the live collector saw within the age limit),
 * queue the ones the rules pick,
 * then claim and process queued VODs (fetch the chat replay, store it raw, bucket it, write the
 * Parquet file) until the queue has nothing due, {@code max_vods_per_run} VODs were processed or
 * {@code max_processing_hours} have passed.
 *
 * <p>Failures are told apart so that only a VOD's own failures cost it attempts. A VOD Twitch no
 * longer serves is marked {@code unavailable} at once. Any other failure gives the VOD back
 * without charging it, as a suspect: when a later VOD of the same run is written, the endpoint
 * works and the suspects' failures were their own, so their attempts are charged then. When two
 * VODs in a row fail with the same error class (a rotated persisted query, a changed schema, 5xx
 * everywhere), or the endpoint refuses the client (401/403), the run stops at once as an
 * endpoint outage, charging nothing; so however long an outage lasts, no VOD ends failed because
 * of it and the first healthy run takes every queued VOD.
 */
public final class VodCollectionService {
    private static final Logger LOG = LoggerFactory.getLogger(VodCollectionService.class);

    private final HelixClient helix;
    private final ChatReplaySource replays;
    private final VodQueue queue;
    private final VodDailyState daily;
    private final VodIngest ingest;
    private final Clock clock;
    private final AtomicBoolean stop = new AtomicBoolean();

    /**
     * @param helix   Helix for users and archives
     * @param replays where chat replays come from
     * @param queue   the shared VOD queue
     * @param daily   the daily state (VOD counts per channel, live channels)
     * @param ingest  writes raw and curated objects
     * @param clock   time source for ages, days and the processing-time limit
     */
    public VodCollectionService(HelixClient helix, ChatReplaySource replays, VodQueue queue, VodDailyState daily,
                     VodIngest ingest, Clock clock) {
        this.helix = Objects.requireNonNull(helix, "helix");
        this.replays = Objects.requireNonNull(replays, "replays");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.daily = Objects.requireNonNull(daily, "daily");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a run did, and where the queue stands after it.
     *
     * @param discovered       archives listed by Helix within the age limit
     * @param queued           newly queued VODs
     * @param completed        VODs written
     * @param failed           attempts charged to their VOD in this run (retried later or failed for good)
     * @param comments         comments bucketed
     * @param buckets          buckets written
     * @param stopReason       why processing stopped: {@code queue_empty}, {@code max_vods_per_run},
     *                         {@code max_processing_hours}, {@code endpoint_outage} or {@code shutdown}
     * @param pruned           finished VODs older than the age limit removed from the queue
     * @param unavailable      VODs Twitch no longer serves, marked {@code unavailable} in this run
     * @param released         VODs given back uncharged (outage, failures not shown to be the VOD's own, shutdown)
     * @param leaseLost        VODs whose lease another worker took over before this one finished
     * @param outage           the endpoint outage that stopped the run (error class and message), if any
     * @param queueFailed      VODs in the queue failed for good (not only this run's)
     * @param queueQuarantined unreadable entries set aside in the queue file's quarantine list
     * @param queuePending     VODs pending in the queue after the run
     */
    public record Report(long discovered, long queued, long completed, long failed, long comments, long buckets,
                         String stopReason, long pruned, long unavailable, long released, long leaseLost,
                         Optional<String> outage, long queueFailed, long queueQuarantined, long queuePending) {
        public Report {
            Objects.requireNonNull(stopReason, "stopReason");
            Objects.requireNonNull(outage, "outage");
        }
    }

    /**
     * Asks a running {@link #run} to stop (e.g. on SIGTERM): the VOD in progress is abandoned
     * after its current page, its partial raw chat deleted and its lease given back uncharged.
     */
    public void requestStop() {
        stop.set(true);
    }

    /**
     * One VOD run: the settings and the channels pinned by {@code channels.txt}.
     *
     * @param settings       the VOD settings (limits, age, buckets)
     * @param pinnedChannels channels whose archives are discovered besides the top streams
     */
    public record Request(VodConfig settings, List<String> pinnedChannels) {
        public Request {
            Objects.requireNonNull(settings, "settings");
            pinnedChannels = List.copyOf(pinnedChannels);
        }
    }

    /** Runs discovery (when {@code vod.auto_discover}) and then the queue. */
    public Report run(Request request) {
        VodConfig config = request.settings();
        List<String> pinnedChannels = request.pinnedChannels();
        Instant started = clock.instant();
        VodSelection rules = VodSelection.fromConfig(config.maxAgeHours(), config.maxAgeDays(), config.minViews(),
                config.vodLimitPerChannel(), config.maxVodsPerRun());
        // Finished VODs older than the age limit are never listed by discovery again: drop them, so
        // that the queue file every worker rewrites stays the size of the recent past.
        long pruned = queue.pruneFinished(rules.notBefore(started));
        long discovered = 0;
        long queued = 0;
        if (config.autoDiscover() && !stop.get()) {
            long[] counts = discover(rules, pinnedChannels, started);
            discovered = counts[0];
            queued = counts[1];
        }
        Instant deadline = started.plus(Duration.ofMillis(Math.round(config.maxProcessingHours() * 3_600_000)));
        Tally t = new Tally();
        String stopReason = "queue_empty";
        Set<String> tried = new HashSet<>();
        List<Suspect> suspects = new ArrayList<>();
        Optional<String> outage = Optional.empty();
        while (true) {
            if (stop.get()) {
                stopReason = "shutdown";
                break;
            }
            if (tried.size() >= config.maxVodsPerRun()) {
                stopReason = "max_vods_per_run";
                break;
            }
            if (!clock.instant().isBefore(deadline)) {
                stopReason = "max_processing_hours";
                break;
            }
            Optional<VodLease> claimed = queue.claim(tried);
            if (claimed.isEmpty()) {
                break;
            }
            VodTask task = claimed.get().task();
            tried.add(task.vodId());
            Outcome outcome = process(claimed.get(), t);
            switch (outcome) {
                case Outcome.Done d -> {
                    // The endpoint served a VOD: earlier failures in this run were those VODs' own.
                    chargeAll(suspects, t);
                }
                case Outcome.Neutral n -> {
                }
                case Outcome.Stopped s -> {
                }
                case Outcome.Failed f -> {
                    Optional<Suspect> previous = suspects.isEmpty() ? Optional.empty()
                            : Optional.of(suspects.get(suspects.size() - 1));
                    f.releasedAt().ifPresent(at -> suspects.add(new Suspect(task.vodId(), at, f.errorClass())));
                    boolean sameAsPrevious = previous.map(p -> p.errorClass().equals(f.errorClass())).orElse(false);
                    if (f.auth() || sameAsPrevious) {
                        outage = Optional.of(f.errorClass() + ": " + f.message());
                    }
                }
            }
            if (outage.isPresent()) {
                stopReason = "endpoint_outage";
                LOG.error("Endpoint outage: {}; the run stops, {} VODs given back without charging an attempt",
                        outage.get(), suspects.size());
                break;
            }
            if (stop.get()) {
                stopReason = "shutdown";
                break;
            }
        }
        if (!suspects.isEmpty() && outage.isEmpty()) {
            LOG.warn("{} VODs failed without another VOD succeeding after them in this run; given back uncharged: {}",
                    suspects.size(), suspects.stream().map(Suspect::vodId).toList());
        }
        VodQueueState state = queue.state();
        return new Report(discovered, queued, t.completed, t.failed, t.comments, t.buckets, stopReason, pruned,
                t.unavailable, t.released - t.charged, t.leaseLost, outage, state.count(VodStatus.FAILED),
                state.quarantine().size(), state.count(VodStatus.PENDING));
    }

    /** A VOD given back uncharged in this run whose failure was not yet shown to be its own. */
    private record Suspect(String vodId, Instant releasedAt, String errorClass) {
    }

    private void chargeAll(List<Suspect> suspects, Tally t) {
        for (Suspect s : suspects) {
            if (queue.chargeReleased(s.vodId(), s.releasedAt())) {
                t.failed++;
                t.charged++;
                LOG.warn("VOD {}: its failure ({}) was its own (other VODs succeed); attempt charged", s.vodId(),
                        s.errorClass());
            }
        }
        suspects.clear();
    }

    /** Counts of one run. */
    private static final class Tally {
        long completed;
        long failed;
        long charged;
        long comments;
        long buckets;
        long unavailable;
        long released;
        long leaseLost;
    }

    /** How one VOD went. */
    private sealed interface Outcome {
        /** Written (or lost at completion: counted apart). */
        record Done() implements Outcome {
        }

        /** Says nothing about the endpoint (unavailable VOD, lease lost). */
        record Neutral() implements Outcome {
        }

        /** Stopped by a shutdown request. */
        record Stopped() implements Outcome {
        }

        /** Failed; given back uncharged at {@code releasedAt} (empty when the lease was already lost). */
        record Failed(String errorClass, String message, boolean auth, Optional<Instant> releasedAt)
                implements Outcome {
        }
    }

    private Outcome process(VodLease lease, Tally t) {
        VodTask task = lease.task();
        LeaseKeeper keeper = new LeaseKeeper(lease);
        VodIngest.Session session = ingest.open(task.channel(), task.channelId(), task.vodId(), task.createdAt(), "",
                PresenceSourceKind.VOD, true);
        try {
            ReplaySummary replay = replays.stream(task.vodId(), page -> {
                keeper.afterPage();
                if (stop.get()) {
                    throw new StopRequestedException();
                }
                session.accept(page);
            });
            // Only the holder writes: renew once more right before writing.
            Optional<VodLease> renewed = queue.renew(keeper.lease);
            if (renewed.isEmpty()) {
                session.abort();
                t.leaseLost++;
                LOG.warn("VOD {} of {}: lease lost while fetching; another worker has it", task.vodId(), task.channel());
                return new Outcome.Neutral();
            }
            VodIngest.Result result = session.finish();
            if (queue.complete(renewed.get())) {
                t.completed++;
                t.comments += result.comments();
                t.buckets += result.buckets();
                LOG.info("VOD {} of {}: {} comments, {} buckets, {} deleted commenters skipped", task.vodId(),
                        task.channel(), result.comments(), result.buckets(), replay.deletedCommenters());
            } else {
                // Written, but another worker took the lease over meanwhile: it will write the same again.
                t.leaseLost++;
                LOG.warn("VOD {} of {}: written, but the lease was lost before completing; another worker has it",
                        task.vodId(), task.channel());
            }
            return new Outcome.Done();
        } catch (LeaseLostException e) {
            session.abort();
            t.leaseLost++;
            LOG.warn("VOD {} of {}: {}; another worker has it", task.vodId(), task.channel(), e.getMessage());
            return new Outcome.Neutral();
        } catch (StopRequestedException e) {
            return stopped(keeper.lease, session, t);
        } catch (ChatReplayException e) {
            if (stop.get()) { // an interrupted wait during shutdown
                return stopped(keeper.lease, session, t);
            }
            session.abort();
            if (e.kind() == ChatReplayException.Kind.UNAVAILABLE) {
                if (queue.markUnavailable(keeper.lease, e.getMessage(), e.errorClass())) {
                    t.unavailable++;
                }
                LOG.warn("VOD {} of {} is unavailable: {}", task.vodId(), task.channel(), e.getMessage());
                return new Outcome.Neutral();
            }
            return failed(keeper.lease, e.errorClass(), e.getMessage(), e.kind() == ChatReplayException.Kind.AUTH, t);
        } catch (RuntimeException e) {
            if (stop.get()) {
                return stopped(keeper.lease, session, t);
            }
            session.abort();
            return failed(keeper.lease, e.getClass().getSimpleName(), String.valueOf(e.getMessage()), false, t);
        }
    }

    private Outcome failed(VodLease lease, String errorClass, String message, boolean auth, Tally t) {
        VodTask task = lease.task();
        LOG.warn("VOD {} of {} failed ({}): {}", task.vodId(), task.channel(), errorClass, message);
        Optional<Instant> at = queue.release(lease, message, errorClass);
        if (at.isPresent()) {
            t.released++;
        } else {
            t.leaseLost++;
        }
        return new Outcome.Failed(errorClass, message, auth, at);
    }

    private Outcome stopped(VodLease lease, VodIngest.Session session, Tally t) {
        // The shutdown hook interrupts this thread when it is slow to stop, at any moment, also while
        // the lease is being given back; an interrupt would close the store's file channels in the
        // middle of that write. So the clean-up runs on its own thread, which nothing interrupts, and
        // an interrupt that arrives meanwhile is dropped: it asked for the stop that is under way, and
        // left set it would break the run record written next.
        FutureTask<Optional<Instant>> cleanUp = new FutureTask<>(() -> {
            session.abort();
            return queue.release(lease, "stopped by shutdown", "shutdown");
        });
        Thread.ofVirtual().name("vod-release-" + lease.task().vodId()).start(cleanUp);
        Optional<Instant> released;
        while (true) {
            try {
                released = cleanUp.get();
                break;
            } catch (InterruptedException e) {
                // the stop under way; keep waiting for the lease to be given back
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        Thread.interrupted();
        if (released.isPresent()) {
            t.released++;
        }
        LOG.warn("VOD {} of {}: stopped by shutdown; lease given back, partial raw chat removed",
                lease.task().vodId(), lease.task().channel());
        return new Outcome.Stopped();
    }

    /** Renews the lease during a long fetch (a large VOD at the default pacing takes longer than a lease). */
    private final class LeaseKeeper {
        private VodLease lease;

        LeaseKeeper(VodLease lease) {
            this.lease = lease;
        }

        void afterPage() {
            // renew when a third of the lease is left
            if (clock.instant().isAfter(lease.expires().minus(VodQueue.LEASE.dividedBy(3)))) {
                lease = queue.renew(lease).orElseThrow(() -> new LeaseLostException(
                        "lease of VOD " + lease.task().vodId() + " lost during the fetch"));
            }
        }
    }

    /** The lease expired and was taken over: stop working on the VOD without touching its state. */
    private static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String message) {
            super(message);
        }
    }

    /** A shutdown was requested while a VOD was being fetched. */
    private static final class StopRequestedException extends RuntimeException {
        StopRequestedException() {
            super("shutdown requested", null, false, false);
        }
    }

    private long[] discover(VodSelection rules, Collection<String> pinned, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate firstDay = LocalDate.ofInstant(rules.notBefore(now), ZoneOffset.UTC);
        Set<String> logins = new TreeSet<>();
        pinned.forEach(l -> logins.add(l.toLowerCase(Locale.ROOT)));
        logins.addAll(daily.liveChannels(firstDay, today));
        if (logins.isEmpty()) {
            LOG.info("VOD discovery: no channels (channels file empty and no live channels recorded)");
            return new long[]{0, 0};
        }
        List<HelixVideo> candidates = new ArrayList<>();
        for (HelixUser user : helix.users(logins)) {
            candidates.addAll(helix.archiveVideos(user.id(), rules.notBefore(now)));
        }
        List<HelixVideo> picked = rules.select(candidates, daily.vodCounts(today), queue.entries().keySet(), now);
        List<VodTask> tasks = new ArrayList<>();
        for (HelixVideo v : picked) {
            tasks.add(new VodTask(v.id(), v.userLogin(), v.userId(), v.createdAt()));
        }
        int added = queue.enqueue(tasks);
        for (VodTask t : tasks) {
            daily.recordVod(today, t.channel(), t.vodId());
        }
        LOG.info("VOD discovery: {} channels, {} recent archives, {} picked, {} newly queued", logins.size(),
                candidates.size(), picked.size(), added);
        return new long[]{candidates.size(), added};
    }
}
