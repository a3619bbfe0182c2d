package io.vieweratlas.twitch.collector;

import io.vieweratlas.core.model.LiveStream;
import io.vieweratlas.twitch.irc.ChatCoverage;
import io.vieweratlas.twitch.irc.RefusalReason;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How much of what the collector wanted to watch it did watch, at a window's end.
 *
 * @param wanted          channels the collector wanted (live top channels plus live pinned ones)
 * @param joined          of those, channels whose JOIN Twitch confirmed
 * @param waitingForSlot  channels over the chat account's cap, joined when a slot frees
 * @param refusedByReason channels not joined for a known reason, counted by reason (e.g. {@code suspended},
 *                        {@code channel_cap}); includes the waiting ones
 * @param viewersWanted   viewers (Helix {@code viewer_count}) of the wanted channels
 * @param viewersCovered  viewers of the joined channels
 */
public record WindowCoverage(int wanted, int joined, int waitingForSlot, SortedMap<String, Integer> refusedByReason,
                             long viewersWanted, long viewersCovered) {
    public WindowCoverage {
        if (wanted < 0 || joined < 0 || joined > wanted || waitingForSlot < 0) {
            throw new IllegalArgumentException("coverage counts out of range: wanted " + wanted + ", joined "
                    + joined + ", waiting " + waitingForSlot);
        }
        refusedByReason = Collections.unmodifiableSortedMap(new TreeMap<>(
                Objects.requireNonNull(refusedByReason, "refusedByReason")));
    }

    /** Nothing wanted, nothing joined. */
    public static WindowCoverage none() {
        return new WindowCoverage(0, 0, 0, new TreeMap<>(), 0, 0);
    }

    /** The coverage of {@code chat}, with viewer counts from {@code streams} (0 for an unknown channel). */
    public static WindowCoverage of(ChatCoverage chat, Map<String, LiveStream> streams) {
        long viewersWanted = 0;
        long viewersCovered = 0;
        for (String channel : chat.wanted()) {
            LiveStream s = streams.get(channel);
            long viewers = s == null ? 0 : s.viewerCount();
            viewersWanted += viewers;
            if (chat.joined().contains(channel)) {
                viewersCovered += viewers;
            }
        }
        TreeMap<String, Integer> byReason = new TreeMap<>();
        for (Map.Entry<RefusalReason, Integer> e : chat.refusedByReason().entrySet()) {
            byReason.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
        }
        int joined = (int) chat.joined().stream().filter(chat.wanted()::contains).count();
        return new WindowCoverage(chat.wanted().size(), joined, chat.waitingForSlot().size(), byReason,
                viewersWanted, viewersCovered);
    }

    /** Joined channels as a share of wanted ones (1 when nothing is wanted). */
    public double channelShare() {
        return wanted == 0 ? 1.0 : (double) joined / wanted;
    }

    /** Viewers of joined channels as a share of the wanted channels' viewers (1 when none are known). */
    public double viewerShare() {
        return viewersWanted == 0 ? channelShare() : (double) viewersCovered / viewersWanted;
    }

    /** Channels refused for any reason. */
    public int refused() {
        return refusedByReason.values().stream().mapToInt(Integer::intValue).sum();
    }
}
