package io.vieweratlas.runners.vod;

import io.vieweratlas.core.config.VodConfig;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.lake.vod.VodLease;
import io.vieweratlas.lake.vod.VodQueue;
import io.vieweratlas.lake.vod.VodTask;
import io.vieweratlas.twitch.helix.HelixClient;
import io.vieweratlas.twitch.helix.HelixUser;
import io.vieweratlas.twitch.helix.HelixVideo;
import io.vieweratlas.twitch.vod.ChatReplay;
import io.vieweratlas.twitch.vod.ChatReplaySource;
import io.vieweratlas.twitch.vod.VodChat;
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
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One run of the VOD collector: discover recent archives of known channels (the channels file
 * and the channels the live collector saw within the age limit), queue the ones the rules pick,
 * then claim and process queued VODs (fetch the chat replay, store it raw, bucket it, write the
 * Parquet file) until the queue has nothing due, {@code max_vods_per_run} VODs were processed or
 * {@code max_processing_hours} have passed.
 */
public final class VodRunner {
    private static final Logger LOG = LoggerFactory.getLogger(VodRunner.class);

    private final HelixClient helix;
    private final ChatReplaySource replays;
    private final VodQueue queue;
    private final VodDailyState daily;
    private final VodIngest ingest;
    private final Clock clock;

    /**
     * @param helix   Helix for users and archives
     * @param replays where chat replays come from
     * @param queue   the shared VOD queue
     * @param daily   the daily state (VOD counts per channel, live channels)
     * @param ingest  writes raw and curated objects
     * @param clock   time source for ages, days and the processing-time limit
     */
    public VodRunner(HelixClient helix, ChatReplaySource replays, VodQueue queue, VodDailyState daily,
                     VodIngest ingest, Clock clock) {
        this.helix = Objects.requireNonNull(helix, "helix");
        this.replays = Objects.requireNonNull(replays, "replays");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.daily = Objects.requireNonNull(daily, "daily");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a run did.
     *
     * @param discovered archives listed by Helix within the age limit
     * @param queued     newly queued VODs
     * @param completed  VODs written
     * @param failed     attempts that failed (the VOD is retried later or failed for good)
     * @param comments   comments bucketed
     * @param buckets    buckets written
     * @param stopReason why processing stopped: {@code queue_empty}, {@code max_vods_per_run} or {@code max_processing_hours}
     * @param pruned     finished VODs older than the age limit removed from the queue
     */
    public record Report(long discovered, long queued, long completed, long failed, long comments, long buckets,
                         String stopReason, long pruned) {
    }

    /** Runs discovery (when {@code vod.auto_discover}) and then the queue. */
    public Report run(VodConfig config, Collection<String> pinnedChannels) {
        Instant started = clock.instant();
        VodSelection rules = VodSelection.fromConfig(config.maxAgeHours(), config.maxAgeDays(), config.minViews(),
                config.vodLimitPerChannel(), config.maxVodsPerRun());
        // Finished VODs older than the age limit are never listed by discovery again: drop them, so
        // that the queue file every worker rewrites stays the size of the recent past.
        long pruned = queue.pruneFinished(rules.notBefore(started));
        long discovered = 0;
        long queued = 0;
        if (config.autoDiscover()) {
            long[] counts = discover(rules, pinnedChannels, started);
            discovered = counts[0];
            queued = counts[1];
        }
        Instant deadline = started.plus(Duration.ofMillis(Math.round(config.maxProcessingHours() * 3_600_000)));
        long completed = 0;
        long failed = 0;
        long comments = 0;
        long buckets = 0;
        String stop = "queue_empty";
        while (true) {
            if (completed + failed >= config.maxVodsPerRun()) {
                stop = "max_vods_per_run";
                break;
            }
            if (!clock.instant().isBefore(deadline)) {
                stop = "max_processing_hours";
                break;
            }
            Optional<VodLease> claimed = queue.claim();
            if (claimed.isEmpty()) {
                break;
            }
            VodTask task = claimed.get().task();
            LeaseKeeper keeper = new LeaseKeeper(claimed.get());
            try {
                ChatReplay replay = replays.fetch(task.vodId(), keeper::afterPage);
                // Only the holder writes: renew once more right before writing.
                Optional<VodLease> renewed = queue.renew(keeper.lease);
                if (renewed.isEmpty()) {
                    LOG.warn("VOD {} of {}: lease lost while fetching; another worker has it", task.vodId(),
                            task.channel());
                    failed++;
                    continue;
                }
                VodChat chat = new VodChat(task.channel(), task.channelId(), task.vodId(), task.createdAt(), "", replay);
                VodIngest.Result result = ingest.ingest(chat, PresenceSourceKind.VOD, true);
                if (queue.complete(renewed.get())) {
                    completed++;
                    comments += result.comments();
                    buckets += result.buckets();
                    LOG.info("VOD {} of {}: {} comments, {} buckets, {} deleted commenters skipped", task.vodId(),
                            task.channel(), result.comments(), result.buckets(), replay.deletedCommenters());
                }
            } catch (LeaseLostException e) {
                failed++;
                LOG.warn("VOD {} of {}: {}; another worker has it", task.vodId(), task.channel(), e.getMessage());
            } catch (RuntimeException e) {
                failed++;
                LOG.warn("VOD {} of {} failed (attempt {}): {}", task.vodId(), task.channel(), keeper.lease.attempt(),
                        e.getMessage());
                queue.fail(keeper.lease, String.valueOf(e.getMessage()));
            }
        }
        return new Report(discovered, queued, completed, failed, comments, buckets, stop, pruned);
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
