package io.vieweratlas.twitch.irc;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which wanted channels the chat client has joined at one moment, and why the others are not.
 *
 * @param wanted         every channel asked for (joined, pending, waiting for a slot or refused), sorted
 * @param joined         channels whose JOIN Twitch confirmed on the current sockets
 * @param waitingForSlot channels over the account's channel cap, joined when a slot frees
 * @param refused        per channel not joined for a known reason, that reason (includes the waiting ones)
 */
public record ChatCoverage(SortedSet<String> wanted, SortedSet<String> joined, SortedSet<String> waitingForSlot,
                           SortedMap<String, JoinRefusal> refused) {
    public ChatCoverage {
        wanted = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(wanted, "wanted")));
        joined = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(joined, "joined")));
        waitingForSlot = Collections.unmodifiableSortedSet(new TreeSet<>(
                Objects.requireNonNull(waitingForSlot, "waitingForSlot")));
        refused = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(refused, "refused")));
    }

    /** Coverage where every wanted channel counts as joined (a membership that cannot tell). */
    public static ChatCoverage allJoined(SortedSet<String> wanted) {
        return new ChatCoverage(wanted, wanted, new TreeSet<>(), new TreeMap<>());
    }

    /**
     * Whether every wanted channel that can be joined now is joined: nothing is still pending or
     * waiting for a slot, and the rest were refused until the next discovery (a suspended channel
     * never makes coverage complete otherwise). False when nothing is wanted.
     */
    public boolean complete() {
        if (wanted.isEmpty() || !waitingForSlot.isEmpty()) {
            return false;
        }
        for (String channel : wanted) {
            if (!joined.contains(channel) && !refused.containsKey(channel)) {
                return false;
            }
        }
        return true;
    }

    /** Refused channels counted by reason. */
    public SortedMap<RefusalReason, Integer> refusedByReason() {
        TreeMap<RefusalReason, Integer> counts = new TreeMap<>();
        refused.values().forEach(r -> counts.merge(r.reason(), 1, Integer::sum));
        return counts;
    }
}
