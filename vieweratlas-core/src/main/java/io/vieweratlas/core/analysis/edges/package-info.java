/**
 * Analysis from an edge list counted elsewhere (Athena, DuckDB: {@code overlap_edges.sql}): the
 * checked edge list ({@link io.vieweratlas.core.analysis.edges.EdgeList}, built row by row through
 * {@link io.vieweratlas.core.analysis.edges.EdgeRows} by the file readers in the adapters) and the
 * stages after the graph ({@link io.vieweratlas.core.analysis.edges.EdgeAnalysis}).
 */
package io.vieweratlas.core.analysis.edges;
