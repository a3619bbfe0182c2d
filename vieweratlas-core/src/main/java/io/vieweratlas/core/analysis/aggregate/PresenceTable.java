package io.vieweratlas.core.analysis.aggregate;

import io.vieweratlas.core.analysis.Parallel;
import io.vieweratlas.core.analysis.viewer.ViewerIds;
import io.vieweratlas.core.model.TimeRange;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Presence snapshots in columns: per snapshot its channel, time, metadata and a range of
 * {@link #members()} holding dense ids of {@link #viewers()}. Rows are sorted by (channel, time,
 * location), so the table — viewer ids included — is the same whatever order the input was read in.
 *
 * <p>A table whose builders dropped repeated presence ({@link Repeats#DROP}) holds each viewer once
 * per channel (and loading thread): its channel audiences over all its rows are exact, over a
 * narrower range they are not, which {@link #repeatsDropped()} tells the {@link Aggregator}.
 */
public final class PresenceTable {

    private final ViewerIds viewers;
    private final String[] channels;
    private final long[] epochSeconds;
    private final long[] viewerCounts;
    private final String[] games;
    private final String[] languages;
    private final String[] titles;
    private final String[] locations;
    private final int[] starts;
    private final int[] members;
    private final boolean repeatsDropped;
    private final boolean sameTimeRows;

    private PresenceTable(ViewerIds viewers, String[] channels, long[] epochSeconds, long[] viewerCounts,
                          String[] games, String[] languages, String[] titles, String[] locations, int[] starts,
                          int[] members, boolean repeatsDropped, boolean sameTimeRows) {
        this.viewers = viewers;
        this.channels = channels;
        this.epochSeconds = epochSeconds;
        this.viewerCounts = viewerCounts;
        this.games = games;
        this.languages = languages;
        this.titles = titles;
        this.locations = locations;
        this.starts = starts;
        this.members = members;
        this.repeatsDropped = repeatsDropped;
        this.sameTimeRows = sameTimeRows;
    }

    /** Combines builders (on all cores); see {@link #of(List, int)}. */
    public static PresenceTable of(List<PresenceTableBuilder> builders) {
        return of(builders, Parallel.defaultThreads());
    }

    /**
     * Combines builders into one table: sorts the rows and numbers the distinct viewer keys on
     * {@code threads} threads. Consumes the builders: they are emptied afterwards, so that a
     * loader still holding them does not keep their key blocks (82 MB on the large lake) alive.
     */
    public static PresenceTable of(List<PresenceTableBuilder> builders, int threads) {
        Objects.requireNonNull(builders, "builders");
        int rows = 0;
        long memberTotal = 0;
        boolean dropped = false;
        for (PresenceTableBuilder b : builders) {
            b.loadingDone();
            rows += b.rows;
            memberTotal += b.memberTotal;
            dropped |= b.repeatsDropped > 0;
        }
        if (memberTotal > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("too many viewer memberships for one table: " + memberTotal);
        }
        // order rows: (channel, time, location)
        int[][] ref = new int[rows][];
        int r = 0;
        for (int bi = 0; bi < builders.size(); bi++) {
            for (int i = 0; i < builders.get(bi).rows; i++) {
                ref[r++] = new int[] {bi, i};
            }
        }
        Comparator<int[]> order = Comparator
                .comparing((int[] x) -> builders.get(x[0]).channels.get(x[1]))
                .thenComparingLong(x -> builders.get(x[0]).epochSeconds[x[1]])
                .thenComparing(x -> builders.get(x[0]).locations.get(x[1]));
        Arrays.sort(ref, order);
        String[] ch = new String[rows];
        long[] ep = new long[rows];
        long[] vc = new long[rows];
        String[] ga = new String[rows];
        String[] la = new String[rows];
        String[] ti = new String[rows];
        String[] lo = new String[rows];
        int[] st = new int[rows + 1];
        long[][] high = new long[rows][];
        int[][] low = new int[rows][];
        int[] from = new int[rows];
        int[] length = new int[rows];
        int m = 0;
        for (int i = 0; i < rows; i++) {
            PresenceTableBuilder b = builders.get(ref[i][0]);
            int j = ref[i][1];
            ch[i] = b.channels.get(j);
            ep[i] = b.epochSeconds[j];
            vc[i] = b.viewerCounts[j];
            ga[i] = b.games.get(j);
            la[i] = b.languages.get(j);
            ti[i] = b.titles.get(j);
            lo[i] = b.locations.get(j);
            st[i] = m;
            high[i] = b.highOf(j);
            low[i] = b.lowOf(j);
            from[i] = b.rowStart[j];
            length[i] = b.rowLength[j];
            m += length[i];
        }
        st[rows] = m;
        boolean sameTime = false;
        for (int i = 1; i < rows && !sameTime; i++) {
            sameTime = ep[i] == ep[i - 1] && ch[i].equals(ch[i - 1]);
        }
        ViewerIds.Assignment ids = ViewerIds.assign(high, low, from, length, threads);
        for (PresenceTableBuilder b : builders) {
            b.releaseKeys();
        }
        return new PresenceTable(ids.ids(), ch, ep, vc, ga, la, ti, lo, st, ids.dense(), dropped, sameTime);
    }

    /** The distinct viewers; {@link #members()} holds their ids. */
    public ViewerIds viewers() {
        return viewers;
    }

    /** Number of snapshots. */
    public int rows() {
        return channels.length;
    }

    /** Channel of row {@code i}. */
    public String channel(int i) {
        return channels[i];
    }

    /** Time of row {@code i} in epoch seconds. */
    public long epochSecond(int i) {
        return epochSeconds[i];
    }

    /** Viewer count reported for row {@code i}. */
    public long viewerCount(int i) {
        return viewerCounts[i];
    }

    /** Game of row {@code i}, empty when unknown. */
    public String game(int i) {
        return games[i];
    }

    /** Language of row {@code i}, empty when unknown. */
    public String language(int i) {
        return languages[i];
    }

    /** Title of row {@code i}, empty when unknown. */
    public String title(int i) {
        return titles[i];
    }

    /** Where row {@code i} came from. */
    public String location(int i) {
        return locations[i];
    }

    /** First index into {@link #members()} of row {@code i}. */
    public int start(int i) {
        return starts[i];
    }

    /** One past the last index into {@link #members()} of row {@code i}. */
    public int end(int i) {
        return starts[i + 1];
    }

    /** Dense viewer ids of all rows (shared array: do not modify). */
    public int[] members() {
        return members;
    }

    /**
     * Whether loading dropped repeated presence ({@link Repeats#DROP} and at least one viewer seen
     * twice on a channel): the audiences are then exact only over a range holding every row.
     */
    public boolean repeatsDropped() {
        return repeatsDropped;
    }

    /**
     * Whether two rows of one channel have the same time (duplicate snapshots). Which of them
     * counts is decided by location at aggregation, so a table that also {@link #repeatsDropped()
     * dropped repeats} may have kept a viewer only in the copy that does not count: such a table
     * must be loaded again with {@link Repeats#KEEP}.
     */
    public boolean sameTimeRows() {
        return sameTimeRows;
    }

    /**
     * Whether this table's audiences over {@code range} are those of its input: always when every
     * entry was kept, else only when {@code range} holds every row and no two rows of a channel
     * share a time.
     */
    public boolean exactOver(TimeRange range) {
        if (!repeatsDropped) {
            return true;
        }
        if (sameTimeRows) {
            return false;
        }
        long since = range.since().map(Instant::getEpochSecond).orElse(Long.MIN_VALUE);
        long until = range.until().map(Instant::getEpochSecond).orElse(Long.MAX_VALUE);
        for (long e : epochSeconds) {
            if (e < since || e >= until) {
                return false;
            }
        }
        return true;
    }

    /** Time of the newest snapshot, if any. */
    public Optional<Instant> newest() {
        if (epochSeconds.length == 0) {
            return Optional.empty();
        }
        long max = Long.MIN_VALUE;
        for (long e : epochSeconds) {
            max = Math.max(max, e);
        }
        return Optional.of(Instant.ofEpochSecond(max));
    }
}
