package io.vieweratlas.core.analysis.aggregate;

import io.vieweratlas.core.analysis.Parallel;
import io.vieweratlas.core.model.ChannelMeta;
import io.vieweratlas.core.model.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stage 1: the snapshots of a window become one audience per channel (the union of its
 * chatters), its number of observations and its metadata: most frequent game and language
 * (ties: the one seen last, then the smaller name), maximum viewer count, latest title.
 * Two snapshots of one channel with the same timestamp are duplicates: the first (by location)
 * counts, the others are reported.
 */
public final class Aggregator {

    private Aggregator() {
    }

    /**
     * What aggregation produced.
     *
     * @param audiences             per-channel audiences
     * @param snapshotsInWindow     snapshots used
     * @param duplicateSnapshots    locations of snapshots ignored as duplicates, sorted
     * @param missingMetadata       channels without a known game or language, sorted
     * @param range                 the window
     */
    public record Aggregation(Audiences audiences, int snapshotsInWindow, List<String> duplicateSnapshots,
                              List<String> missingMetadata, TimeRange range) {
    }

    /** Aggregates the rows of {@code table} whose time lies in {@code range}, on all cores. */
    public static Aggregation aggregate(PresenceTable table, TimeRange range) {
        return aggregate(table, range, Parallel.defaultThreads());
    }

    /** One channel's aggregate, or null when it had no snapshot in the window. */
    private record ChannelAggregate(int[] members, int observations, ChannelMeta meta, List<String> duplicates) {
    }

    /**
     * Aggregates on {@code threads} threads: channels are independent, each thread unites the
     * chatters of whole channels with its own marker array; results are placed by channel index,
     * so they do not depend on scheduling.
     */
    public static Aggregation aggregate(PresenceTable table, TimeRange range, int threads) {
        if (!table.exactOver(range)) {
            throw new IllegalArgumentException("this table was loaded without repeated presence (Repeats.DROP)"
                    + (table.sameTimeRows() ? " and has duplicate snapshots" : "")
                    + ": its audiences are exact only over the whole range it was loaded for, not " + range
                    + "; load it with Repeats.KEEP to aggregate narrower ranges");
        }
        int rows = table.rows();
        long since = range.since().map(Instant::getEpochSecond).orElse(Long.MIN_VALUE);
        long until = range.until().map(Instant::getEpochSecond).orElse(Long.MAX_VALUE);
        List<Integer> groupStarts = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            if (r == 0 || !table.channel(r).equals(table.channel(r - 1))) {
                groupStarts.add(r);
            }
        }
        groupStarts.add(rows);
        int groups = groupStarts.size() - 1;
        ChannelAggregate[] out = new ChannelAggregate[groups];
        AtomicInteger next = new AtomicInteger();
        int space = table.viewers().size();
        Parallel.run(Math.max(1, Math.min(threads, groups)), () -> {
            int[] mark = new int[space];
            int[] buf = new int[1024];
            for (int g = next.getAndIncrement(); g < groups; g = next.getAndIncrement()) {
                buf = aggregateChannel(table, groupStarts.get(g), groupStarts.get(g + 1), since, until, mark, g + 1,
                        buf, out, g);
            }
        });
        List<String> channels = new ArrayList<>();
        List<ChannelMeta> metas = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int kept = 0;
        long memberCount = 0;
        int used = 0;
        for (ChannelAggregate c : out) {
            if (c != null) {
                kept++;
                memberCount += c.members.length;
            }
        }
        int[] off = new int[kept + 1];
        int[] obs = new int[kept];
        int[] members = new int[Math.toIntExact(memberCount)];
        int k = 0;
        int m = 0;
        for (int g = 0; g < groups; g++) {
            ChannelAggregate c = out[g];
            if (c == null) {
                continue;
            }
            duplicates.addAll(c.duplicates);
            channels.add(c.meta.channel());
            metas.add(c.meta);
            if (c.meta.game().isEmpty() || c.meta.language().isEmpty()) {
                missing.add(c.meta.channel());
            }
            off[k] = m;
            obs[k++] = c.observations;
            used += c.observations;
            System.arraycopy(c.members, 0, members, m, c.members.length);
            m += c.members.length;
        }
        off[kept] = m;
        Audiences audiences = new Audiences(List.copyOf(channels), off, members, obs, List.copyOf(metas),
                table.viewers());
        duplicates.sort(null);
        return new Aggregation(audiences, used, List.copyOf(duplicates), List.copyOf(missing), range);
    }

    private static int[] aggregateChannel(PresenceTable table, int from, int to, long since, long until, int[] mark,
                                          int stamp, int[] buf, ChannelAggregate[] out, int slot) {
        int obs = 0;
        long lastTime = Long.MIN_VALUE;
        long maxViewers = 0;
        String title = "";
        Map<String, long[]> gameVotes = new HashMap<>();
        Map<String, long[]> langVotes = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        int[] members = table.members();
        int count = 0;
        for (int i = from; i < to; i++) {
            long t = table.epochSecond(i);
            if (t < since || t >= until) {
                continue;
            }
            if (obs > 0 && t == lastTime) {
                duplicates.add(table.location(i));
                continue;
            }
            obs++;
            lastTime = t;
            maxViewers = Math.max(maxViewers, table.viewerCount(i));
            if (!table.title(i).isEmpty()) {
                title = table.title(i); // rows are in time order: the last one wins
            }
            vote(gameVotes, table.game(i), t);
            vote(langVotes, table.language(i), t);
            int end = table.end(i);
            if (count + (end - table.start(i)) > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + end - table.start(i)));
            }
            for (int k = table.start(i); k < end; k++) {
                int v = members[k];
                if (mark[v] != stamp) {
                    mark[v] = stamp;
                    buf[count++] = v;
                }
            }
        }
        if (obs > 0) {
            String channel = table.channel(from);
            out[slot] = new ChannelAggregate(Arrays.copyOf(buf, count), obs,
                    new ChannelMeta(channel, maxViewers, winner(gameVotes), winner(langVotes), title), duplicates);
        }
        return buf;
    }

    /** The range a window covers in this table. */
    public static TimeRange resolve(io.vieweratlas.core.analysis.AnalysisWindow window, PresenceTable table) {
        Optional<Instant> newest = table.newest();
        return window.resolve(newest);
    }

    private static void vote(Map<String, long[]> votes, String value, long time) {
        if (value.isEmpty()) {
            return;
        }
        long[] v = votes.computeIfAbsent(value, k -> new long[] {0, Long.MIN_VALUE});
        v[0]++;
        v[1] = Math.max(v[1], time);
    }

    private static String winner(Map<String, long[]> votes) {
        String best = "";
        long[] bestVote = null;
        for (Map.Entry<String, long[]> e : votes.entrySet()) {
            long[] v = e.getValue();
            if (bestVote == null || v[0] > bestVote[0]
                    || (v[0] == bestVote[0] && (v[1] > bestVote[1]
                    || (v[1] == bestVote[1] && e.getKey().compareTo(best) < 0)))) {
                best = e.getKey();
                bestVote = v;
            }
        }
        return best;
    }
}
