package io.vieweratlas.runners.collector;

import io.vieweratlas.runners.metrics.Metric;
import io.vieweratlas.twitch.collector.WindowCoverage;
import io.vieweratlas.twitch.collector.WindowReport;

import java.util.ArrayList;
import java.util.List;

/**
 * The coverage metrics of one window, written as EMF after it closes: {@code ChannelsWanted},
 * {@code ChannelsJoined}, {@code ChannelsRefused}, {@code ChannelsWaitingForSlot},
 * {@code ChannelCoveragePercent}, {@code ViewerCoveragePercent} (0-100), {@code SnapshotsSpilled}, and
 * {@code CoverageBelowTarget}: 1 when the joined share of wanted channels is under
 * {@code collection.coverage_alarm_share}, else 0, which the CloudWatch alarm
 * {@code vieweratlas-coverage-low} watches.
 */
public final class CoverageMetrics {

    private CoverageMetrics() {
    }

    /** The coverage metrics of {@code report} followed by {@code others}. */
    public static List<Metric> of(WindowReport report, double alarmShare, List<Metric> others) {
        WindowCoverage c = report.coverage();
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.count("ChannelsWanted", c.wanted()));
        metrics.add(Metric.count("ChannelsJoined", c.joined()));
        metrics.add(Metric.count("ChannelsRefused", c.refused()));
        metrics.add(Metric.count("ChannelsWaitingForSlot", c.waitingForSlot()));
        metrics.add(Metric.count("ChannelCoveragePercent", Math.round(100 * c.channelShare())));
        metrics.add(Metric.count("ViewerCoveragePercent", Math.round(100 * c.viewerShare())));
        metrics.add(Metric.count("CoverageBelowTarget", c.channelShare() < alarmShare ? 1 : 0));
        metrics.add(Metric.count("SnapshotsSpilled", report.spilled()));
        metrics.addAll(others);
        return metrics;
    }
}
