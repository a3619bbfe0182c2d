package io.vieweratlas.runners.collector;

import io.vieweratlas.twitch.collector.CollectionReport;
import io.vieweratlas.twitch.irc.JoinRefusal;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The end-of-run lines about coverage: time to full coverage, refused channels (first 20) and why, the spill. */
final class CoverageSummary {
    /** Refused channels named one by one; the rest are counted. */
    static final int NAMED = 20;

    private CoverageSummary() {
    }

    static void print(CollectionReport report, PrintWriter out) {
        report.timeToFullCoverage().ifPresentOrElse(
                d -> out.printf(Locale.ROOT, "full coverage: every wanted channel Twitch allows joined %.1f s after the start%n",
                        d.toMillis() / 1000.0),
                () -> out.println("full coverage: not reached"));
        List<JoinRefusal> refused = report.refused();
        if (!refused.isEmpty()) {
            out.printf(Locale.ROOT, "%d channels not joined:%n", refused.size());
            refused.stream().limit(NAMED).forEach(r -> out.printf(Locale.ROOT, "  %s: %s%n", r.channel(),
                    r.describe()));
            if (refused.size() > NAMED) {
                out.printf(Locale.ROOT, "  ... and %d more%n", refused.size() - NAMED);
            }
        }
        if (report.spilled() > 0) {
            out.printf(Locale.ROOT, "%d snapshots not stored yet: held in the local spill, written by the next run%n",
                    report.spilled());
        }
    }
}
