package io.vieweratlas.export;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The streamed results document has the bytes databind gives for the same tree. */
class ResultsJsonTest {

    @Test
    void streamingMatchesDatabind() throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("timestamp", "2026-01-05T02:29:59Z");
        doc.put("text", "quotes \" backslash \\ tab \t newline \n unicode é 日本 🎮 control \u0001");
        doc.put("int", 42);
        doc.put("negative", -7);
        doc.put("long", 14_336_437_000L);
        doc.put("doubles", Arrays.asList(0.0, -0.0, 1.0, 0.1, 1.0 / 3, 29.331966196076934, 1e-300, 1e21, 5705.0,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        doc.put("null", null);
        doc.put("flag", true);
        doc.put("empty_map", new TreeMap<>());
        doc.put("empty_list", List.of());
        doc.put("single", List.of("only"));
        Map<String, Object> nested = new TreeMap<>();
        nested.put("b", Map.of("x", 1));
        nested.put("a", List.of(Map.of(), List.of(1, 2), "s"));
        doc.put("nested", nested);
        // not in the usual types: databind writes them (non-string keys, floats, instants, arrays)
        Map<Integer, String> numericKeys = new TreeMap<>();
        numericKeys.put(3, "three");
        numericKeys.put(10, "ten");
        doc.put("numeric_keys", numericKeys);
        doc.put("float", 1.5f);
        doc.put("big", new java.math.BigDecimal("12345678901234567890.5"));
        doc.put("strings", new String[] {"a", "b"});
        List<Object> partition = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            partition.add(Map.of("channel_" + i, i % 60));
        }
        doc.put("partition", partition);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        ResultsJson.writeTree(doc, streamed);
        assertArrayEquals(ResultsJson.databind(doc), streamed.toByteArray());
    }

    @Test
    void carriesTheOriginalsStatisticsNamesInTheirGroupsAndAtTheTop() throws IOException {
        io.vieweratlas.core.model.AnalysisResult base = Fixtures.result(List.of(), List.of(), List.of());
        io.vieweratlas.core.model.AnalysisStatistics s = base.statistics();
        io.vieweratlas.core.model.AnalysisStatistics.Aggregation a = s.aggregator();
        TreeMap<String, Long> sources = new TreeMap<>(Map.of("live", 20L, "vod", 4L));
        io.vieweratlas.core.model.AnalysisStatistics stats = new io.vieweratlas.core.model.AnalysisStatistics(
                new io.vieweratlas.core.model.AnalysisStatistics.Graph(7, 5, 0.2, 2, 1, s.graph().degree(),
                        s.graph().weight(), s.graph().shared(), "all", 0),
                s.detection(), s.tagging(),
                new io.vieweratlas.core.model.AnalysisStatistics.Aggregation(a.snapshots(), a.channels(), a.viewers(),
                        a.memberships(), a.since(), a.until(), a.newestData(), sources, List.of(
                        new io.vieweratlas.core.model.AnalysisStatistics.ChannelViewers("big", 900),
                        new io.vieweratlas.core.model.AnalysisStatistics.ChannelViewers("small", 12))),
                s.filters());
        io.vieweratlas.core.model.AnalysisResult r = new io.vieweratlas.core.model.AnalysisResult(base.timestamp(),
                base.config(), base.nodes(), base.edges(), base.communities(), stats, base.dataQuality());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ResultsJson().write(r, out);
        com.fasterxml.jackson.databind.JsonNode st = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toByteArray()).get("statistics");
        // where the original wrote them (main.py _step_save_results, graph_builder, data_aggregator)
        org.junit.jupiter.api.Assertions.assertEquals(7, st.at("/graph/num_nodes").asInt());
        org.junit.jupiter.api.Assertions.assertEquals(5, st.at("/graph/num_edges").asInt());
        org.junit.jupiter.api.Assertions.assertEquals(1, st.at("/graph/num_isolated_nodes").asInt());
        org.junit.jupiter.api.Assertions.assertEquals(s.detection().communities(),
                st.at("/detection/num_communities").asInt());
        org.junit.jupiter.api.Assertions.assertEquals("[[\"big\",900],[\"small\",12]]",
                st.at("/aggregator/top_channels_by_viewers").toString());
        org.junit.jupiter.api.Assertions.assertEquals("{\"live\":20,\"vod\":4}",
                st.at("/aggregator/snapshot_sources").toString());
        // and at the top of statistics, as the readers name them
        org.junit.jupiter.api.Assertions.assertEquals(7, st.get("num_nodes").asInt());
        org.junit.jupiter.api.Assertions.assertEquals(5, st.get("num_edges").asInt());
        org.junit.jupiter.api.Assertions.assertEquals(1, st.get("num_isolated_nodes").asInt());
        org.junit.jupiter.api.Assertions.assertEquals(s.detection().communities(), st.get("num_communities").asInt());
        org.junit.jupiter.api.Assertions.assertEquals(7, st.get("num_channels").asInt());
        org.junit.jupiter.api.Assertions.assertEquals("[[\"big\",900],[\"small\",12]]",
                st.get("top_channels_by_viewers").toString());
        org.junit.jupiter.api.Assertions.assertEquals("{\"live\":20,\"vod\":4}", st.get("snapshot_sources").toString());
        // ours stay
        org.junit.jupiter.api.Assertions.assertEquals(7, st.at("/graph/nodes").asInt());
    }
}
