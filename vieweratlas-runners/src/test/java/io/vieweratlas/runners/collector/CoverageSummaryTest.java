package io.vieweratlas.runners.collector;

import io.vieweratlas.twitch.collector.CollectionReport;
import io.vieweratlas.twitch.irc.JoinRefusal;
import io.vieweratlas.twitch.irc.RefusalReason;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoverageSummaryTest {
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void namesTheFirstTwentyRefusedChannelsWithTheirReasonAndCountsTheRest() {
        List<JoinRefusal> refused = new ArrayList<>();
        refused.add(new JoinRefusal("banned_one", RefusalReason.SUSPENDED, true, T));
        for (int i = 0; i < 24; i++) {
            refused.add(new JoinRefusal(String.format("ch%02d", i), RefusalReason.CHANNEL_CAP, false, T));
        }
        CollectionReport report = new CollectionReport(T, T.plusSeconds(60), CollectionReport.StopReason.STOPPED, 1,
                10, 0, 0, 0, Optional.empty(), refused, 0);
        StringWriter out = new StringWriter();
        CoverageSummary.print(report, new PrintWriter(out));
        List<String> lines = out.toString().lines().toList();
        assertEquals("full coverage: not reached", lines.get(0));
        assertEquals("25 channels not joined:", lines.get(1));
        assertEquals("  banned_one: suspended (msg_channel_suspended), retried at the next discovery", lines.get(2));
        assertEquals("  ch00: channel cap (not asked: over max_channels_per_login), joined when a channel slot frees",
                lines.get(3));
        assertEquals(2 + CoverageSummary.NAMED + 1, lines.size());
        assertEquals("  ... and 5 more", lines.get(lines.size() - 1));
    }

    @Test
    void reportsTheTimeToFullCoverageAndTheSpill() {
        CollectionReport report = new CollectionReport(T, T.plusSeconds(60), CollectionReport.StopReason.STOPPED, 1,
                10, 0, 0, 3, Optional.of(Duration.ofMillis(42_500)), List.of(), 3);
        StringWriter out = new StringWriter();
        CoverageSummary.print(report, new PrintWriter(out));
        assertTrue(out.toString().startsWith("full coverage: every wanted channel Twitch allows joined 42.5 s after "
                + "the start\n"), out.toString());
        assertTrue(out.toString().contains("3 snapshots not stored yet: held in the local spill"), out.toString());
    }
}
