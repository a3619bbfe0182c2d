package io.vieweratlas.export;

import io.vieweratlas.core.analysis.timeline.CommunityTracker;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.analysis.timeline.WindowPartition;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.core.port.in.GraphExports;
import io.vieweratlas.core.port.out.AnalysisOutputSession;
import io.vieweratlas.export.layout.GraphLayout;
import io.vieweratlas.export.layout.LayoutOptions;
import io.vieweratlas.export.layout.Position;
import io.vieweratlas.export.layout.SeriesLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesExplorerTest {

    /** The timeline of {@link Fixtures#seriesWindow} windows 0..3, tracked as the analysis service does. */
    static Timeline timeline() {
        List<WindowPartition> partitions = new ArrayList<>();
        for (int k = 0; k < Fixtures.SERIES_ENDS.size(); k++) {
            var end = Fixtures.SERIES_ENDS.get(k);
            partitions.add(WindowPartition.of(end.minus(Duration.ofDays(1)), end, Fixtures.seriesWindow(k)));
        }
        return CommunityTracker.track(partitions, CommunityTracker.DEFAULT_JACCARD);
    }

    /** Writes the series into {@code dir} through the output writer, as {@code analyze --window --step} does. */
    static void writeSeries(Path dir, GraphExports exports) throws Exception {
        AnalysisRequest.Outputs outputs = new AnalysisRequest.Outputs(Optional.of(dir), false, exports);
        try (AnalysisOutputSession session = new AnalysisOutputWriter((doc, bytes) -> { }).open(outputs, 42)) {
            for (int k = 0; k < Fixtures.SERIES_ENDS.size(); k++) {
                session.writeWindow(Fixtures.SERIES_ENDS.get(k), Fixtures.seriesWindow(k));
            }
            session.writeTimeline(timeline());
        }
    }

    static GraphExports htmlOnly() {
        return new GraphExports(false, false, false, false, true, 1000, 0);
    }

    @Test
    void sameWindowsGiveTheSameBytes(@TempDir Path a, @TempDir Path b) throws Exception {
        writeSeries(a, htmlOnly());
        writeSeries(b, htmlOnly());
        byte[] first = Files.readAllBytes(a.resolve(SeriesExplorer.FILE_NAME));
        assertArrayEquals(first, Files.readAllBytes(b.resolve(SeriesExplorer.FILE_NAME)));
        assertTrue(Files.isRegularFile(a.resolve("windows").resolve("20260105T000000Z").resolve("graph_edges.csv")));
    }

    @Test
    void thePageLoadsNothingFromTheNetworkAndNoTitleClosesItsScript(@TempDir Path dir) throws Exception {
        writeSeries(dir, htmlOnly());
        String page = Files.readString(dir.resolve(SeriesExplorer.FILE_NAME), StandardCharsets.UTF_8);
        for (String forbidden : List.of("<script src", "<link", "<img", "fetch(", "XMLHttpRequest", "@import", "url(",
                "</script><script>alert")) {
            assertFalse(page.contains(forbidden), "page contains " + forbidden);
        }
        // The only address is the SVG namespace, which names and does not fetch.
        assertTrue(page.replace("http://www.w3.org/2000/svg", "").indexOf("http") < 0, "no other address");
    }

    @Test
    void withoutTheHtmlExportNoSeriesPageIsWritten(@TempDir Path dir) throws Exception {
        writeSeries(dir, new GraphExports(false, false, true, false, false, 1000, 0));
        assertFalse(Files.exists(dir.resolve(SeriesExplorer.FILE_NAME)));
        assertTrue(Files.exists(dir.resolve("timeline.json")));
    }

    @Test
    void windowsMustComeOldestFirst() {
        SeriesExplorer explorer = new SeriesExplorer(LayoutOptions.defaults(1));
        explorer.add(Fixtures.SERIES_ENDS.get(1), Fixtures.seriesWindow(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> explorer.add(Fixtures.SERIES_ENDS.get(0), Fixtures.seriesWindow(0)));
        assertTrue(e.getMessage().contains("oldest first"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new SeriesExplorer(LayoutOptions.defaults(1)).html(timeline()));
    }

    @Test
    void aChannelWhoseEdgesDidNotChangeStaysWhereItWas() {
        SeriesLayout layout = new SeriesLayout(LayoutOptions.defaults(42), SeriesExplorer.FOLLOW_ITERATIONS);
        AnalysisResult same = Fixtures.seriesWindow(0);
        GraphLayout first = layout.next(same);
        GraphLayout second = layout.next(Fixtures.seriesWindow(1));
        GraphLayout changed = layout.next(Fixtures.seriesWindow(2));
        double[] still = moves(first, second);
        double[] moved = moves(second, changed);
        // Same graph: the map barely moves (median under 3 % of the map's r.m.s. radius of 420; 8 units
        // measured); a redrawn graph moves channels several times as far (52 measured).
        assertTrue(median(still) < 12, "median move with unchanged edges " + median(still));
        assertTrue(median(moved) > 4 * median(still), "median moves " + median(still) + " vs " + median(moved));
    }

    private static double[] moves(GraphLayout a, GraphLayout b) {
        List<Double> d = new ArrayList<>();
        a.positions().forEach((id, p) -> b.position(id).ifPresent(q -> d.add(Math.hypot(p.x() - q.x(), p.y() - q.y()))));
        return d.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
