/**
 * The channel graph of an analysis result as a JGraphT {@link org.jgrapht.Graph}, so that the
 * algorithms researchers already know (centrality, clustering coefficients, shortest paths,
 * connectivity, spanning trees, ...) run on it unchanged.
 *
 * <p>Start with {@link io.vieweratlas.core.graph.ChannelGraphs#view(io.vieweratlas.core.model.AnalysisResult)}:
 * the graph it returns reads the result's own node and edge lists (it copies neither) and cannot be
 * changed; copy it into a JGraphT graph with {@code Graphs.addGraph} to edit it.
 */
package io.vieweratlas.core.graph;
