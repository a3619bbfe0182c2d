package io.vieweratlas.export;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.port.GraphExporter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The CSV exports of an analysis: {@code graph_nodes.csv} ({@code id,viewers,viewer_count,game,title,community,label}),
 * {@code graph_edges.csv} ({@code source,target,weight,shared}) and {@code communities.csv}. RFC 4180 quoting,
 * {@code \n} line ends, UTF-8, fixed number formatting: equal results give identical bytes.
 */
public final class CsvExporters {

    private CsvExporters() {
    }

    /** All CSV exporters. */
    public static List<GraphExporter> all() {
        return List.of(NODES, EDGES, COMMUNITIES);
    }

    /** {@code graph_nodes.csv}: one row per channel; community -1 means unassigned. */
    public static final GraphExporter NODES = new Csv("graph_nodes.csv") {
        @Override
        void rows(AnalysisResult r, CsvOut w) throws IOException {
            w.raw("id,viewers,viewer_count,game,title,community,label\n");
            for (GraphNode n : r.nodes()) {
                w.field(n.id()).comma().integer(n.viewers()).comma().integer(n.viewerCount()).comma()
                        .field(n.game()).comma().field(n.title()).comma().integer(n.community()).comma()
                        .field(n.label()).newline();
            }
        }
    };

    /** {@code graph_edges.csv}: one row per edge. */
    public static final GraphExporter EDGES = new Csv("graph_edges.csv") {
        @Override
        void rows(AnalysisResult r, CsvOut w) throws IOException {
            edgeRows(r.edges(), w);
        }
    };

    /** {@code communities.csv}: one row per community with its summary. */
    public static final GraphExporter COMMUNITIES = new Csv("communities.csv") {
        @Override
        void rows(AnalysisResult r, CsvOut w) throws IOException {
            w.raw("community,label,size,top_channels,top_game,top_game_share,top_language,top_language_share,"
                    + "internal_weight,external_weight\n");
            for (Community c : r.communities()) {
                Map.Entry<String, Double> game = top(c.gameShares());
                Map.Entry<String, Double> lang = top(c.languageShares());
                w.integer(c.id()).comma().field(c.label()).comma().integer(c.size()).comma()
                        .field(String.join(" ", c.topChannels())).comma().field(game == null ? "" : game.getKey())
                        .comma().number(game == null ? 0 : game.getValue()).comma()
                        .field(lang == null ? "" : lang.getKey()).comma()
                        .number(lang == null ? 0 : lang.getValue()).comma().number(c.internalWeight()).comma()
                        .number(c.externalWeight()).newline();
            }
        }
    };

    /** Writes {@code graph_edges.csv} of {@code edges}, as {@link #EDGES} writes the edges of a result. */
    static void writeEdges(List<GraphEdge> edges, OutputStream out) throws IOException {
        CsvOut w = new CsvOut(out);
        edgeRows(edges, w);
        w.flush();
    }

    private static void edgeRows(List<GraphEdge> edges, CsvOut w) throws IOException {
        w.raw("source,target,weight,shared\n");
        for (GraphEdge e : edges) {
            w.field(e.source()).comma().field(e.target()).comma().number(e.weight()).comma().integer(e.shared())
                    .newline();
        }
    }

    private static Map.Entry<String, Double> top(Map<String, Double> shares) {
        Map.Entry<String, Double> best = null;
        for (Map.Entry<String, Double> e : shares.entrySet()) { // sorted map: ties keep the first name
            if (best == null || e.getValue() > best.getValue()) {
                best = e;
            }
        }
        return best;
    }

    private abstract static class Csv implements GraphExporter {
        private final String fileName;

        Csv(String fileName) {
            this.fileName = fileName;
        }

        @Override
        public String fileName() {
            return fileName;
        }

        @Override
        public void write(AnalysisResult result, OutputStream out) throws IOException {
            CsvOut w = new CsvOut(out);
            rows(result, w);
            w.flush();
        }

        abstract void rows(AnalysisResult r, CsvOut w) throws IOException;
    }

    static void line(Writer w, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(quote(fields[i]));
        }
        w.write('\n');
    }

    static String quote(String s) {
        boolean needs = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                needs = true;
                break;
            }
        }
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
