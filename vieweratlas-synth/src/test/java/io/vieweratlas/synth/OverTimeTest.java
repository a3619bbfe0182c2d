package io.vieweratlas.synth;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.PresenceTable;
import io.vieweratlas.core.analysis.pipeline.AudienceAnalysis;
import io.vieweratlas.core.analysis.stability.Calibration;
import io.vieweratlas.core.analysis.timeline.CommunityTracker;
import io.vieweratlas.core.analysis.timeline.RollingWindows;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.analysis.timeline.WindowPartition;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rolling windows and calibration on a small synthetic lake spanning several days. */
class OverTimeTest {

    private static final Instant START = SyntheticLakeSpec.DEFAULT_START; // 2026-01-05T00:00:00Z

    /** 40 channels in 4 communities, one snapshot per channel every 12 h for 4 days. */
    private static PresenceTable lake() {
        SyntheticLake lake = SyntheticLake.plan(SyntheticLakeSpec.builder().channels(40).communities(4).viewers(3000)
                .snapshotsPerChannel(8).snapshotInterval(Duration.ofHours(12)).bots(false).seed(11).build());
        return PresenceIngest.of(lake.snapshots().toList(), PresencePolicy.INCLUSIVE);
    }

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    @Test
    void windowsAreAnchoredToTheNewestSnapshot() {
        Instant oldest = t("2026-01-05T00:00:00Z");
        Instant newest = t("2026-01-08T12:00:00Z");
        List<TimeRange> w = RollingWindows.plan(oldest, newest, Duration.ofDays(2), Duration.ofDays(1),
                Optional.empty(), Optional.empty());
        assertEquals(List.of(
                TimeRange.between(t("2026-01-05T12:00:01Z"), t("2026-01-07T12:00:01Z")),
                TimeRange.between(t("2026-01-06T12:00:01Z"), t("2026-01-08T12:00:01Z"))), w);
        // from/to bound the windows
        List<TimeRange> bounded = RollingWindows.plan(oldest, newest, Duration.ofDays(1), Duration.ofHours(12),
                Optional.of(t("2026-01-06T00:00:00Z")), Optional.of(t("2026-01-08T00:00:00Z")));
        assertEquals(3, bounded.size());
        assertEquals(TimeRange.between(t("2026-01-06T00:00:00Z"), t("2026-01-07T00:00:00Z")), bounded.get(0));
        assertEquals(t("2026-01-08T00:00:00Z"), bounded.get(2).until().orElseThrow());
        // less data than one window: the newest window only
        assertEquals(1, RollingWindows.plan(oldest, newest, Duration.ofDays(30), Duration.ofDays(1),
                Optional.empty(), Optional.empty()).size());
        assertThrows(IllegalArgumentException.class, () -> RollingWindows.plan(oldest, newest, Duration.ZERO,
                Duration.ofDays(1), Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> RollingWindows.plan(oldest, newest, Duration.ofDays(1),
                Duration.ofDays(1), Optional.of(newest), Optional.of(oldest)));
    }

    @Test
    void rollingWindowsOverOneTableEqualSeparateAnalysesAndKeepStableIds() {
        PresenceTable table = lake();
        // a 40-channel graph of four communities: resolution 1, as the guide advises for graphs this
        // small (at the default 2, modularity splits communities of ten channels in two)
        AnalysisParameters p = AnalysisParameters.builder().overlapThreshold(2).resolution(1.0).build();
        List<TimeRange> windows = RollingWindows.plan(table, Duration.ofDays(2), Duration.ofDays(1), Optional.empty(),
                Optional.empty());
        // snapshot times are jittered within their 12 h slot: the last window ends just after the newest one
        Instant end = table.newest().orElseThrow().plusSeconds(1);
        assertEquals(List.of(end.minus(Duration.ofDays(1)), end),
                windows.stream().map(r -> r.until().orElseThrow()).toList());
        List<RollingWindows.WindowRun> runs = new ArrayList<>();
        List<WindowPartition> parts = RollingWindows.analyse(table, LoadReport.EMPTY, windows, p, runs::add);
        assertEquals(2, parts.size());
        for (RollingWindows.WindowRun r : runs) {
            // reuse changes nothing: the same as analysing the window on its own
            assertEquals(AudienceAnalysis.run(lake(), LoadReport.EMPTY, AnalysisWindow.range(r.range()), p).result(),
                    r.run().result());
            assertEquals(4, r.run().result().communities().size());
            assertTrue(r.run().result().statistics().aggregator().snapshots() < 8 * 40);
        }
        Timeline timeline = CommunityTracker.track(parts, 0.2);
        assertEquals(4, timeline.events().size());
        timeline.events().forEach(e -> assertEquals(Timeline.EventType.CONTINUE, e.type()));
        assertEquals(List.of(), timeline.moves());
    }

    @Test
    void calibrationRecommendsAStableSettingByTheRule() {
        PresenceTable table = lake();
        Calibration.Result r = Calibration.sweep(table, LoadReport.EMPTY, AnalysisWindow.ALL,
                AnalysisParameters.defaults(), List.of(100_000, 2, 1), List.of(1.0, 0.5), 3);
        assertEquals(6, r.rows().size());
        assertEquals(List.of(1, 1, 2, 2, 100_000, 100_000), r.rows().stream().map(Calibration.Row::threshold).toList());
        Calibration.Row none = r.rows().get(4);
        assertEquals(0, none.edges());
        assertEquals(1.0, none.unassignedShare());
        assertTrue(r.ruleMet());
        assertTrue(r.recommended().communities() >= 2);
        assertTrue(r.recommended().unassignedShare() <= 0.1);
        for (Calibration.Row row : r.rows()) {
            if (row.communities() >= 2 && row.unassignedShare() <= 0.1) {
                assertTrue(row.meanAdjustedRand() <= r.recommended().meanAdjustedRand() + 1e-9);
            }
        }
        assertEquals(r.recommended().threshold(), r.apply(AnalysisParameters.defaults()).overlapThreshold());
    }

    @Test
    void ruleBreaksTiesTowardsTheLowerThresholdAndFallsBack() {
        Calibration.Row a = new Calibration.Row(5, 1.0, 10, 20, 3, 0.4, 0.0, 0.9, 0.8, 0.9);
        Calibration.Row b = new Calibration.Row(2, 2.0, 10, 30, 4, 0.3, 0.05, 0.9, 0.8, 0.9);
        Calibration.Row c = new Calibration.Row(2, 1.0, 10, 30, 4, 0.3, 0.05, 0.9, 0.85, 0.9);
        Calibration.Row unstableButAssigned = new Calibration.Row(1, 1.0, 10, 40, 3, 0.2, 0.0, 0.5, 0.3, 0.6);
        Calibration.Row manyUnassigned = new Calibration.Row(9, 1.0, 10, 5, 2, 0.5, 0.5, 1.0, 1.0, 1.0);
        Calibration.Result r = Calibration.recommend(List.of(a, b, c, unstableButAssigned, manyUnassigned), 5);
        assertEquals(c, r.recommended());
        assertTrue(r.ruleMet());
        Calibration.Result none = Calibration.recommend(List.of(manyUnassigned,
                new Calibration.Row(3, 1.0, 10, 0, 0, 0, 1.0, 1.0, 1.0, 1.0)), 5);
        assertFalse(none.ruleMet());
        assertEquals(manyUnassigned, none.recommended());
    }
}
