package io.vieweratlas.core.port.in;

/**
 * Which graph exports an analysis writes besides the CSV files and the results document (keys
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
public record GraphExports(boolean gexf, boolean graphml, boolean json, boolean png, boolean html, int pngSize,
                           int labelTopN) {

    /** No graph exports: CSV files and the results document only. */
    public static final GraphExports NONE = new GraphExports(false, false, false, false, false, 1000, 0);

    public GraphExports {
        if (pngSize < 1) {
            throw new IllegalArgumentException("pngSize must be >= 1, was " + pngSize);
        }
        if (labelTopN < 0) {
            throw new IllegalArgumentException("labelTopN must be >= 0, was " + labelTopN);
        }
    }
}
