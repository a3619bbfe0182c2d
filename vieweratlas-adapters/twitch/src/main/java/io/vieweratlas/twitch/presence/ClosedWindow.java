package io.vieweratlas.twitch.presence;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.LiveStream;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.StreamMetadata;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A window the {@link PresenceAccumulator} has closed, still in its compact recording form. It
 * turns into snapshots one channel at a time and releases each channel's data as it goes, so a
 * window of millions of viewers never exists twice in memory. Single use: drain it once.
 */
public final class ClosedWindow {
    private static final Evidence[] EVIDENCE = Evidence.values();

    private final Instant start;
    private final Instant end;
    private final ConcurrentHashMap<String, LoginSet> channels;
    private final SortedSet<String> channelNames;
    private final long presenceCount;

    ClosedWindow(Instant start, Instant end, ConcurrentHashMap<String, LoginSet> channels) {
        this.start = Objects.requireNonNull(start, "start");
        this.end = Objects.requireNonNull(end, "end");
        this.channels = channels;
        this.channelNames = Collections.unmodifiableSortedSet(new TreeSet<>(channels.keySet()));
        long n = 0;
        for (LoginSet v : channels.values()) {
            synchronized (v) { // uncontended: every recorder finished before the window was closed
                n += v.size();
            }
        }
        this.presenceCount = n;
    }

    /** When the window opened. */
    public Instant start() {
        return start;
    }

    /** When it closed. */
    public Instant end() {
        return end;
    }

    /** How long it lasted. */
    public Duration length() {
        return Duration.between(start, end);
    }

    /** The channels with at least one viewer, sorted. */
    public SortedSet<String> channels() {
        return channelNames;
    }

    /** Distinct (channel, viewer) pairs. */
    public long presenceCount() {
        return presenceCount;
    }

    /**
     * Passes one IRC snapshot per channel to {@code sink}, in channel order, timestamped at the
     * window end with the stream metadata of {@code streams} ({@link StreamMetadata#UNKNOWN} and no
     * channel id for a channel not in it); each channel's data is released once its snapshot is built.
     *
     * @throws IllegalStateException when the window was already drained
     */
    public void drainSnapshots(Map<String, LiveStream> streams, Consumer<PresenceSnapshot> sink) {
        Objects.requireNonNull(streams, "streams");
        for (String channel : channelNames) {
            LoginSet viewers = channels.remove(channel);
            if (viewers == null) {
                throw new IllegalStateException("window " + start + ".." + end + " was already drained");
            }
            sink.accept(snapshot(channel, viewers, Optional.ofNullable(streams.get(channel))));
        }
    }

    /** The whole window as sorted maps (fine for small windows and tests; doubles the memory of large ones). */
    PresenceWindow materialize() {
        TreeMap<String, java.util.SortedMap<String, Set<Evidence>>> all = new TreeMap<>();
        channels.forEach((channel, viewers) -> {
            TreeMap<String, Set<Evidence>> v = new TreeMap<>();
            synchronized (viewers) {
                viewers.forEach((login, bits) -> v.put(login, decode(bits)));
            }
            all.put(channel, v);
        });
        channels.clear();
        return new PresenceWindow(start, end, all);
    }

    private PresenceSnapshot snapshot(String channel, LoginSet viewers, Optional<LiveStream> live) {
        PresenceSnapshot.Builder b = PresenceSnapshot.builder(channel, end)
                .window(length())
                .source(PresenceSourceKind.IRC)
                .stream(live.map(PresenceWindow::metadata).orElse(StreamMetadata.UNKNOWN));
        live.ifPresent(s -> b.channelId(s.channelId()));
        synchronized (viewers) {
            viewers.forEach((login, bits) -> b.evidence(login, decode(bits)));
        }
        return b.build();
    }

    static Set<Evidence> decode(int bits) {
        EnumSet<Evidence> set = EnumSet.noneOf(Evidence.class);
        for (Evidence e : EVIDENCE) {
            if ((bits & (1 << e.ordinal())) != 0) {
                set.add(e);
            }
        }
        return set;
    }
}
