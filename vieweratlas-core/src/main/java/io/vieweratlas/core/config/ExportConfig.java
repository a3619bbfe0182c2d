package io.vieweratlas.core.config;

/**
 * Which graph exports {@code analyze} writes besides the CSV files and the results document (keys
 * {@code analysis.export_*}, {@code analysis.png_size}, {@code analysis.label_top_n}).
 *
 * @param gexf      write {@code graph.gexf}
 * @param graphml   write {@code graph.graphml}
 * @param json      write {@code graph.json} (node-link)
 * @param png       write {@code community_graph.png}
 * @param html      write {@code community_graph.html}
 * @param pngSize   PNG width and height in pixels
 * @param labelTopN largest channels labelled in the PNG
 */
public record ExportConfig(boolean gexf, boolean graphml, boolean json, boolean png, boolean html, int pngSize,
                           int labelTopN) {
}
