package io.vieweratlas.runners.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.StreamMetadata;
import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.lake.LakeSnapshotStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static io.vieweratlas.runners.cli.ValidateConfigCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code analyze --window --step}, {@code --stability}, {@code --calibrate} on a lake of four
 * days, and the privacy boundary: no viewer login reaches any published file.
 */
class OverTimeCommandTest {

    /** Every viewer login contains this, so a leak is easy to find. */
    private static final String LOGIN_MARK = "zqprivlogin";
    private static final Instant T0 = Instant.parse("2026-02-02T00:00:00Z");

    @TempDir
    Path dir;
    Path lake;

    /** 24 channels in 3 planted groups; every channel has a snapshot every 6 hours for 4 days. */
    @BeforeEach
    void writeLake() {
        lake = dir.resolve("lake");
        LakeSnapshotStore store = LakeSnapshotStore.on(new FileSystemObjectStore(lake));
        Random r = new Random(4);
        int groups = 3;
        int perGroup = 8;
        for (int slot = 0; slot < 16; slot++) {
            List<List<String>> chatters = new ArrayList<>();
            for (int c = 0; c < groups * perGroup; c++) {
                chatters.add(new ArrayList<>());
            }
            for (int v = 0; v < 600; v++) {
                if (r.nextDouble() < 0.5) {
                    continue;
                }
                int g = v % groups;
                for (int k = 0; k < 3; k++) {
                    chatters.get(g * perGroup + r.nextInt(perGroup)).add(LOGIN_MARK + v);
                }
            }
            for (int c = 0; c < groups * perGroup; c++) {
                String channel = String.format("grp%d_chan%02d", c / perGroup, c);
                store.put(PresenceSnapshot.builder(channel, T0.plusSeconds(6 * 3600L * slot + 60L * c))
                        .stream(new StreamMetadata(100 + c, "Game" + c / perGroup, "en", "stream " + channel,
                                Optional.empty()))
                        .chatters(chatters.get(c).stream().distinct().sorted().toList()).build());
            }
        }
    }

    @Test
    void rollingWindowsWriteEachWindowAndTheTimeline() throws IOException {
        Path out = dir.resolve("out");
        ValidateConfigCommandTest.Result r = run("analyze", "--data", lake.toString(), "--out", out.toString(),
                "--window", "2d", "--step", "1d", "--threshold", "2");
        assertEquals(0, r.code(), r.err() + r.out());
        // data from 02-02T00:00 to 02-05T18:23: windows end 02-05T18:23:01 and one day before
        List<String> windows;
        try (Stream<Path> s = Files.list(lake.resolve("processed/windows"))) {
            windows = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("20260204T182301Z", "20260205T182301Z"), windows);
        for (String w : windows) {
            assertTrue(Files.exists(lake.resolve("processed/windows/" + w + "/analysis_results.json")), w);
            assertTrue(Files.exists(out.resolve("windows/" + w + "/graph_nodes.csv")), w);
        }
        JsonNode timeline = new ObjectMapper().readTree(lake.resolve("processed/timeline.json").toFile());
        assertEquals(2, timeline.get("windows").size());
        assertEquals(0.2, timeline.get("jaccard_threshold").asDouble());
        assertEquals(3, timeline.get("windows").get(1).get("communities").size());
        for (JsonNode e : timeline.get("events")) {
            assertEquals("continue", e.get("type").asText());
        }
        List<String> csv = Files.readAllLines(out.resolve("timeline.csv"));
        assertEquals("window_start,window_end,stable_id,community,label,size,jaccard", csv.get(0));
        assertEquals(7, csv.size());
        // one explorer for the whole series, beside the newest window's single-window explorer
        String series = Files.readString(out.resolve("community_timeline.html"));
        assertTrue(series.contains("\"end\":\"2026-02-04T18:23:01Z\""), "first window in the series page");
        assertTrue(series.contains("\"end\":\"2026-02-05T18:23:01Z\""), "newest window in the series page");
        assertTrue(Files.exists(out.resolve("community_graph.html")));
        // the newest window is also the main result
        JsonNode main = new ObjectMapper().readTree(lake.resolve("processed/analysis_results.json").toFile());
        assertEquals("2026-02-05T18:23:00Z", main.get("timestamp").asText());
        assertTrue(r.out().contains("Timeline: 2 windows"), r.out());
    }

    @Test
    void stabilityReportsAgreementAndConfidenceAndIsReproducible() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        ValidateConfigCommandTest.Result r = run("analyze", "--data", lake.toString(), "--out", a.toString(),
                "--threshold", "2", "--stability", "5");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("Stability over 5 seeds"), r.out());
        JsonNode s = new ObjectMapper().readTree(a.resolve("stability.json").toFile());
        assertEquals(5, s.get("runs").asInt());
        assertEquals(1.0, s.get("adjusted_rand_mean").asDouble(), 1e-9);
        assertEquals(24, s.get("channels").size());
        List<String> csv = Files.readAllLines(a.resolve("channel_confidence.csv"));
        assertEquals("channel,community,label,confidence,low_confidence", csv.get(0));
        assertEquals(25, csv.size());
        assertTrue(csv.get(1).endsWith(",1,false"), csv.get(1));
        assertTrue(Files.exists(lake.resolve("processed/stability.json")));
        assertEquals(0, run("analyze", "--data", lake.toString(), "--out", b.toString(), "--threshold", "2",
                "--stability", "5").code());
        for (String f : List.of("stability.json", "channel_confidence.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertEquals(2, run("analyze", "--data", lake.toString(), "--out", b.toString(), "--stability", "-3").code());
        assertEquals(2, run("analyze", "--data", lake.toString(), "--out", b.toString(), "--step", "1d").code());
    }

    @Test
    void stabilityConfidenceReachesTheGraphExports() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path plain = dir.resolve("plain");
        ValidateConfigCommandTest.Result r = run("analyze", "--data", lake.toString(), "--out", a.toString(),
                "--threshold", "2", "--stability", "5");
        assertEquals(0, r.code(), r.err() + r.out());
        // The first channel of channel_confidence.csv: its confidence and flag appear on its GEXF node.
        String[] row = Files.readAllLines(a.resolve("channel_confidence.csv")).get(1).split(",");
        String channel = row[0];
        Document gexf = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(a.resolve("graph.gexf").toFile());
        Map<String, String> declared = new HashMap<>();
        NodeList attributes = gexf.getElementsByTagName("attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element at = (Element) attributes.item(i);
            declared.put(at.getAttribute("id"), at.getAttribute("type"));
        }
        assertEquals("double", declared.get("confidence"));
        assertEquals("boolean", declared.get("low_confidence"));
        Map<String, String> values = new HashMap<>();
        NodeList nodes = gexf.getElementsByTagName("node");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element n = (Element) nodes.item(i);
            if (n.getAttribute("id").equals(channel)) {
                NodeList av = n.getElementsByTagName("attvalue");
                for (int j = 0; j < av.getLength(); j++) {
                    Element v = (Element) av.item(j);
                    values.put(v.getAttribute("for"), v.getAttribute("value"));
                }
            }
        }
        assertEquals(Double.parseDouble(row[3]), Double.parseDouble(values.get("confidence")), 1e-6, channel);
        assertEquals(row[4], values.get("low_confidence"), channel);
        JsonNode json = new ObjectMapper().readTree(a.resolve("graph.json").toFile());
        assertTrue(json.get("nodes").get(0).has("confidence"), "graph.json carries confidence");
        assertTrue(Files.readString(a.resolve("graph.graphml")).contains("attr.name=\"low_confidence\""));
        assertTrue(Files.readString(a.resolve("community_graph.html")).contains("\"confidenceLevel\""));
        // Reproducible with confidence; and without --stability nothing mentions it.
        assertEquals(0, run("analyze", "--data", lake.toString(), "--out", b.toString(), "--threshold", "2",
                "--stability", "5").code());
        for (String f : List.of("graph.gexf", "graph.graphml", "graph.json", "community_graph.html")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertEquals(0, run("analyze", "--data", lake.toString(), "--out", plain.toString(), "--threshold", "2")
                .code());
        for (String f : List.of("graph.gexf", "graph.graphml", "graph.json", "community_graph.html")) {
            assertFalse(Files.readString(plain.resolve(f)).contains("confidence"), f);
        }
    }

    @Test
    void calibrationWritesTheTableAndAnalysesWithTheChoice() throws IOException {
        Path out = dir.resolve("cal");
        ValidateConfigCommandTest.Result r = run("analyze", "--data", lake.toString(), "--out", out.toString(),
                "--calibrate", "--thresholds", "1,2,1000", "--resolutions", "1,2", "--stability", "3");
        assertEquals(0, r.code(), r.err() + r.out());
        List<String> table = Files.readAllLines(out.resolve("calibration.csv"));
        assertEquals("threshold,resolution,channels,edges,communities,modularity,unassigned_share,ari_mean,ari_min,"
                + "nmi_mean,recommended", table.get(0));
        assertEquals(7, table.size());
        assertEquals(1, table.stream().filter(l -> l.endsWith(",true")).count());
        JsonNode chosen = new ObjectMapper().readTree(out.resolve("calibration.json").toFile()).get("chosen");
        JsonNode results = new ObjectMapper().readTree(out.resolve("analysis_results.json").toFile());
        assertEquals(chosen.get("overlap_threshold").asInt(), results.get("config").get("overlap_threshold").asInt());
        assertEquals(chosen.get("resolution").asDouble(), results.get("config").get("resolution").asDouble());
        assertTrue(chosen.get("overlap_threshold").asInt() < 1000);
        assertTrue(Files.exists(lake.resolve("processed/calibration.csv")));
    }

    /**
     * The privacy boundary: after every kind of analysis, no file outside the raw presence data
     * (exports, HTML, PNG, results, windows, timeline, stability, calibration, run records) holds a
     * viewer login.
     */
    @Test
    void noViewerLoginReachesAnyPublishedFile() throws IOException {
        Path out = dir.resolve("pub");
        assertEquals(0, run("analyze", "--data", lake.toString(), "--out", out.toString(), "--threshold", "2",
                "--stability", "3").code());
        assertEquals(0, run("analyze", "--data", lake.toString(), "--out", out.toString(), "--window", "2d",
                "--step", "1d", "--calibrate", "--thresholds", "2,3", "--resolutions", "1").code());
        List<Path> published = new ArrayList<>();
        try (Stream<Path> s = Stream.concat(Files.walk(out), Files.walk(lake))) {
            s.filter(Files::isRegularFile).filter(p -> !p.startsWith(lake.resolve("raw"))).forEach(published::add);
        }
        List<String> names = published.stream().map(p -> p.getFileName().toString()).toList();
        for (String expected : List.of("graph_nodes.csv", "graph_edges.csv", "communities.csv", "graph.gexf",
                "graph.graphml", "graph.json", "community_graph.html", "community_graph.png",
                "analysis_results.json", "timeline.json", "timeline.csv", "stability.json", "channel_confidence.csv",
                "calibration.csv", "calibration.json", "community_timeline.html")) {
            assertTrue(names.contains(expected), expected + " was not written: " + names);
        }
        byte[] mark = LOGIN_MARK.getBytes(StandardCharsets.UTF_8);
        for (Path p : published) {
            assertFalse(contains(Files.readAllBytes(p), mark), "viewer login in " + p);
        }
        // the check can fail: the raw snapshots do hold the logins
        try (Stream<Path> s = Files.walk(lake.resolve("raw"))) {
            assertTrue(s.filter(Files::isRegularFile).anyMatch(p -> {
                try {
                    return contains(Files.readAllBytes(p), mark);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
