package io.vieweratlas.runners.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CloudWatch Embedded Metric Format lines of {@link MetricsEmitter}. */
class MetricsEmitterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T03:00:00.123Z"), ZoneOffset.UTC);

    @Test
    void writesOneExactEmfLineWithSortedMetricsAndRoleCommandDimensions() {
        List<String> lines = new ArrayList<>();
        MetricsEmitter emitter = new MetricsEmitter("ViewerAtlas", "collector", "continuous", CLOCK, lines::add);
        emitter.emit(List.of(Metric.count("SnapshotsWritten", 42), Metric.count("ChannelsJoined", 7),
                Metric.millis("AnalysisDurationMs", 1500)));
        assertEquals(List.of("{\"_aws\":{\"Timestamp\":1767582000123,\"CloudWatchMetrics\":[{\"Namespace\":\"ViewerAtlas\","
                + "\"Dimensions\":[[\"Role\",\"Command\"]],\"Metrics\":[{\"Name\":\"AnalysisDurationMs\",\"Unit\":\"Milliseconds\"},"
                + "{\"Name\":\"ChannelsJoined\",\"Unit\":\"Count\"},{\"Name\":\"SnapshotsWritten\",\"Unit\":\"Count\"}]}]},"
                + "\"Role\":\"collector\",\"Command\":\"continuous\",\"AnalysisDurationMs\":1500,\"ChannelsJoined\":7,"
                + "\"SnapshotsWritten\":42}"), lines);
    }

    @Test
    void everyDeclaredMetricHasAValueAndEveryDimensionIsAMember() throws Exception {
        MetricsEmitter emitter = new MetricsEmitter("NS", "vod-collector", "vod", CLOCK, s -> { });
        JsonNode line = new ObjectMapper().readTree(emitter.line(List.of(Metric.count("VodQueueDepth", 3))));
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        for (JsonNode dim : directive.get("Dimensions").get(0)) {
            assertTrue(line.get(dim.asText()).isTextual(), dim.asText());
        }
        for (JsonNode m : directive.get("Metrics")) {
            assertTrue(line.get(m.get("Name").asText()).isNumber(), m.toString());
        }
        assertEquals(3, line.get("VodQueueDepth").asLong());
        assertEquals("NS", directive.get("Namespace").asText());
    }

    @Test
    void isOnlyEnabledInContainersOrWhenAskedFor() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertFalse(MetricsEmitter.fromEnvironment(Map.of(), out, CLOCK, "analyze").enabled());
        assertFalse(MetricsEmitter.fromEnvironment(Map.of("LOG_FORMAT", "json", "METRICS_FORMAT", "none"), out, CLOCK,
                "analyze").enabled());
        assertTrue(MetricsEmitter.fromEnvironment(Map.of("METRICS_FORMAT", "emf"), out, CLOCK, "analyze").enabled());

        MetricsEmitter fromEnv = MetricsEmitter.fromEnvironment(Map.of("LOG_FORMAT", "json", "VIEWERATLAS_ROLE", "analysis",
                "METRICS_NAMESPACE", "Test"), out, CLOCK, "analyze");
        fromEnv.emit(List.of(Metric.count("SkippedFiles", 2)));
        fromEnv.emit(List.of());
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, written.lines().count(), written);
        assertTrue(written.endsWith("}" + System.lineSeparator()), written);
        assertTrue(written.contains("\"Namespace\":\"Test\"") && written.contains("\"Role\":\"analysis\"")
                && written.contains("\"Command\":\"analyze\"") && written.contains("\"SkippedFiles\":2"), written);
    }

    @Test
    void disabledEmitterWritesNothingAndBadInputIsRefusedByName() {
        MetricsEmitter.disabled().emit(List.of(Metric.count("Messages", 1)));
        assertFalse(MetricsEmitter.disabled().enabled());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Metric.count("bad name", 1));
        assertTrue(bad.getMessage().contains("'bad name'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metric.count("Role", 1));
        MetricsEmitter emitter = new MetricsEmitter("NS", "r", "c", CLOCK, s -> { });
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> emitter.line(List.of(Metric.count("Messages", 1), Metric.count("Messages", 2))));
        assertTrue(twice.getMessage().contains("'Messages'"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MetricsEmitter(" ", "r", "c", CLOCK, s -> { }));
    }
}
