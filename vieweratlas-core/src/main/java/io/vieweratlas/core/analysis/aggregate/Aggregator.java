package io.vieweratlas.core.analysis.aggregate;

import io.vieweratlas.core.model.ChannelMeta;
import io.vieweratlas.core.model.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** Aggregates the rows of {@code table} whose time lies in {@code range}. */
    public static Aggregation aggregate(PresenceTable table, TimeRange range) {
        int rows = table.rows();
        long since = range.since().map(Instant::getEpochSecond).orElse(Long.MIN_VALUE);
        long until = range.until().map(Instant::getEpochSecond).orElse(Long.MAX_VALUE);
        int[] mark = new int[table.interner().size()];
        int[] memberBuf = new int[Math.max(16, table.members().length)];
        int memberCount = 0;
        List<String> channels = new ArrayList<>();
        List<ChannelMeta> metas = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        List<Integer> observations = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int used = 0;
        int[] members = table.members();
        int r = 0;
        while (r < rows) {
            String channel = table.channel(r);
            int groupEnd = r;
            while (groupEnd < rows && table.channel(groupEnd).equals(channel)) {
                groupEnd++;
            }
            int stamp = channels.size() + 1;
            int obs = 0;
            long lastTime = Long.MIN_VALUE;
            long maxViewers = 0;
            String title = "";
            Map<String, long[]> gameVotes = new HashMap<>();
            Map<String, long[]> langVotes = new HashMap<>();
            int channelStart = memberCount;
            for (int i = r; i < groupEnd; i++) {
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
                for (int k = table.start(i), e = table.end(i); k < e; k++) {
                    int v = members[k];
                    if (mark[v] != stamp) {
                        mark[v] = stamp;
                        memberBuf[memberCount++] = v;
                    }
                }
            }
            if (obs > 0) {
                used += obs;
                channels.add(channel);
                offsets.add(channelStart);
                observations.add(obs);
                String game = winner(gameVotes);
                String lang = winner(langVotes);
                if (game.isEmpty() || lang.isEmpty()) {
                    missing.add(channel);
                }
                metas.add(new ChannelMeta(channel, maxViewers, game, lang, title));
            } else {
                memberCount = channelStart;
            }
            r = groupEnd;
        }
        int n = channels.size();
        int[] off = new int[n + 1];
        int[] obsArr = new int[n];
        for (int c = 0; c < n; c++) {
            off[c] = offsets.get(c);
            obsArr[c] = observations.get(c);
        }
        off[n] = memberCount;
        Audiences audiences = new Audiences(List.copyOf(channels), off, Arrays.copyOf(memberBuf, memberCount),
                obsArr, List.copyOf(metas), table.interner());
        duplicates.sort(null);
        return new Aggregation(audiences, used, List.copyOf(duplicates), List.copyOf(missing), range);
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
