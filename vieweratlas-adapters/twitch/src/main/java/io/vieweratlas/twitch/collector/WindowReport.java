package io.vieweratlas.twitch.collector;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one closed window produced.
 *
 * @param cycle            1-based number of the window in this run; 0 for the lead-in of aligned windows
 *                         (from the start to the first boundary), which no cycle guard counts
 * @param start            window start
 * @param end              window end (earlier than a full window when the run stopped)
 * @param partial          whether the window is shorter than the window length (a lead-in, or cut short by a stop)
 * @param channelsWatched  channels watched at some time during the window, sorted
 * @param presence         distinct (channel, viewer) pairs seen
 * @param written          snapshots newly stored
 * @param unchanged        snapshots that were already stored identically
 * @param conflicts        snapshots whose key held a different snapshot (not overwritten)
 * @param failed           snapshots the store could not take; their keys' channels are in {@code failedChannels}
 * @param failedChannels   channels whose snapshot could not be stored
 * @param coverage         wanted, joined, refused and waiting channels and the share of viewers covered at the end
 * @param spilled          snapshots the store could not take, held in the spill for the next chance (among
 *                         {@code failed}; the others were lost)
 * @param recovered        snapshots of earlier windows taken from the spill and stored now
 */
public record WindowReport(int cycle, Instant start, Instant end, boolean partial, SortedSet<String> channelsWatched,
                           long presence, int written, int unchanged, int conflicts, int failed,
                           List<String> failedChannels, WindowCoverage coverage, int spilled, int recovered) {
    public WindowReport {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        channelsWatched = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(channelsWatched));
        failedChannels = List.copyOf(failedChannels);
        Objects.requireNonNull(coverage, "coverage");
    }

    /** A report without coverage, spill or recovery figures (e.g. for a membership that cannot tell). */
    public WindowReport(int cycle, Instant start, Instant end, boolean partial, SortedSet<String> channelsWatched,
                        long presence, int written, int unchanged, int conflicts, int failed,
                        List<String> failedChannels) {
        this(cycle, start, end, partial, channelsWatched, presence, written, unchanged, conflicts, failed,
                failedChannels, WindowCoverage.none(), 0, 0);
    }
}
