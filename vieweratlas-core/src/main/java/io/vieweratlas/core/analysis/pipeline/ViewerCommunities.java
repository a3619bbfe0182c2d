package io.vieweratlas.core.analysis.pipeline;

import io.vieweratlas.core.analysis.aggregate.Audiences;
import io.vieweratlas.core.analysis.community.CommunityDetector;

import java.util.Arrays;
import java.util.Objects;

/**
 * For each viewer, the communities of the assigned channels it watches (one entry per channel, so
 * a community repeats), as compressed sparse rows: viewer {@code v}'s entries are
 * {@code community[start[v] .. start[v + 1])}. The index both viewer-counting steps vote from.
 *
 * @param start     {@code viewers + 1} row offsets
 * @param community community per (viewer, assigned channel)
 */
record ViewerCommunities(int[] start, int[] community) {

    /**
     * One viewer's vote in fixed point: integer sums do not depend on the order viewers are
     * visited in, so the result is exactly the same for the same input.
     */
    static final long ONE_VOTE = 1L << 24;

    /**
     * The community per channel of {@code partition}, checked to cover the channels of
     * {@code audiences}.
     *
     * @throws IllegalArgumentException when the two disagree in channel count
     */
    static int[] communities(Audiences audiences, CommunityDetector.Partition partition) {
        Objects.requireNonNull(audiences, "audiences");
        Objects.requireNonNull(partition, "partition");
        int[] comm = partition.community();
        if (comm.length != audiences.channelCount()) {
            throw new IllegalArgumentException("partition has " + comm.length + " channels, audiences "
                    + audiences.channelCount());
        }
        return comm;
    }

    /**
     * The index of the viewers marked in {@code wanted} (all viewers when it is {@code null}).
     *
     * @param comm community per channel, {@code -1} for unassigned channels (left out)
     */
    static ViewerCommunities of(Audiences audiences, int[] comm, boolean[] wanted) {
        int n = audiences.channelCount();
        int[] off = audiences.offsets();
        int[] mem = audiences.members();
        int space = audiences.viewerIdSpace();
        int[] start = new int[space + 1];
        for (int c = 0; c < n; c++) {
            if (comm[c] >= 0) {
                for (int i = off[c]; i < off[c + 1]; i++) {
                    if (wanted == null || wanted[mem[i]]) {
                        start[mem[i] + 1]++;
                    }
                }
            }
        }
        for (int v = 0; v < space; v++) {
            start[v + 1] += start[v];
        }
        int[] fill = Arrays.copyOf(start, space);
        int[] community = new int[start[space]];
        for (int c = 0; c < n; c++) {
            if (comm[c] >= 0) {
                for (int i = off[c]; i < off[c + 1]; i++) {
                    int v = mem[i];
                    if (wanted == null || wanted[v]) {
                        community[fill[v]++] = comm[c];
                    }
                }
            }
        }
        return new ViewerCommunities(start, community);
    }
}
