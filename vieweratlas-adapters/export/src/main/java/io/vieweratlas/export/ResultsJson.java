package io.vieweratlas.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.AnalysisStatistics;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.FilterStep;
import io.vieweratlas.core.port.GraphExporter;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code analysis_results.json}: the original's keys ({@code timestamp, config, partition, labels,
 * statistics {graph, detection, tagging, aggregator}}, with the original's statistics names both in
 * their groups and at the top of {@code statistics}: see {@code docs/ORIGINAL-FORMATS.md}) plus {@code algorithm, seed, weighting,
 * filters, data_quality, communities} (per-community summaries). Channel-level only. Keys are in
 * a fixed order, numbers are formatted by Jackson's shortest round-trip rules: equal results give
 * identical bytes.
 */
public final class ResultsJson implements GraphExporter {

    /** The file name. */
    public static final String FILE_NAME = "analysis_results.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public void write(AnalysisResult result, OutputStream out) throws IOException {
        // The tree streamed straight to a generator with the same pretty printer gives the bytes
        // ObjectWriter.writeValue gives, without databind's serializer lookups (a cold start of
        // them cost as much as the rest of the document on the large lake).
        writeTree(tree(result), out);
        out.write('\n');
    }

    /** Writes {@code tree} (maps, lists, scalars) indented, as {@code ObjectWriter.writeValue} with this pretty printer does. */
    static void writeTree(Object tree, OutputStream out) throws IOException {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            value(g, tree);
        }
    }

    /** The databind rendering {@link #writeTree} reproduces (for tests). */
    static byte[] databind(Object tree) throws IOException {
        return MAPPER.writer(new DefaultPrettyPrinter()).writeValueAsBytes(tree);
    }

    /** Writes {@code v} as databind would: maps with string keys, lists, strings, boxed numbers and booleans. */
    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m && stringKeys(m)) {
            g.writeStartObject(m);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray(list, list.size());
            for (Object x : list) {
                value(g, x);
            }
            g.writeEndArray();
        } else {
            MAPPER.writeValue(g, v); // anything else as databind writes it
        }
    }

    private static boolean stringKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** The document as ordered maps and lists. */
    public static Map<String, Object> tree(AnalysisResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("timestamp", r.timestamp().toString());
        doc.put("config", new TreeMap<>(r.config()));
        Map<String, Object> partition = new LinkedHashMap<>();
        r.partition().forEach(partition::put);
        doc.put("partition", partition);
        Map<String, Object> labels = new LinkedHashMap<>();
        r.labels().forEach((k, v) -> labels.put(Integer.toString(k), v));
        doc.put("labels", labels);
        AnalysisStatistics s = r.statistics();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("graph", graph(s.graph()));
        stats.put("detection", detection(s.detection()));
        stats.put("tagging", new TreeMap<>(s.tagging().byRule()));
        stats.put("aggregator", aggregator(s.aggregator()));
        original(stats, s);
        doc.put("statistics", stats);
        doc.put("algorithm", s.detection().algorithm());
        doc.put("seed", s.detection().seed());
        doc.put("weighting", r.config().get("weighting"));
        List<Object> filters = new ArrayList<>();
        for (FilterStep f : s.filters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("filter", f.filter());
            m.put("limit", f.limit());
            m.put("removed_accounts", f.removedAccounts());
            m.put("removed_memberships", f.removedMemberships());
            m.put("removed_channels", f.removedChannels());
            filters.add(m);
        }
        doc.put("filters", filters);
        Map<String, Object> dq = new LinkedHashMap<>();
        dq.put("files_read", r.dataQuality().filesRead());
        List<Object> skipped = new ArrayList<>();
        r.dataQuality().skipped().forEach(x -> skipped.add(Map.of("location", x.location(), "reason", x.reason())));
        dq.put("skipped", skipped.stream().map(x -> new TreeMap<>((Map<?, ?>) x)).toList());
        dq.put("duplicate_snapshots", r.dataQuality().duplicateSnapshots());
        dq.put("channels_missing_metadata", r.dataQuality().channelsMissingMetadata());
        doc.put("data_quality", dq);
        List<Object> communities = new ArrayList<>();
        for (Community c : r.communities()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("label", c.label());
            m.put("size", c.size());
            m.put("top_channels", c.topChannels());
            m.put("game_shares", c.gameShares());
            m.put("language_shares", c.languageShares());
            m.put("internal_weight", c.internalWeight());
            m.put("external_weight", c.externalWeight());
            communities.add(m);
        }
        doc.put("communities", communities);
        return doc;
    }

    private static Map<String, Object> graph(AnalysisStatistics.Graph g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", g.nodes());
        m.put("edges", g.edges());
        m.put("density", g.density());
        m.put("components", g.components());
        m.put("isolated_nodes", g.isolated());
        m.put("degree", dist(g.degree()));
        m.put("weight", dist(g.weight()));
        m.put("shared", dist(g.shared()));
        m.put("pair_counting", g.pairCounting());
        m.put("pair_increments", g.pairIncrements());
        m.put("num_nodes", g.nodes()); // the original's names, for its readers
        m.put("num_edges", g.edges());
        m.put("num_isolated_nodes", g.isolated());
        return m;
    }

    private static Map<String, Object> dist(AnalysisStatistics.Distribution d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", d.min());
        m.put("median", d.median());
        m.put("mean", d.mean());
        m.put("max", d.max());
        return m;
    }

    private static Map<String, Object> detection(AnalysisStatistics.Detection d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", d.algorithm());
        m.put("resolution", d.resolution());
        m.put("seed", d.seed());
        m.put("modularity", d.modularity());
        m.put("modularity_formula", "Q = sum_c [ L_c/m - resolution * (d_c/(2m))^2 ]");
        m.put("communities", d.communities());
        m.put("communities_before_min_size", d.communitiesBeforeMinSize());
        m.put("unassigned_channels", d.unassignedChannels());
        m.put("disconnected_communities", d.disconnectedCommunities());
        m.put("largest_community", d.largestCommunity());
        m.put("attached_channels", d.attachedChannels());
        m.put("split_communities", d.splitCommunities());
        m.put("reassigned_channels", d.reassignedChannels());
        m.put("num_communities", d.communities()); // the original's name, for its readers
        return m;
    }

    private static Map<String, Object> aggregator(AnalysisStatistics.Aggregation a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("snapshots", a.snapshots());
        m.put("channels", a.channels());
        m.put("viewers", a.viewers());
        m.put("memberships", a.memberships());
        m.put("since", text(a.since()));
        m.put("until", text(a.until()));
        m.put("newest_data", text(a.newestData()));
        m.put("top_channels_by_viewers", topChannels(a)); // the original's names, for its readers
        m.put("snapshot_sources", new LinkedHashMap<>(a.snapshotSources()));
        return m;
    }

    /**
     * The original's statistics keys at the top of {@code statistics} too, as the original's
     * readers name them: {@code num_nodes}, {@code num_edges}, {@code num_isolated_nodes},
     * {@code num_communities}, {@code num_channels} (channels in the graph),
     * {@code top_channels_by_viewers} ({@code [[login, distinct viewers], ...]}, ten at most) and
     * {@code snapshot_sources} ({@code {source: snapshots read}}).
     */
    private static void original(Map<String, Object> stats, AnalysisStatistics s) {
        stats.put("num_nodes", s.graph().nodes());
        stats.put("num_edges", s.graph().edges());
        stats.put("num_isolated_nodes", s.graph().isolated());
        stats.put("num_communities", s.detection().communities());
        stats.put("num_channels", s.graph().nodes());
        stats.put("top_channels_by_viewers", topChannels(s.aggregator()));
        stats.put("snapshot_sources", new LinkedHashMap<>(s.aggregator().snapshotSources()));
    }

    /** {@code [[login, viewers], ...]}: the original wrote Python tuples, which JSON makes arrays. */
    private static List<Object> topChannels(AnalysisStatistics.Aggregation a) {
        List<Object> top = new ArrayList<>();
        for (AnalysisStatistics.ChannelViewers c : a.topChannels()) {
            top.add(List.of(c.channel(), c.viewers()));
        }
        return top;
    }

    private static String text(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }
}
