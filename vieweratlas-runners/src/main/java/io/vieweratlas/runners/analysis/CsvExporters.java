package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;
import io.vieweratlas.core.port.GraphExporter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        void rows(AnalysisResult r, Writer w) throws IOException {
            w.write("id,viewers,viewer_count,game,title,community,label\n");
            for (GraphNode n : r.nodes()) {
                line(w, n.id(), Integer.toString(n.viewers()), Long.toString(n.viewerCount()), n.game(), n.title(),
                        Integer.toString(n.community()), n.label());
            }
        }
    };

    /** {@code graph_edges.csv}: one row per edge. */
    public static final GraphExporter EDGES = new Csv("graph_edges.csv") {
        @Override
        void rows(AnalysisResult r, Writer w) throws IOException {
            w.write("source,target,weight,shared\n");
            StringBuilder sb = new StringBuilder(64);
            for (GraphEdge e : r.edges()) {
                sb.setLength(0);
                sb.append(quote(e.source())).append(',').append(quote(e.target())).append(',')
                        .append(Numbers.format(e.weight())).append(',').append(e.shared()).append('\n');
                w.append(sb);
            }
        }
    };

    /** {@code communities.csv}: one row per community with its summary. */
    public static final GraphExporter COMMUNITIES = new Csv("communities.csv") {
        @Override
        void rows(AnalysisResult r, Writer w) throws IOException {
            w.write("community,label,size,top_channels,top_game,top_game_share,top_language,top_language_share,"
                    + "internal_weight,external_weight\n");
            for (Community c : r.communities()) {
                Map.Entry<String, Double> game = top(c.gameShares());
                Map.Entry<String, Double> lang = top(c.languageShares());
                line(w, Integer.toString(c.id()), c.label(), Integer.toString(c.size()),
                        String.join(" ", c.topChannels()), game == null ? "" : game.getKey(),
                        game == null ? "0" : Numbers.format(game.getValue()), lang == null ? "" : lang.getKey(),
                        lang == null ? "0" : Numbers.format(lang.getValue()), Numbers.format(c.internalWeight()),
                        Numbers.format(c.externalWeight()));
            }
        }
    };

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
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            rows(result, w);
            w.flush();
        }

        abstract void rows(AnalysisResult r, Writer w) throws IOException;
    }

    static void line(Writer w, String... fields) throws IOException {
        w.write(java.util.Arrays.stream(fields).map(CsvExporters::quote).collect(Collectors.joining(",")));
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
