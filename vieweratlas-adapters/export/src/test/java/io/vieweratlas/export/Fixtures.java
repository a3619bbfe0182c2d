package io.vieweratlas.export;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.AnalysisStatistics;
import io.vieweratlas.core.model.Community;
import io.vieweratlas.core.model.DataQualityReport;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.GraphNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/** Analysis results for the exporter tests: a small hand-made one and a larger planted-partition one. */
final class Fixtures {
    private Fixtures() {
    }

    private static final String[][] GAMES = {
        {"Just Chatting", "en"}, {"League of Legends", "ko"}, {"Counter-Strike", "ru"}, {"Minecraft", "en"},
        {"Fortnite", "es"}, {"Valorant", "ja"}, {"Grand Theft Auto V", "pt"}, {"Dota 2", "ru"},
    };

    /** Four channels in two communities plus an unassigned one, with characters that need escaping. */
    static AnalysisResult small() {
        List<GraphNode> nodes = List.of(
                new GraphNode("alpha", 500, 12000, "Chess", "en", "Title with <b> & \"quotes\" \u0001", 0, "Chess (en)"),
                new GraphNode("bravo", 300, 9000, "Chess", "en", "", 0, "Chess (en)"),
                new GraphNode("charlie", 200, 4000, "Minecraft", "de", "\u00dcberraschung \ud83d\ude00", 1, "Minecraft (de)"),
                new GraphNode("delta", 150, 3000, "Minecraft", "de", "</script><script>alert(1)</script>", 1,
                        "Minecraft (de)"),
                new GraphNode("echo", 10, 50, "", "", "", GraphNode.UNASSIGNED, "Unassigned"));
        List<GraphEdge> edges = List.of(
                new GraphEdge("alpha", "bravo", 40, 40),
                new GraphEdge("alpha", "charlie", 2.5, 3),
                new GraphEdge("charlie", "delta", 25, 25),
                new GraphEdge("delta", "echo", 1, 1));
        List<Community> communities = List.of(
                community(0, "Chess (en)", List.of("alpha", "bravo")),
                community(1, "Minecraft (de)", List.of("charlie", "delta")));
        return result(nodes, edges, communities);
    }

    /** A planted-partition graph of {@code n} channels in {@code k} communities (and some unassigned). */
    static AnalysisResult planted(int n, int k, int edgesPerNode, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<GraphNode> nodes = new ArrayList<>();
        Map<Integer, List<String>> members = new TreeMap<>();
        String[] ids = new String[n];
        int[] comm = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = String.format(Locale.ROOT, "ch%05d", i);
            comm[i] = i < n - n / 25 ? i % k : GraphNode.UNASSIGNED;
        }
        for (int i = 0; i < n; i++) {
            int c = comm[i];
            String[] gl = GAMES[Math.max(c, 0) % GAMES.length];
            int viewers = (int) (20 + 20000 * Math.pow(r.nextDouble(), 6));
            String label = c < 0 ? "Unassigned" : gl[0] + " (" + gl[1] + ")" + (c >= GAMES.length ? " #" + c : "");
            nodes.add(new GraphNode(ids[i], viewers, viewers * 3L, c < 0 ? "" : gl[0], c < 0 ? "" : gl[1],
                    "stream " + i, c, label));
            if (c >= 0) {
                members.computeIfAbsent(c, x -> new ArrayList<>()).add(ids[i]);
            }
        }
        TreeMap<String, GraphEdge> edges = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            for (int e = 0; e < edgesPerNode; e++) {
                int j;
                if (comm[i] >= 0 && r.nextDouble() < 0.85) {
                    List<String> m = members.get(comm[i]);
                    j = Integer.parseInt(m.get(r.nextInt(m.size())).substring(2));
                } else {
                    j = r.nextInt(n);
                }
                if (j == i) {
                    continue;
                }
                String a = ids[Math.min(i, j)];
                String b = ids[Math.max(i, j)];
                int shared = 1 + (int) (200 * Math.pow(r.nextDouble(), 3));
                edges.put(a + " " + b, new GraphEdge(a, b, shared, shared));
            }
        }
        List<Community> communities = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> m : members.entrySet()) {
            communities.add(community(m.getKey(), nodes.get(m.getValue().size() > 0
                    ? Integer.parseInt(m.getValue().get(0).substring(2)) : 0).label(), m.getValue()));
        }
        return result(nodes, new ArrayList<>(edges.values()), communities);
    }

    /** Channels of {@link #seriesWindow} that stream in the first two windows only. */
    static final List<String> STOPPING = List.of("ch00100", "ch00101", "ch00102", "ch00103", "ch00104");
    /** Daily window ends of {@link #seriesWindow}. */
    static final List<Instant> SERIES_ENDS = List.of(Instant.parse("2026-01-02T00:00:00Z"),
            Instant.parse("2026-01-03T00:00:00Z"), Instant.parse("2026-01-04T00:00:00Z"),
            Instant.parse("2026-01-05T00:00:00Z"));

    /**
     * Window {@code k} (0..3) of a series of 300 planted channels: windows 0 and 1 hold the same graph,
     * {@link #STOPPING} is gone from window 2 on, and in window 3 community 5 has merged into community 4.
     */
    static AnalysisResult seriesWindow(int k) {
        AnalysisResult r = planted(300, 6, 5, k <= 1 ? 11 : 11 + k);
        List<GraphNode> nodes = new ArrayList<>();
        for (GraphNode n : r.nodes()) {
            if (k >= 2 && STOPPING.contains(n.id())) {
                continue;
            }
            nodes.add(k == 3 && n.community() == 5 ? new GraphNode(n.id(), n.viewers(), n.viewerCount(), n.game(),
                    n.language(), n.title(), 4, r.labels().get(4)) : n);
        }
        TreeSet<String> kept = new TreeSet<>();
        nodes.forEach(n -> kept.add(n.id()));
        List<GraphEdge> edges = r.edges().stream()
                .filter(e -> kept.contains(e.source()) && kept.contains(e.target())).toList();
        Map<Integer, List<String>> members = new TreeMap<>();
        nodes.stream().filter(GraphNode::assigned)
                .forEach(n -> members.computeIfAbsent(n.community(), x -> new ArrayList<>()).add(n.id()));
        List<Community> communities = new ArrayList<>();
        members.forEach((c, m) -> communities.add(community(c, r.labels().get(c), m)));
        return result(nodes, edges, communities);
    }

    static Community community(int id, String label, List<String> channels) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(channels));
        return new Community(id, sorted.size(), label, sorted, sorted.subList(0, Math.min(10, sorted.size())),
                new TreeMap<>(), new TreeMap<>(), 1, 1);
    }

    static AnalysisResult result(List<GraphNode> nodes, List<GraphEdge> edges, List<Community> communities) {
        AnalysisStatistics.Distribution d = AnalysisStatistics.Distribution.EMPTY;
        AnalysisStatistics stats = new AnalysisStatistics(
                new AnalysisStatistics.Graph(nodes.size(), edges.size(), 0.1, 1, 0, d, d, d, "all", 0),
                new AnalysisStatistics.Detection("leiden", 1.0, 42, 0.61, communities.size(), communities.size(), 1, 0,
                        communities.isEmpty() ? 0 : communities.get(0).size(), 0, 0, 0),
                new AnalysisStatistics.Tagging(new TreeMap<>()),
                new AnalysisStatistics.Aggregation(24, nodes.size(), 1000, 2000,
                        Optional.of(Instant.parse("2026-01-01T00:00:00Z")), Optional.empty(),
                        Optional.of(Instant.parse("2026-01-15T00:00:00Z"))),
                List.of());
        TreeMap<String, Object> config = new TreeMap<>();
        config.put("overlap_threshold", 1);
        config.put("weighting", "shared");
        return new AnalysisResult(Instant.parse("2026-01-15T00:00:00Z"), config, nodes, edges, communities, stats,
                new DataQualityReport(24, List.of(), List.of(), List.of()));
    }
}
