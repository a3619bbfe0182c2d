package io.vieweratlas.core.analysis.pipeline;

import io.vieweratlas.core.analysis.aggregate.Audiences;
import io.vieweratlas.core.analysis.community.CommunityDetector;

import java.util.Objects;

/**
 * After detection, lets channels follow their audience: {@link AudienceReassignment} moves
 * channels whose viewers clearly belong to another community, {@link UnassignedAttachment}
 * attaches channels without an edge. Both count viewers, which the graph only sees as edges
 * above the threshold.
 *
 * <p>The two run in rounds, each round judging every channel against the partition the round
 * before left, so a channel attached or moved in one round counts as evidence in the next (a
 * sparse lake's small channels are often reached only through channels placed in an earlier
 * round). Rounds stop when one changes nothing, after at most {@value #MAX_ROUNDS}, which bounds
 * the cost; on the quality benchmark's full family five rounds instead of one raise the
 * one-snapshot lakes by up to 0.006 NMI and change no other lake.
 */
public final class AudiencePlacement {

    /** Most rounds run. */
    static final int MAX_ROUNDS = 5;

    private AudiencePlacement() {
    }

    /**
     * The partition after placement.
     *
     * @param partition  the partition; communities numbered by size (0 the largest)
     * @param attached   channels without a community that were attached
     * @param reassigned moves of channels to another community (a channel moved twice counts twice)
     */
    public record Result(CommunityDetector.Partition partition, int attached, int reassigned) {
        public Result {
            Objects.requireNonNull(partition, "partition");
        }
    }

    /**
     * Places the channels of {@code partition}.
     *
     * @param audiences the audiences the partition's graph was built from (same channel indices)
     * @param reassign  move channels whose viewers clearly belong elsewhere ({@code reassign_channels})
     * @param attach    attach channels left unassigned ({@code attach_unassigned})
     * @param minCommunitySize communities that moves leave smaller are dissolved ({@code min_community_size})
     */
    public static Result apply(Audiences audiences, CommunityDetector.Partition partition, boolean reassign,
                               boolean attach, int minCommunitySize) {
        Objects.requireNonNull(audiences, "audiences");
        Objects.requireNonNull(partition, "partition");
        CommunityDetector.Partition current = partition;
        int attached = 0;
        int reassigned = 0;
        for (int round = 0; round < MAX_ROUNDS && (reassign || attach); round++) {
            int changes = 0;
            if (reassign) {
                AudienceReassignment.Result moved = AudienceReassignment.apply(audiences, current, minCommunitySize);
                current = moved.partition();
                reassigned += moved.moved();
                changes += moved.moved();
            }
            if (attach) {
                UnassignedAttachment.Result joined = UnassignedAttachment.apply(audiences, current);
                current = joined.partition();
                attached += joined.attached();
                changes += joined.attached();
            }
            if (changes == 0) {
                break;
            }
        }
        return new Result(current, attached, reassigned);
    }
}
