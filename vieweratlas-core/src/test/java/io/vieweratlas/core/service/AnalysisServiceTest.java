package io.vieweratlas.core.service;

import io.vieweratlas.core.PresenceSources;
import io.vieweratlas.core.ViewerAtlas;
import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.edges.EdgeList;
import io.vieweratlas.core.analysis.edges.EdgeRows;
import io.vieweratlas.core.analysis.stability.Calibration;
import io.vieweratlas.core.analysis.stability.StabilityReport;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;
import io.vieweratlas.core.port.in.AnalysisListener;
import io.vieweratlas.core.port.in.AnalysisReport;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.core.port.in.GraphExports;
import io.vieweratlas.core.port.out.AnalysisOutputPort;
import io.vieweratlas.core.port.out.AnalysisOutputSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analysis use case through its ports: what it writes, in which order, and what it refuses. */
class AnalysisServiceTest {

    private static final Instant DAY0 = Instant.parse("2026-03-01T12:00:00Z");

    /** Three planted groups of five channels, one snapshot per channel per day for three days. */
    private static PresenceSource lake() {
        PresenceSources.RowsBuilder rows = PresenceSources.rows();
        for (int day = 0; day < 3; day++) {
            Instant at = DAY0.plus(Duration.ofDays(day));
            for (int g = 0; g < 3; g++) {
                for (int c = 0; c < 5; c++) {
                    for (int v = 0; v < 40; v++) {
                        if ((v + c) % 3 != 0) {
                            rows.add("g" + g + "c" + c, "g" + g + "v" + v, at);
                        }
                    }
                }
            }
        }
        return rows.build();
    }

    /** Records every call the service makes on its output session. */
    private static final class Recording implements AnalysisOutputPort {
        final List<String> calls = new ArrayList<>();
        AnalysisRequest.Outputs opened;

        @Override
        public AnalysisOutputSession open(AnalysisRequest.Outputs outputs, long layoutSeed) {
            opened = outputs;
            calls.add("open seed " + layoutSeed);
            return new AnalysisOutputSession() {
                @Override
                public void edgesReady(List<GraphEdge> edges) {
                    synchronized (calls) {
                        calls.add("edges " + edges.size());
                    }
                }

                @Override
                public List<String> writeResult(AnalysisResult result, Optional<StabilityReport> stability) {
                    calls.add("result " + result.nodes().size() + (stability.isPresent() ? " with stability" : ""));
                    return List.of("results");
                }

                @Override
                public void writeWindow(Instant end, AnalysisResult result) {
                    calls.add("window " + end);
                }

                @Override
                public void writeTimeline(Timeline timeline) {
                    calls.add("timeline");
                }

                @Override
                public void writeCalibration(Calibration.Result calibration) {
                    calls.add("calibration " + calibration.rows().size());
                }

                @Override
                public void writeStability(AnalysisResult result, StabilityReport report) {
                    calls.add("stability " + report.runs());
                }

                @Override
                public void close() {
                    calls.add("close");
                }
            };
        }
    }

    @Test
    void aSingleAnalysisWritesItsResultAndHandsTheEdgesOverEarly() throws Exception {
        Recording port = new Recording();
        AnalysisRequest.Outputs outputs = new AnalysisRequest.Outputs(Optional.of(Path.of("out")), true,
                GraphExports.NONE);
        AnalysisReport report = new AnalysisService(port, false).analyze(
                AnalysisRequest.builder(new AnalysisRequest.Presence(lake())).outputs(outputs).build());
        AnalysisResult result = report.result().orElseThrow();
        assertEquals(15, result.nodes().size());
        assertEquals(3, result.communities().size());
        assertEquals(outputs, port.opened);
        assertEquals(List.of("open seed 42", "edges " + result.edges().size(), "result 15", "close"), port.calls);
        assertEquals(List.of("results"), report.written());
        assertEquals(45, report.load().loaded());
        assertEquals(List.of("load", "aggregate", "filter", "graph", "communities", "labels_and_statistics", "write"),
                List.copyOf(report.stageMillis().keySet()));
    }

    @Test
    void overTimeStepsWriteAsTheyFinishThenTheResult() throws Exception {
        Recording port = new Recording();
        List<String> heard = new ArrayList<>();
        AnalysisRequest request = AnalysisRequest.builder(new AnalysisRequest.Presence(lake()))
                .rolling(new AnalysisRequest.Rolling(Duration.ofDays(1), Duration.ofDays(1), Optional.empty(),
                        Optional.empty(), 0.2))
                .calibration(new AnalysisRequest.CalibrationPlan(List.of(1, 5), List.of(1.0), 2))
                .stability(new AnalysisRequest.StabilityPlan(3, 0.5))
                .build();
        AnalysisReport report = new AnalysisService(port, false).analyze(request, new AnalysisListener() {
            @Override
            public void windowAnalysed(TimeRange window, AnalysisResult result) {
                heard.add("window");
            }

            @Override
            public void timelineTracked(Timeline timeline, int windows) {
                heard.add("timeline " + windows);
            }
        });
        // three days of data, one-day windows ending a day apart at the newest snapshot: two fit in the data
        assertEquals(2, report.windows());
        assertTrue(report.timeline().isPresent() && report.calibration().isPresent()
                && report.stability().isPresent());
        assertEquals(List.of("window", "window", "timeline 2"), heard);
        List<String> calls = port.calls;
        assertEquals("open seed 42", calls.get(0));
        assertEquals("calibration 2", calls.get(1));
        assertEquals(2, calls.stream().filter(c -> c.startsWith("window ")).count());
        assertEquals(List.of("timeline", "stability 3", "result 15 with stability", "close"),
                calls.subList(calls.size() - 4, calls.size()));
    }

    @Test
    void rollingWindowsOverNoDataReturnNoResultAndWriteNothing() throws Exception {
        Recording port = new Recording();
        AnalysisReport report = new AnalysisService(port, false).analyze(AnalysisRequest.builder(
                        new AnalysisRequest.Presence(PresenceSources.rows().build()))
                .rolling(new AnalysisRequest.Rolling(Duration.ofDays(1), Duration.ofDays(1), Optional.empty(),
                        Optional.empty(), 0.2)).build());
        assertTrue(report.result().isEmpty());
        assertEquals(0, report.windows());
        assertEquals(List.of("open seed 42", "close"), port.calls);
    }

    @Test
    void theFacadeGivesWhatTheServiceGives() throws Exception {
        AnalysisParameters params = AnalysisParameters.builder().overlapThreshold(2).seed(7).build();
        AnalysisResult viaService = AnalysisService.withoutOutputs().analyze(AnalysisRequest.builder(
                new AnalysisRequest.Presence(lake())).parameters(params).build()).result().orElseThrow();
        AnalysisResult viaFacade = ViewerAtlas.analysis().source(lake()).parameters(params).run();
        assertEquals(viaService, viaFacade);
    }

    @Test
    void requestsThatCannotBeAnalysedAreRefusedWithTheReason() {
        EdgeRows rows = new EdgeRows("edges.csv", true);
        rows.add(2, "a", "b", 5, 10, 10);
        EdgeList edges = rows.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnalysisRequest.builder(
                        new AnalysisRequest.Edges(edges, OptionalInt.empty(), Optional.empty()))
                .stability(new AnalysisRequest.StabilityPlan(3, 0.5)).build());
        assertTrue(e.getMessage().contains("edge-list analysis takes no window"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AnalysisRequest.builder(
                        new AnalysisRequest.Presence(lake())).window(AnalysisWindow.last(Duration.ofDays(1)))
                .rolling(new AnalysisRequest.Rolling(Duration.ofDays(1), Duration.ofDays(1), Optional.empty(),
                        Optional.empty(), 0.2)).build());
        assertTrue(e.getMessage().contains("rolling windows are laid in a fixed range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new AnalysisRequest.Rolling(Duration.ZERO, Duration.ofDays(1), Optional.empty(),
                        Optional.empty(), 0.2));
        assertTrue(e.getMessage().contains("window length must be positive"), e.getMessage());
    }
}
