package io.vieweratlas.runners.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeSnapshotStore;
import io.vieweratlas.synth.SyntheticLake;
import io.vieweratlas.synth.SyntheticLakeSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.vieweratlas.runners.cli.ValidateConfigCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzeCommandTest {

    @TempDir
    Path dir;
    Path lake;

    @BeforeEach
    void writeLake() throws IOException {
        lake = dir.resolve("lake");
        FileSystemObjectStore store = new FileSystemObjectStore(lake);
        LakeSnapshotStore snapshots = LakeSnapshotStore.on(store);
        SyntheticLake.plan(SyntheticLakeSpec.builder().channels(40).communities(4).viewers(2000)
                .snapshotsPerChannel(2).bots(true).seed(5).build()).forEachSnapshot(snapshots::put);
        store.put("raw/snapshots/2026/01/05/broken_20260105_100000.json",
                "{\"chatters\": [".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void analyzeWritesResultsAndExportsAndPrintsASummary() throws IOException {
        Path out = dir.resolve("out");
        // 40 channels in four communities: resolution 1, as the guide advises for graphs this small
        ValidateConfigCommandTest.Result r = run("analyze", "--data", lake.toString(), "--out", out.toString(),
                "--resolution", "1");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("Communities: 4"), r.out());
        assertTrue(r.out().contains("1 files skipped"), r.out());
        List<String> nodes = Files.readAllLines(out.resolve("graph_nodes.csv"));
        assertEquals("id,viewers,viewer_count,game,title,community,label", nodes.get(0));
        assertEquals(41, nodes.size());
        assertEquals("source,target,weight,shared", Files.readAllLines(out.resolve("graph_edges.csv")).get(0));
        assertEquals(5, Files.readAllLines(out.resolve("communities.csv")).size());
        for (String f : List.of("graph.gexf", "graph.graphml", "graph.json", "community_graph.png",
                "community_graph.html")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertFalse(Files.readString(out.resolve("community_graph.html")).contains("viewer_"),
                "no viewer logins in the page");
        JsonNode results = new ObjectMapper().readTree(lake.resolve("processed/analysis_results.json").toFile());
        for (String key : List.of("timestamp", "config", "partition", "labels", "statistics", "algorithm", "seed",
                "weighting", "filters", "data_quality", "communities")) {
            assertTrue(results.has(key), key);
        }
        for (String key : List.of("graph", "detection", "tagging", "aggregator")) {
            assertTrue(results.get("statistics").has(key), key);
        }
        assertEquals(40, results.get("partition").size());
        assertEquals("raw/snapshots/2026/01/05/broken_20260105_100000.json",
                results.get("data_quality").get("skipped").get(0).get("location").asText());
        assertEquals(0, results.get("statistics").get("detection").get("disconnected_communities").asInt());
        // published outputs are channel-level: no viewer login appears in them
        String published = Files.readString(lake.resolve("processed/analysis_results.json"))
                + Files.readString(out.resolve("graph_nodes.csv")) + Files.readString(out.resolve("graph_edges.csv"))
                + Files.readString(out.resolve("communities.csv"));
        java.util.Set<String> channels = new java.util.HashSet<>();
        nodes.stream().skip(1).forEach(line -> channels.add(line.substring(0, line.indexOf(','))));
        int checked = 0;
        try (var files = Files.walk(lake.resolve("raw/snapshots"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json"))
                    .limit(3).toList()) {
                for (JsonNode login : new ObjectMapper().readTree(f.toFile()).path("chatters")) {
                    String name = login.asText();
                    if (!channels.contains(name) && !io.vieweratlas.core.analysis.AnalysisParameters.DEFAULT_BOTS
                            .contains(name)) {
                        assertFalse(published.contains("\"" + name + "\"") || published.contains("," + name + ",")
                                || published.contains("\n" + name + ","), "viewer login " + name + " published");
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 50, "checked " + checked);
    }

    @Test
    void sameInputConfigAndSeedGiveByteIdenticalOutputs() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, run("analyze", "--data", lake.toString(), "--out", a.toString(), "--seed", "7").code());
        byte[] lakeResultA = Files.readAllBytes(lake.resolve("processed/analysis_results.json"));
        assertEquals(0, run("analyze", "--data", lake.toString(), "--out", b.toString(), "--seed", "7",
                "--threads", "1").code());
        for (String f : List.of("graph_nodes.csv", "graph_edges.csv", "communities.csv", "analysis_results.json",
                "graph.gexf", "graph.graphml", "graph.json", "community_graph.png", "community_graph.html")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertArrayEquals(lakeResultA, Files.readAllBytes(lake.resolve("processed/analysis_results.json")));
    }

    @Test
    void configSwitchesTurnGraphExportsOff() throws IOException {
        Path out = dir.resolve("off");
        Path config = dir.resolve("exports-off.yaml");
        Files.writeString(config, "analysis:\n  export_gexf: false\n  export_graphml: false\n  export_json: false\n"
                + "  export_png: false\n  export_html: true\n");
        ValidateConfigCommandTest.Result r = run("analyze", "--config", config.toString(), "--data", lake.toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(Files.exists(out.resolve("community_graph.html")));
        for (String f : List.of("graph.gexf", "graph.graphml", "graph.json", "community_graph.png")) {
            assertFalse(Files.exists(out.resolve(f)), f + " switched off");
        }
    }

    @Test
    void flagsReachTheAnalysis() throws IOException {
        Path out = dir.resolve("j");
        assertEquals(0, run("analyze", "--data", lake.toString(), "--out", out.toString(), "--weighting", "jaccard",
                "--algorithm", "louvain", "--threshold", "2", "--window", "1h").code());
        JsonNode results = new ObjectMapper().readTree(out.resolve("analysis_results.json").toFile());
        assertEquals("jaccard", results.get("weighting").asText());
        assertEquals("louvain", results.get("algorithm").asText());
        assertEquals(2, results.get("config").get("overlap_threshold").asInt());
        // the synthetic lake's two snapshots per channel are an hour apart: a one-hour window keeps one each
        assertEquals(40, results.get("statistics").get("aggregator").get("snapshots").asInt());
    }

    @Test
    void badWindowIsAUsageError() {
        ValidateConfigCommandTest.Result r = run("analyze", "--data", lake.toString(), "--window", "soon");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--window 'soon'"), r.err());
        assertEquals(2, run("analyze", "--data", lake.toString(), "--window", "1d", "--since", "2026-01-01").code());
        assertEquals(2, run("analyze", "--data", lake.toString(), "--weighting", "cosine").code());
        assertEquals(Duration.ofDays(14), AnalyzeCommand.parseDuration("14d"));
        assertEquals(Duration.ofHours(6), AnalyzeCommand.parseDuration("PT6H"));
    }
}
