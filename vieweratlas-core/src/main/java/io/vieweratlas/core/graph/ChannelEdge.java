package io.vieweratlas.core.graph;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;

import java.util.Objects;

/**
 * An edge of a {@linkplain ChannelGraphs#view channel graph view}: the {@code index}-th entry of
 * {@link AnalysisResult#edges()}, which it wraps without copying.
 *
 * <p>JGraphT tells edges apart by {@code equals}, and two channel pairs may well carry equal
 * {@link GraphEdge} values in different results; the index makes every edge of one graph distinct.
 * The view creates these objects on demand, so compare them with {@code equals}, never with
 * {@code ==}.
 *
 * @param index position of the edge in {@link AnalysisResult#edges()}, {@code >= 0}
 * @param edge  the result's edge at that position
 */
public record ChannelEdge(int index, GraphEdge edge) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException when {@code index} is negative
     * @throws NullPointerException     when {@code edge} is null
     */
    public ChannelEdge {
        if (index < 0) {
            throw new IllegalArgumentException("edge index must be >= 0, was " + index);
        }
        Objects.requireNonNull(edge, "edge");
    }

    /**
     * One endpoint, the channel that sorts first.
     *
     * @return the edge's source login
     */
    public String source() {
        return edge.source();
    }

    /**
     * The other endpoint.
     *
     * @return the edge's target login
     */
    public String target() {
        return edge.target();
    }

    /**
     * The weight under the analysis' weighting, which is also the view's
     * {@link org.jgrapht.Graph#getEdgeWeight edge weight}.
     *
     * @return the edge's weight
     */
    public double weight() {
        return edge.weight();
    }

    /**
     * Number of viewers the two channels share.
     *
     * @return the edge's shared-viewer count
     */
    public int shared() {
        return edge.shared();
    }

    /**
     * The index alone: it already tells apart the edges of one graph, and JGraphT's algorithms hash
     * edges often (hashing the wrapped record would hash two logins and a weight every time). Equal
     * edges have equal indices, so this agrees with {@link #equals}.
     */
    @Override
    public int hashCode() {
        return index;
    }
}
