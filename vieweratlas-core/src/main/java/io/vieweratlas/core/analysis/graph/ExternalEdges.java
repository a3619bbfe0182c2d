package io.vieweratlas.core.analysis.graph;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.Weighting;

import java.util.OptionalInt;

/**
 * The overlap graph of shared-viewer counts made elsewhere (an edge list): applies the threshold
 * and the weighting of the parameters exactly as {@link OverlapGraphBuilder} does for counts it
 * made itself, so an edge list of a lake's own graph gives the same weighted graph.
 */
public final class ExternalEdges {

    private ExternalEdges() {
    }

    /**
     * Keeps the edges with at least {@code overlap_threshold} shared viewers and weighs them.
     *
     * @param nodes    number of channels
     * @param audience distinct viewers per channel
     * @param source   smaller endpoint per edge, edges sorted by (source, target)
     * @param target   larger endpoint per edge
     * @param shared   shared viewers per edge
     * @param viewers  distinct viewers in the analysis; required for {@link Weighting#SIGNIFICANCE}
     * @throws IllegalArgumentException when significance weighting is asked for without a viewer
     *                                  count, or the count is smaller than an audience
     */
    public static OverlapGraph graph(int nodes, int[] audience, int[] source, int[] target, int[] shared,
                                     AnalysisParameters params, OptionalInt viewers) {
        int threshold = Math.max(1, params.overlapThreshold());
        int m = 0;
        for (int s : shared) {
            if (s >= threshold) {
                m++;
            }
        }
        int[] src = new int[m];
        int[] dst = new int[m];
        int[] sh = new int[m];
        int k = 0;
        for (int e = 0; e < shared.length; e++) {
            if (shared[e] >= threshold) {
                src[k] = source[e];
                dst[k] = target[e];
                sh[k++] = shared[e];
            }
        }
        String counting = "external edge list";
        if (params.weighting() != Weighting.SIGNIFICANCE) {
            return OverlapGraphBuilder.weigh(nodes, c -> audience[c], params, src, dst, sh, 0, 0, counting);
        }
        if (viewers.isEmpty()) {
            throw new IllegalArgumentException("weighting 'significance' needs the number of distinct viewers, "
                    + "which an edge list does not contain");
        }
        int population = viewers.getAsInt();
        for (int c = 0; c < nodes; c++) {
            if (audience[c] > population) {
                throw new IllegalArgumentException("viewer count " + population + " is smaller than the audience "
                        + audience[c] + " of channel index " + c);
            }
        }
        return OverlapGraphBuilder.weigh(nodes, c -> audience[c], params, src, dst, sh, population, 0, counting);
    }
}
