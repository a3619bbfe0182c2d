package io.vieweratlas.export;

import io.vieweratlas.export.layout.LayoutOptions;

import java.util.Objects;

/**
 * Which exports to write and how.
 *
 * @param gexf        write {@code graph.gexf}
 * @param graphml     write {@code graph.graphml}
 * @param json        write {@code graph.json} (node-link)
 * @param png         write {@code community_graph.png}
 * @param html        write {@code community_graph.html}
 * @param pngSize     PNG width and height in pixels
 * @param labelTopN   largest channels labelled in the PNG
 * @param pngMaxEdges strongest edges drawn in the PNG
 * @param layout      layout parameters
 */
public record ExportOptions(boolean gexf, boolean graphml, boolean json, boolean png, boolean html, int pngSize,
                            int labelTopN, int pngMaxEdges, LayoutOptions layout) {

    public ExportOptions {
        Objects.requireNonNull(layout, "layout");
        if (pngSize < 500 || pngSize > 10_000) {
            throw new IllegalArgumentException("png_size must be in 500..10000, was " + pngSize);
        }
        if (labelTopN < 0 || labelTopN > 1000) {
            throw new IllegalArgumentException("label_top_n must be in 0..1000, was " + labelTopN);
        }
        if (pngMaxEdges < 0) {
            throw new IllegalArgumentException("pngMaxEdges must be >= 0, was " + pngMaxEdges);
        }
    }

    /** Everything on: 3000 px PNG, 20 labels, 30,000 edges drawn, default layout for {@code seed}. */
    public static ExportOptions defaults(long seed) {
        return new ExportOptions(true, true, true, true, true, 3000, 20, 30_000, LayoutOptions.defaults(seed));
    }
}
