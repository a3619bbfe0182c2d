/**
 * Graph exports of an {@link io.vieweratlas.core.model.AnalysisResult}, all through the core
 * {@link io.vieweratlas.core.port.GraphExporter} port: GEXF 1.3 with the viz namespace
 * ({@link io.vieweratlas.export.GexfExporter}), GraphML ({@link io.vieweratlas.export.GraphmlExporter}),
 * NetworkX node-link JSON ({@link io.vieweratlas.export.NodeLinkJsonExporter}), the PNG community map
 * ({@link io.vieweratlas.export.PngExporter}) and the offline interactive page
 * ({@link io.vieweratlas.export.HtmlExporter}). {@link io.vieweratlas.export.Exporters} builds the
 * configured set; they share one layout per result through {@link io.vieweratlas.export.LayoutSource}.
 * Every output is deterministic for the same result and seed, and channel-level only.
 */
package io.vieweratlas.export;
