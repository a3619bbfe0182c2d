package io.vieweratlas.twitch.collector;

import io.vieweratlas.core.model.LiveStream;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.port.SnapshotStore;
import io.vieweratlas.core.port.StreamDirectory;
import io.vieweratlas.twitch.TwitchApiException;
import io.vieweratlas.twitch.TwitchAuthException;
import io.vieweratlas.twitch.irc.ChatCoverage;
import io.vieweratlas.twitch.irc.ChatMembership;
import io.vieweratlas.twitch.irc.JoinRefusal;
import io.vieweratlas.twitch.presence.ClosedWindow;
import io.vieweratlas.twitch.presence.PresenceAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The always-on live collector. Every discovery interval it asks the {@link StreamDirectory} for
 * the top live streams plus the live ones among the pinned channels ({@code channels.txt}),
 * joins the chats of channels that went live and parts those that ended; every channel stays
 * watched continuously. At each window end it closes the {@link PresenceAccumulator}'s window,
 * fetches the streams' metadata and stores one snapshot per channel with viewers through the
 * {@link SnapshotStore}, several at a time.
 *
 * <p>Channels are joined largest first (by Helix viewer count), so the share of viewers covered
 * climbs fastest; channels the chat account may not join (its cap, a suspension) are reported per
 * window with their reason, and the time from start to full coverage is logged once.
 *
 * <p>{@link #run()} returns when a cost guard is reached or {@link #stop()} is called; in every
 * case, also on a failure, the current partial window is flushed first. A runtime error while a
 * window closes never loses it: snapshots the store does not take go to the {@link SnapshotSpill}
 * and are written at the next window's close. Discovery failures other than bad credentials are
 * logged and retried at the next interval.
 */
public final class LiveCollector {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCollector.class);
    private static final int WRITE_PARALLELISM = 64;

    private final CollectorSettings settings;
    private final StreamDirectory directory;
    private final ChatMembership chat;
    private final PresenceAccumulator accumulator;
    private final SnapshotStore store;
    private final Supplier<? extends Collection<String>> pinnedChannels;
    private final Clock clock;
    private final CollectorListener listener;
    private final WindowSchedule schedule;
    private final SnapshotSpill spill;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean stopRequested;

    /** The last metadata seen per channel; used at window end for channels that ended meanwhile. */
    private final Map<String, LiveStream> lastKnown = new HashMap<>();
    /** Channels watched at some time during the current window. */
    private final Set<String> watchedInWindow = new TreeSet<>();
    private long written;
    private long unchanged;
    private long conflicts;
    private long failed;
    private Instant started;
    private Duration timeToFullCoverage;

    /**
     * @param settings       windows, discovery and cost guards
     * @param directory      which channels are live (Helix)
     * @param chat           joins and parts chats (the IRC client)
     * @param accumulator    receives the chat client's presence events
     * @param store          where snapshots go
     * @param pinnedChannels channels always watched while live (re-read at every discovery)
     * @param clock          time source for windows and guards
     * @param listener       hooks after each window
     */
    public LiveCollector(CollectorSettings settings, StreamDirectory directory, ChatMembership chat,
                         PresenceAccumulator accumulator, SnapshotStore store,
                         Supplier<? extends Collection<String>> pinnedChannels, Clock clock,
                         CollectorListener listener) {
        this(settings, directory, chat, accumulator, store, pinnedChannels, clock, listener, SnapshotSpill.inMemory());
    }

    /**
     * As {@link #LiveCollector(CollectorSettings, StreamDirectory, ChatMembership, PresenceAccumulator,
     * SnapshotStore, Supplier, Clock, CollectorListener)}, with the spill that holds snapshots the
     * store did not take (e.g. on local disk, so they survive the process).
     */
    public LiveCollector(CollectorSettings settings, StreamDirectory directory, ChatMembership chat,
                         PresenceAccumulator accumulator, SnapshotStore store,
                         Supplier<? extends Collection<String>> pinnedChannels, Clock clock,
                         CollectorListener listener, SnapshotSpill spill) {
        this.spill = Objects.requireNonNull(spill, "spill");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.accumulator = Objects.requireNonNull(accumulator, "accumulator");
        this.store = Objects.requireNonNull(store, "store");
        this.pinnedChannels = Objects.requireNonNull(pinnedChannels, "pinnedChannels");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.schedule = new WindowSchedule(settings.window(), settings.alignToHour());
    }

    /** Asks {@link #run()} to flush the current partial window and return. Thread-safe, idempotent. */
    public void stop() {
        stopRequested = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Collects until a cost guard is reached or {@link #stop()} is called, then flushes.
     *
     * @throws TwitchAuthException when the credentials are refused (after flushing the partial window)
     */
    public CollectionReport run() {
        started = clock.instant();
        Instant windowStart = accumulator.windowStart();
        Instant windowEnd = schedule.firstEnd(windowStart);
        // Aligned windows start with a shorter lead-in up to the first boundary: it is written like any
        // window (nothing seen is dropped) but is not counted against max_collection_cycles.
        boolean leadIn = Duration.between(windowStart, windowEnd).compareTo(settings.window()) < 0;
        Instant nextDiscovery = started;
        Instant deadline = settings.maxRuntime().map(started::plus).orElse(Instant.MAX);
        int cycles = 0;
        CollectionReport.StopReason reason = CollectionReport.StopReason.FAILED;
        LOG.info("collector started: windows of {} s{}, discovery every {} s, top {} channels", settings.window()
                .toSeconds(), settings.alignToHour() ? " (aligned)" : "", settings.discoveryInterval().toSeconds(),
                settings.topChannelsLimit());
        try {
            while (true) {
                if (stopRequested) {
                    reason = CollectionReport.StopReason.STOPPED;
                    break;
                }
                Instant now = clock.instant();
                if (!now.isBefore(deadline)) {
                    reason = CollectionReport.StopReason.MAX_RUNTIME;
                    break;
                }
                chat.checkHealthy();
                if (!now.isBefore(nextDiscovery)) {
                    discover();
                    nextDiscovery = clock.instant().plus(settings.discoveryInterval());
                }
                noteFullCoverage();
                if (!now.isBefore(windowEnd)) {
                    if (leadIn) {
                        closeWindow(0, windowEnd, true);
                        leadIn = false;
                    } else {
                        cycles++;
                        closeWindow(cycles, windowEnd, false);
                    }
                    windowStart = windowEnd;
                    if (cycles > 0 && settings.maxCycles().isPresent() && cycles >= settings.maxCycles().getAsInt()) {
                        reason = CollectionReport.StopReason.MAX_CYCLES;
                        break;
                    }
                    windowEnd = schedule.nextEnd(windowEnd, clock.instant());
                    continue;
                }
                awaitUntil(min(min(nextDiscovery, windowEnd), deadline));
            }
        } finally {
            if (reason != CollectionReport.StopReason.MAX_CYCLES) {
                // Stopped, out of time or failing: keep what the partial window holds.
                // Microseconds, the precision of the original project's timestamps.
                Instant end = clock.instant().truncatedTo(ChronoUnit.MICROS);
                if (end.isBefore(windowStart)) {
                    end = windowStart;
                }
                cycles++;
                closeWindow(cycles, end, true);
            }
        }
        Instant finished = clock.instant();
        LOG.info("collector stopped ({}): {} windows, {} snapshots written, {} unchanged, {} conflicts, {} failed",
                reason, cycles, written, unchanged, conflicts, failed);
        List<JoinRefusal> refused = List.of();
        try {
            refused = List.copyOf(chat.coverage().refused().values());
        } catch (RuntimeException e) {
            LOG.warn("chat coverage unavailable at the end: {}", e.toString());
        }
        return new CollectionReport(started, finished, reason, cycles, written, unchanged, conflicts, failed,
                Optional.ofNullable(timeToFullCoverage), refused, spill.size());
    }

    private void discover() {
        Map<String, LiveStream> live = new HashMap<>();
        try {
            if (settings.topChannelsLimit() > 0) {
                for (LiveStream s : directory.topStreams(settings.topChannelsLimit())) {
                    live.put(s.login(), s);
                }
            }
            Collection<String> pinned = pinnedChannels.get();
            if (!pinned.isEmpty()) {
                for (LiveStream s : directory.liveStreams(pinned)) {
                    live.put(s.login(), s);
                }
            }
        } catch (TwitchAuthException e) {
            throw e;
        } catch (TwitchApiException | IllegalArgumentException | java.io.UncheckedIOException e) {
            LOG.warn("discovery failed, keeping the {} channels watched now: {}", chat.channels().size(),
                    e.getMessage());
            return;
        }
        Set<String> watched = chat.channels();
        int joined = 0;
        int parted = 0;
        for (String login : watched) {
            if (!live.containsKey(login)) {
                chat.part(login); // first, so its slot is free for the joins below
                parted++;
            }
        }
        chat.retryRefused(); // suspended or banned channels still live are asked for once more
        List<LiveStream> largestFirst = new ArrayList<>(live.values());
        largestFirst.sort(Comparator.comparingLong(LiveStream::viewerCount).reversed()
                .thenComparing(LiveStream::login));
        for (LiveStream s : largestFirst) {
            if (!watched.contains(s.login())) {
                joined++;
            }
            chat.join(s.login(), s.viewerCount()); // for a watched channel: its priority at the next reconnect
        }
        lastKnown.putAll(live);
        watchedInWindow.addAll(watchedNow());
        LOG.info("discovery: {} live channels watched ({} joined, {} parted)", live.size(), joined, parted);
    }

    /** Channels being watched or joined now: wanted ones less those refused or waiting for a slot. */
    private Set<String> watchedNow() {
        ChatCoverage coverage = chat.coverage();
        TreeSet<String> watched = new TreeSet<>(coverage.wanted());
        watched.removeAll(coverage.refused().keySet());
        watched.removeAll(coverage.waitingForSlot());
        return watched;
    }

    /** Logs, once, how long it took from the start until every wanted channel was joined. */
    private void noteFullCoverage() {
        if (timeToFullCoverage != null) {
            return;
        }
        ChatCoverage coverage = chat.coverage();
        if (coverage.complete()) {
            timeToFullCoverage = Duration.between(started, clock.instant());
            LOG.info("full coverage: all {} joinable channels of {} wanted joined {} s after the start ({} refused)",
                    coverage.joined().size(), coverage.wanted().size(), timeToFullCoverage.toMillis() / 1000.0,
                    coverage.refused().size());
        }
    }

    /**
     * Closes the accumulator's window and stores its snapshots. Nothing in here may lose the window:
     * every step that can fail (metadata, coverage, a snapshot, the store, the listener) is caught,
     * and snapshots not stored go to the spill.
     */
    private void closeWindow(int cycle, Instant end, boolean partial) {
        ClosedWindow window = accumulator.close(end);
        Map<String, LiveStream> metadata = new HashMap<>(lastKnown);
        Set<String> channels = window.channels();
        // When stopping (SIGTERM leaves ~30 s) the metadata of the last discovery is used: no Helix
        // round trips with retries that could outlast the grace period.
        if (!channels.isEmpty() && !stopRequested) {
            try {
                for (LiveStream s : directory.liveStreams(channels)) {
                    metadata.put(s.login(), s);
                }
            } catch (RuntimeException e) {
                LOG.warn("metadata at window end unavailable, using the last discovered: {}", e.getMessage());
            }
        }
        WindowCoverage coverage = WindowCoverage.none();
        try {
            coverage = WindowCoverage.of(chat.coverage(), metadata);
        } catch (RuntimeException e) {
            LOG.warn("chat coverage unavailable at window {}: {}", cycle, e.toString());
        }
        List<PresenceSnapshot> held = spill.takeAll();
        List<String> lostBuilding = new ArrayList<>();
        SnapshotWriter writer = new SnapshotWriter(store, spill, WRITE_PARALLELISM, Duration.ofMillis(200));
        try {
            held.forEach(writer::submitRecovered); // earlier windows first: they waited longest
            window.drainSnapshots(metadata, writer::submit);
        } catch (RuntimeException e) {
            lostBuilding.add("(window of " + channels.size() + " channels: " + e + ")");
            LOG.error("building the snapshots of window {} failed after some were handed to the store: {}", cycle,
                    e.toString());
        } finally {
            writer.close();
        }
        int recovered = writer.recovered.get();
        int windowWritten = writer.written.get();
        written += windowWritten;
        unchanged += writer.unchanged.get();
        conflicts += writer.conflicts.get();
        List<String> failedChannels = new ArrayList<>(writer.spilledChannels);
        failedChannels.addAll(writer.lostChannels);
        failedChannels.addAll(lostBuilding);
        failedChannels.sort(null);
        failed += failedChannels.size();
        TreeSet<String> watched = new TreeSet<>(watchedInWindow);
        watched.addAll(channels);
        WindowReport report = new WindowReport(cycle, window.start(), end, partial, watched, window.presenceCount(),
                windowWritten, writer.unchanged.get(), writer.conflicts.get(), failedChannels.size(), failedChannels,
                coverage, writer.spilledChannels.size(), recovered);
        LOG.info(String.format(Locale.ROOT, "window %d closed%s: %d channels watched, %d with viewers, %d presences,"
                        + " %d snapshots written; coverage: %d wanted, %d joined, %d refused %s, %d waiting for a slot,"
                        + " %.1f %% of viewers covered%s", cycle, partial ? " (partial)" : "", watched.size(),
                channels.size(), report.presence(), windowWritten, coverage.wanted(), coverage.joined(),
                coverage.refused(), coverage.refusedByReason(), coverage.waitingForSlot(),
                100 * coverage.viewerShare(), spillNote(report)));
        watchedInWindow.clear();
        try {
            watchedInWindow.addAll(watchedNow());
            lastKnown.keySet().retainAll(chat.channels());
        } catch (RuntimeException e) {
            LOG.warn("chat channels unavailable after window {}: {}", cycle, e.toString());
        }
        try {
            listener.windowClosed(report);
        } catch (RuntimeException e) {
            LOG.warn("collector listener failed after window {}: {}", cycle, e.toString());
        }
    }

    private String spillNote(WindowReport report) {
        if (report.spilled() == 0 && report.recovered() == 0 && report.failed() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "; %d snapshots not stored (%d held in the spill at %s), %d from earlier"
                + " windows recovered", report.failed(), report.spilled(), spill.location(), report.recovered());
    }

    /** Waits until {@code until}, a stop, or at most 5 s (so chat health is checked regularly). */
    private void awaitUntil(Instant until) {
        lock.lock();
        try {
            long nanos = Duration.between(clock.instant(), until).toNanos();
            if (nanos > 0 && !stopRequested) {
                wake.await(Math.min(nanos, TimeUnit.SECONDS.toNanos(5)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        } finally {
            lock.unlock();
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
