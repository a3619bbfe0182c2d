/**
 * Analysis from an edge list counted elsewhere (Athena, DuckDB: {@code overlap_edges.sql}):
 * reading the CSV ({@link io.vieweratlas.core.analysis.edges.EdgeListCsv}) and running the stages after
 * the graph ({@link io.vieweratlas.core.analysis.edges.EdgeAnalysis}).
 */
package io.vieweratlas.core.analysis.edges;
