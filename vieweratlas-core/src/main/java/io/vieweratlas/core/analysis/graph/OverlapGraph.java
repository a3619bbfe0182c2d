package io.vieweratlas.core.analysis.graph;

import java.util.Objects;

/**
 * The channel overlap graph in arrays: edge {@code e} joins channels {@code source[e] < target[e]}
 * (indices into the audiences' sorted channel list), with {@code shared[e]} shared viewers and
 * weight {@code weight[e]}. Edges are sorted by (source, target).
 *
 * @param nodes          number of channels
 * @param source         smaller endpoint per edge
 * @param target         larger endpoint per edge
 * @param shared         shared viewers per edge
 * @param weight         weight per edge
 * @param pairIncrements shared-viewer increments counted while building
 * @param pairCounting   which counting strategy was used, for the statistics
 */
public record OverlapGraph(int nodes, int[] source, int[] target, int[] shared, double[] weight,
                           long pairIncrements, String pairCounting) {
    public OverlapGraph {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(pairCounting, "pairCounting");
        if (source.length != target.length || source.length != shared.length || source.length != weight.length) {
            throw new IllegalArgumentException("edge arrays disagree in length");
        }
    }

    /** Number of edges. */
    public int edgeCount() {
        return source.length;
    }
}
