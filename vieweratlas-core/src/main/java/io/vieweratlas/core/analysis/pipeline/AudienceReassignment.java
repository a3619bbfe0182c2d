package io.vieweratlas.core.analysis.pipeline;

import io.vieweratlas.core.analysis.Parallel;
import io.vieweratlas.core.analysis.aggregate.Audiences;
import io.vieweratlas.core.analysis.community.CommunityDetector;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves a channel to another community when its own viewers clearly belong there.
 *
 * <p>Why: modularity weighs a channel's edges against the size of the communities they lead to.
 * A channel of a large community whose audience also holds a group of regulars from a small
 * community ("variety" channels: a streamer who plays several games, a host) can have more edge
 * weight into the small community than into its own, because its own community's viewers are
 * spread over hundreds of channels while the small community's are concentrated on a dozen.
 * Counted by viewers, most of its audience still watches its own community. This step counts
 * that way: every viewer of channel {@code c} who also watches other assigned channels casts
 * one vote, split over the communities of those other channels in proportion to how many of
 * them lie in each (as {@link UnassignedAttachment} does for unassigned channels). {@code c}
 * moves when another community has at least {@link UnassignedAttachment#MIN_SHARED} votes and
 * at least twice those of its own community; a channel whose audience is merely split stays where
 * modularity put it.
 *
 * <p>All channels are judged against the detected partition, not against each other's moves, so
 * the result does not depend on the order channels are looked at; votes are summed in fixed
 * point, so it does not depend on the order of viewers either. Cost: one pass over the
 * memberships of assigned channels (an index of viewer to communities, 12 bytes per membership and 12
 * per viewer), judged on all cores.
 */
public final class AudienceReassignment {

    /**
     * Another community needs this many times the channel's own community's votes. Measured on the
     * quality benchmark's full family (docs/GUIDE.md section 2.1): at 2 no lake scores lower than
     * without moving and the median NMI reaches 1.0; at 1.5 moves cascade on the sparsest lakes
     * (worst case 0.935 to 0.908), at 1.2 they merge whole communities.
     */
    static final int DOMINANCE = 2;
    private static final long ONE = ViewerCommunities.ONE_VOTE;

    private AudienceReassignment() {
    }

    /**
     * The partition after the moves, and how many channels moved.
     *
     * @param partition the partition; communities renumbered by size as detection numbers them
     * @param moved     channels moved to another community
     */
    public record Result(CommunityDetector.Partition partition, int moved) {
        public Result {
            Objects.requireNonNull(partition, "partition");
        }
    }

    /** Channels judged per task of a worker thread. */
    private static final int BLOCK = 256;

    /**
     * The community channel {@code c} (in {@code own}) moves to, or -1 when it stays: its viewers'
     * votes, split over the communities of their other channels.
     */
    private static int judge(int c, int own, int[] off, int[] mem, int[] viewer, int[] pairs, long[] score,
                             int[] touched) {
        if (own < 0) {
            return -1;
        }
        int nTouched = 0;
        for (int i = off[c]; i < off[c + 1]; i++) {
            int v = 3 * mem[i];
            long share = viewer[v + 2];
            if (share == 0) {
                continue;
            }
            for (int j = viewer[v]; j < viewer[v + 1]; j += 2) {
                int q = pairs[j];
                int channels = q == own ? pairs[j + 1] - 1 : pairs[j + 1];
                if (channels == 0) {
                    continue;
                }
                if (score[q] == 0) {
                    touched[nTouched++] = q;
                }
                score[q] += share * channels;
            }
        }
        int best = -1;
        long bestScore = 0;
        for (int t = 0; t < nTouched; t++) {
            int q = touched[t];
            if (score[q] > bestScore || score[q] == bestScore && q < best) {
                best = q;
                bestScore = score[q];
            }
        }
        long ownScore = score[own];
        for (int t = 0; t < nTouched; t++) {
            score[touched[t]] = 0;
        }
        boolean moves = best >= 0 && best != own && bestScore >= UnassignedAttachment.MIN_SHARED * ONE
                && bestScore >= DOMINANCE * ownScore;
        return moves ? best : -1;
    }

    /**
     * Moves the channels of {@code partition} whose viewers clearly belong to another community.
     *
     * @param audiences        the audiences the partition's graph was built from (same channel indices)
     * @param partition        the detected partition; {@code -1} marks unassigned channels (never moved)
     * @param minCommunitySize a community that moves leave with fewer channels is dissolved: its
     *                         channels become unassigned, as detection treats small communities
     */
    public static Result apply(Audiences audiences, CommunityDetector.Partition partition, int minCommunitySize) {
        int[] comm = ViewerCommunities.communities(audiences, partition);
        int n = comm.length;
        int k = partition.communities();
        if (k < 2) {
            return new Result(partition, 0);
        }
        int[] off = audiences.offsets();
        int[] mem = audiences.members();
        int space = audiences.viewerIdSpace();
        ViewerCommunities index = ViewerCommunities.of(audiences, comm, null);
        int[] start = index.start();
        int[] viewerComm = index.community();
        // Per viewer, its communities with how many of its channels lie in each: most viewers'
        // channels lie in one or two communities, so a channel's votes cost that many steps per
        // viewer rather than one per channel the viewer watches. Pairs (community, count) are
        // interleaved, and each viewer's (first pair, end, share of its vote) lie together, so a
        // vote reads two places in memory.
        int[] pairs = new int[2 * viewerComm.length];
        int[] viewer = new int[3 * space];
        for (int v = 0; v < space; v++) {
            int from = start[v];
            int to = start[v + 1];
            Arrays.sort(viewerComm, from, to);
            int w = 2 * from;
            for (int j = from; j < to; j++) {
                if (w > 2 * from && pairs[w - 2] == viewerComm[j]) {
                    pairs[w - 1]++;
                } else {
                    pairs[w++] = viewerComm[j];
                    pairs[w++] = 1;
                }
            }
            viewer[3 * v] = 2 * from;
            viewer[3 * v + 1] = w;
            // one vote split over the viewer's other channels: its membership of the channel being
            // judged is no evidence about that channel
            viewer[3 * v + 2] = to - from > 1 ? (int) (ONE / (to - from - 1)) : 0;
        }
        int[] target = new int[n];
        Arrays.fill(target, -1);
        AtomicInteger nextBlock = new AtomicInteger();
        Parallel.run(Math.min(Parallel.defaultThreads(), Math.max(1, n / BLOCK)), () -> {
            long[] score = new long[k];
            int[] touched = new int[k];
            for (int b = nextBlock.getAndIncrement(); b * BLOCK < n; b = nextBlock.getAndIncrement()) {
                for (int c = b * BLOCK; c < Math.min(n, (b + 1) * BLOCK); c++) {
                    target[c] = judge(c, comm[c], off, mem, viewer, pairs, score, touched);
                }
            }
        });
        int[] out = comm.clone();
        int moved = 0;
        for (int c = 0; c < n; c++) {
            if (target[c] >= 0) {
                out[c] = target[c];
                moved++;
            }
        }
        if (moved == 0) {
            return new Result(partition, 0);
        }
        int[] size = new int[k];
        for (int c : out) {
            if (c >= 0) {
                size[c]++;
            }
        }
        for (int c = 0; c < n; c++) {
            if (out[c] >= 0 && size[out[c]] < minCommunitySize) {
                out[c] = -1;
            }
        }
        int kept = UnassignedAttachment.renumberBySize(out, k);
        return new Result(new CommunityDetector.Partition(out, kept, partition.communitiesBeforeMinSize(),
                partition.modularity(), partition.disconnected(), partition.iterations(), partition.splits()), moved);
    }
}
