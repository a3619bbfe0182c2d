package io.vieweratlas.core.analysis.pipeline;

import io.vieweratlas.core.analysis.aggregate.Audiences;
import io.vieweratlas.core.analysis.community.CommunityDetector;

import java.util.Arrays;
import java.util.Objects;

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
 * memberships of assigned channels (an index of viewer to communities, 4 bytes per membership).
 */
public final class AudienceReassignment {

    /**
     * Another community needs this many times the channel's own community's votes. Measured on the
     * quality benchmark's full family (docs/GUIDE.md section 2.1): at 2 no lake scores lower than
     * without moving and the median NMI reaches 1.0; at 1.5 moves cascade on the sparsest lakes
     * (worst case 0.935 to 0.908), at 1.2 they merge whole communities.
     */
    static final int DOMINANCE = 2;
    private static final long ONE = 1L << 24;

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

    /**
     * Moves the channels of {@code partition} whose viewers clearly belong to another community.
     *
     * @param audiences the audiences the partition's graph was built from (same channel indices)
     * @param partition the detected partition; {@code -1} marks unassigned channels (never moved)
     */
    public static Result apply(Audiences audiences, CommunityDetector.Partition partition) {
        Objects.requireNonNull(audiences, "audiences");
        Objects.requireNonNull(partition, "partition");
        int n = audiences.channelCount();
        int[] comm = partition.community();
        if (comm.length != n) {
            throw new IllegalArgumentException("partition has " + comm.length + " channels, audiences " + n);
        }
        int k = partition.communities();
        if (k < 2) {
            return new Result(partition, 0);
        }
        int[] off = audiences.offsets();
        int[] mem = audiences.members();
        int space = audiences.viewerIdSpace();
        int[] start = new int[space + 1];
        for (int c = 0; c < n; c++) {
            if (comm[c] >= 0) {
                for (int i = off[c]; i < off[c + 1]; i++) {
                    start[mem[i] + 1]++;
                }
            }
        }
        for (int v = 0; v < space; v++) {
            start[v + 1] += start[v];
        }
        int[] fill = Arrays.copyOf(start, space);
        int[] viewerComm = new int[start[space]];
        for (int c = 0; c < n; c++) {
            if (comm[c] >= 0) {
                for (int i = off[c]; i < off[c + 1]; i++) {
                    viewerComm[fill[mem[i]]++] = comm[c];
                }
            }
        }
        int[] out = comm.clone();
        long[] score = new long[k];
        int[] touched = new int[k];
        int moved = 0;
        for (int c = 0; c < n; c++) {
            int own = comm[c];
            if (own < 0) {
                continue;
            }
            int nTouched = 0;
            for (int i = off[c]; i < off[c + 1]; i++) {
                int v = mem[i];
                int others = start[v + 1] - start[v] - 1;
                if (others == 0) {
                    continue;
                }
                long share = ONE / others;
                boolean skippedSelf = false;
                for (int j = start[v]; j < start[v + 1]; j++) {
                    int q = viewerComm[j];
                    if (q == own && !skippedSelf) {
                        // the viewer's membership of c itself is no evidence about c
                        skippedSelf = true;
                        continue;
                    }
                    if (score[q] == 0) {
                        touched[nTouched++] = q;
                    }
                    score[q] += share;
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
            if (best >= 0 && best != own && bestScore >= UnassignedAttachment.MIN_SHARED * ONE
                    && bestScore >= DOMINANCE * ownScore) {
                out[c] = best;
                moved++;
            }
        }
        if (moved == 0) {
            return new Result(partition, 0);
        }
        int kept = UnassignedAttachment.renumberBySize(out, k);
        return new Result(new CommunityDetector.Partition(out, kept, partition.communitiesBeforeMinSize(),
                partition.modularity(), partition.disconnected(), partition.iterations(), partition.splits()), moved);
    }
}
