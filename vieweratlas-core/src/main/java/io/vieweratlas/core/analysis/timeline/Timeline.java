package io.vieweratlas.core.analysis.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Communities tracked across consecutive windows.
 *
 * @param jaccardThreshold communities of consecutive windows are linked when their member Jaccard is at least this
 * @param windows          the windows in time order, each with its communities under stable ids
 * @param events           what happened between consecutive windows, in window order, then by type and ids
 * @param moves            channels assigned in two consecutive windows whose stable community changed
 */
public record Timeline(double jaccardThreshold, List<Window> windows, List<Event> events, List<Move> moves) {

    public Timeline {
        windows = List.copyOf(windows);
        events = List.copyOf(events);
        moves = List.copyOf(moves);
    }

    /** What happens to communities between two windows. */
    public enum EventType {
        /** A community with no linked predecessor. */
        BIRTH,
        /** A community with no linked successor (reported in the window where it is gone). */
        DEATH,
        /** One predecessor linked to exactly one successor, which keeps its id. */
        CONTINUE,
        /** One predecessor linked to several successors. */
        SPLIT,
        /** Several predecessors linked to one successor. */
        MERGE
    }

    /**
     * One window.
     *
     * @param start       window start
     * @param end         window end (exclusive)
     * @param communities its communities, by community id
     */
    public record Window(Instant start, Instant end, List<TrackedCommunity> communities) {
        public Window {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            communities = List.copyOf(communities);
        }
    }

    /**
     * A community of one window.
     *
     * @param stableId    id that follows the community across windows
     * @param community   its id within the window's analysis
     * @param label       its label in that analysis
     * @param size        channels
     * @param jaccard     Jaccard with the predecessor whose id it kept (0 when it is new)
     */
    public record TrackedCommunity(int stableId, int community, String label, int size, double jaccard) {
    }

    /**
     * An event, reported in the window where its result is visible.
     *
     * @param windowEnd end of that window
     * @param type      what happened
     * @param from      stable ids in the previous window (empty for births)
     * @param to        stable ids in this window (empty for deaths)
     */
    public record Event(Instant windowEnd, EventType type, List<Integer> from, List<Integer> to) {
        public Event {
            Objects.requireNonNull(windowEnd, "windowEnd");
            Objects.requireNonNull(type, "type");
            from = List.copyOf(from);
            to = List.copyOf(to);
        }
    }

    /**
     * A channel that changed stable community between the previous window and this one.
     *
     * @param windowEnd end of this window
     * @param channel   channel login
     * @param from      stable id before
     * @param to        stable id now
     */
    public record Move(Instant windowEnd, String channel, int from, int to) {
        public Move {
            Objects.requireNonNull(windowEnd, "windowEnd");
            Objects.requireNonNull(channel, "channel");
        }
    }
}
