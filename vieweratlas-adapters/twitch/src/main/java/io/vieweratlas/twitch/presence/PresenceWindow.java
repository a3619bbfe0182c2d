package io.vieweratlas.twitch.presence;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.LiveStream;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.StreamMetadata;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The presence seen during one closed window: per channel, per viewer, the evidence.
 *
 * @param start    when the window opened
 * @param end      when it closed
 * @param channels channel login to (viewer login to evidence), all sorted
 */
public record PresenceWindow(Instant start, Instant end, SortedMap<String, SortedMap<String, Set<Evidence>>> channels) {

    public PresenceWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window end " + end + " is before its start " + start);
        }
        TreeMap<String, SortedMap<String, Set<Evidence>>> copy = new TreeMap<>();
        Objects.requireNonNull(channels, "channels").forEach((channel, viewers) -> {
            TreeMap<String, Set<Evidence>> v = new TreeMap<>();
            viewers.forEach((login, kinds) -> v.put(login, Collections.unmodifiableSet(EnumSet.copyOf(kinds))));
            copy.put(channel, Collections.unmodifiableSortedMap(v));
        });
        channels = Collections.unmodifiableSortedMap(copy);
    }

    /** How long the window lasted. */
    public Duration length() {
        return Duration.between(start, end);
    }

    /** Distinct (channel, viewer) pairs in the window. */
    public long presenceCount() {
        long n = 0;
        for (SortedMap<String, Set<Evidence>> v : channels.values()) {
            n += v.size();
        }
        return n;
    }

    /**
     * One IRC snapshot per channel with at least one viewer, timestamped at the window end, with
     * the stream metadata Helix reported for it ({@link StreamMetadata#UNKNOWN} and no channel id
     * when the channel is not in {@code streams}, e.g. it ended during the window). Sorted by channel.
     *
     * @param streams live streams by channel login, as Helix reported them at the window end
     */
    public List<PresenceSnapshot> toSnapshots(Map<String, LiveStream> streams) {
        Objects.requireNonNull(streams, "streams");
        List<PresenceSnapshot> snapshots = new ArrayList<>(channels.size());
        channels.forEach((channel, viewers) -> {
            if (viewers.isEmpty()) {
                return;
            }
            Optional<LiveStream> live = Optional.ofNullable(streams.get(channel));
            PresenceSnapshot.Builder b = PresenceSnapshot.builder(channel, end)
                    .window(length())
                    .source(PresenceSourceKind.IRC)
                    .stream(live.map(PresenceWindow::metadata).orElse(StreamMetadata.UNKNOWN));
            live.ifPresent(s -> b.channelId(s.channelId()));
            viewers.forEach(b::evidence);
            snapshots.add(b.build());
        });
        return List.copyOf(snapshots);
    }

    /** Helix stream data as snapshot metadata. */
    public static StreamMetadata metadata(LiveStream s) {
        return new StreamMetadata(s.viewerCount(), s.gameName(), s.language(), s.title(), Optional.of(s.startedAt()));
    }
}
