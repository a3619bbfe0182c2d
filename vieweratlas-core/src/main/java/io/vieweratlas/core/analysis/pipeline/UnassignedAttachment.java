package io.vieweratlas.core.analysis.pipeline;

import io.vieweratlas.core.analysis.aggregate.Audiences;
import io.vieweratlas.core.analysis.community.CommunityDetector;

import java.util.Arrays;
import java.util.Objects;

/**
 * Attaches channels that community detection left unassigned to the community they share the
 * most viewers with, when the evidence clearly points at one community.
 *
 * <p>Why: with little data (one snapshot, low presence) many channels share fewer viewers than
 * {@code overlap_threshold} with every other channel, so they have no edge and end up
 * unassigned although most of their viewers also watch channels of one community. The evidence
 * below the threshold is used only for these channels and only to choose among communities that
 * the graph already found, so it never changes the communities of assigned channels.
 *
 * <p>Every viewer of an unassigned channel {@code u} who also watches assigned channels casts one
 * vote, split over the communities of those channels in proportion to how many of them lie in
 * each: a viewer of three channels of community A and one of B gives A 0.75 and B 0.25. Heavy
 * accounts that watch channels everywhere thus spread their vote thin, while ordinary viewers
 * vote for their home. {@code u} joins the community with the most votes when it has at least
 * {@link #MIN_SHARED} and at least 1.2 times the runner-up's; otherwise (ties included) it stays
 * unassigned. Only the communities of the detected partition count, not those of other attached
 * channels, so the result does not depend on the order channels are looked at; votes are summed
 * in fixed point, so it does not depend on the order of viewers either.
 *
 * <p>Cost: one pass over the memberships of assigned channels whose viewers also watch an
 * unassigned channel, and one pass over the unassigned channels' viewers; far below building the
 * graph. Attached channels may have no edge into their community: detection's count of
 * disconnected communities is that of the detected partition.
 */
public final class UnassignedAttachment {

    /** Smallest score of the chosen community, in viewers. */
    public static final int MIN_SHARED = 2;
    /**
     * The chosen community's score must be at least {@code DOMINANCE_NUM / DOMINANCE_DEN} (1.2)
     * times the runner-up's. Measured on the quality benchmark's full family (docs/GUIDE.md
     * section 2.1), together with {@link AudienceReassignment} in rounds: 1.2 scores higher than
     * 1.5 on every lake with channels left without an edge (one snapshot at presence 0.3: up to
     * 0.990 to 0.998) and changes no other lake. A plain plurality also places channels whose
     * viewers are split evenly between communities, which a researcher would read as a finding.
     */
    static final int DOMINANCE_NUM = 6;
    static final int DOMINANCE_DEN = 5;
    private static final long ONE = ViewerCommunities.ONE_VOTE;

    private UnassignedAttachment() {
    }

    /**
     * The partition with unassigned channels attached, and how many were.
     *
     * @param partition the partition with attachments; communities renumbered by size (0 the
     *                  largest, ties by their number before), other figures as detected
     * @param attached  channels attached
     */
    public record Result(CommunityDetector.Partition partition, int attached) {
        public Result {
            Objects.requireNonNull(partition, "partition");
        }
    }

    /**
     * Attaches what can be attached in {@code partition} of the channels of {@code audiences}.
     *
     * @param audiences the audiences the partition's graph was built from (same channel indices)
     * @param partition the detected partition; {@code -1} marks unassigned channels
     */
    public static Result apply(Audiences audiences, CommunityDetector.Partition partition) {
        int[] comm = ViewerCommunities.communities(audiences, partition);
        int n = comm.length;
        int k = partition.communities();
        int[] off = audiences.offsets();
        int[] mem = audiences.members();
        int space = audiences.viewerIdSpace();
        boolean anyUnassigned = false;
        // viewers of unassigned channels: only their communities are needed
        boolean[] wanted = new boolean[space];
        for (int c = 0; c < n; c++) {
            if (comm[c] < 0) {
                anyUnassigned = true;
                for (int i = off[c]; i < off[c + 1]; i++) {
                    wanted[mem[i]] = true;
                }
            }
        }
        if (!anyUnassigned || k == 0) {
            return new Result(partition, 0);
        }
        ViewerCommunities index = ViewerCommunities.of(audiences, comm, wanted);
        int[] start = index.start();
        int[] viewerComm = index.community();
        int[] out = comm.clone();
        long[] score = new long[k];
        int[] touched = new int[k];
        int attached = 0;
        for (int c = 0; c < n; c++) {
            if (comm[c] >= 0) {
                continue;
            }
            int nTouched = 0;
            for (int i = off[c]; i < off[c + 1]; i++) {
                int v = mem[i];
                int channelsOfViewer = start[v + 1] - start[v];
                if (channelsOfViewer == 0) {
                    continue;
                }
                long share = ONE / channelsOfViewer;
                for (int j = start[v]; j < start[v + 1]; j++) {
                    int q = viewerComm[j];
                    if (score[q] == 0) {
                        touched[nTouched++] = q;
                    }
                    score[q] += share;
                }
            }
            int best = -1;
            long bestScore = 0;
            long second = 0;
            for (int t = 0; t < nTouched; t++) {
                int q = touched[t];
                long s = score[q];
                if (s > bestScore || (s == bestScore && q < best)) {
                    second = Math.max(second, bestScore);
                    best = q;
                    bestScore = s;
                } else {
                    second = Math.max(second, s);
                }
                score[q] = 0;
            }
            if (best >= 0 && bestScore >= MIN_SHARED * ONE && bestScore * DOMINANCE_DEN >= DOMINANCE_NUM * second) {
                out[c] = best;
                attached++;
            }
        }
        if (attached == 0) {
            return new Result(partition, 0);
        }
        renumberBySize(out, k);
        return new Result(new CommunityDetector.Partition(out, k, partition.communitiesBeforeMinSize(),
                partition.modularity(), partition.disconnected(), partition.iterations(), partition.splits()), attached);
    }

    /**
     * Renumbers communities so 0 is the largest again, ties by their previous number; returns how
     * many are not empty (an emptied community's number is not used).
     */
    static int renumberBySize(int[] comm, int k) {
        int[] size = new int[k];
        for (int c : comm) {
            if (c >= 0) {
                size[c]++;
            }
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a]) : Integer.compare(a, b));
        int[] newId = new int[k];
        int kept = 0;
        for (int r = 0; r < k; r++) {
            newId[order[r]] = r;
            if (size[order[r]] > 0) {
                kept++;
            }
        }
        for (int i = 0; i < comm.length; i++) {
            if (comm[i] >= 0) {
                comm[i] = newId[comm[i]];
            }
        }
        return kept;
    }
}
