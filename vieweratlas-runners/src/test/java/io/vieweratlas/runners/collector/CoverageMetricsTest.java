package io.vieweratlas.runners.collector;

import io.vieweratlas.runners.metrics.Metric;
import io.vieweratlas.twitch.collector.WindowCoverage;
import io.vieweratlas.twitch.collector.WindowReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CoverageMetricsTest {
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    private static Map<String, Long> metrics(WindowCoverage coverage, double alarmShare) {
        WindowReport report = new WindowReport(1, T, T.plusSeconds(3600), false, new TreeSet<>(), 0, 0, 0, 0, 0,
                List.of(), coverage, 2, 0);
        return CoverageMetrics.of(report, alarmShare, List.of(Metric.count("Messages", 5))).stream()
                .collect(Collectors.toMap(Metric::name, Metric::value));
    }

    @Test
    void aUserLoginAtItsCapIsBelowTheTarget() {
        WindowCoverage capped = new WindowCoverage(150, 100, 50, new TreeMap<>(Map.of("channel_cap", 50)), 1_000, 900);
        Map<String, Long> m = metrics(capped, 0.95);
        assertEquals(150, m.get("ChannelsWanted"));
        assertEquals(100, m.get("ChannelsJoined"));
        assertEquals(50, m.get("ChannelsRefused"));
        assertEquals(50, m.get("ChannelsWaitingForSlot"));
        assertEquals(67, m.get("ChannelCoveragePercent"));
        assertEquals(90, m.get("ViewerCoveragePercent"));
        assertEquals(1, m.get("CoverageBelowTarget"));
        assertEquals(2, m.get("SnapshotsSpilled"));
        assertEquals(5, m.get("Messages"));
    }

    @Test
    void oneSuspendedChannelOfManyIsWithinTheTargetAndTheShareIsConfigurable() {
        WindowCoverage oneRefused = new WindowCoverage(100, 99, 0, new TreeMap<>(Map.of("suspended", 1)), 1_000, 990);
        assertEquals(0, metrics(oneRefused, 0.95).get("CoverageBelowTarget"));
        assertEquals(1, metrics(oneRefused, 0.995).get("CoverageBelowTarget"));
    }
}
