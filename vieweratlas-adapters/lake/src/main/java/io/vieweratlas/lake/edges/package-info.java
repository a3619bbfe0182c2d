/**
 * Reading edge lists counted elsewhere (Athena, DuckDB: {@code overlap_edges.sql}) from CSV files
 * into the domain's {@link io.vieweratlas.core.analysis.edges.EdgeList}; the Parquet reader lives
 * in the parquet adapter.
 */
package io.vieweratlas.lake.edges;
