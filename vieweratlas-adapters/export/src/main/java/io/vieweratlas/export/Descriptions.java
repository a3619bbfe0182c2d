package io.vieweratlas.export;

import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.AnalysisStatistics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** One-line descriptions of a result (window, parameters, counts) for titles and file metadata. */
final class Descriptions {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Descriptions() {
    }

    /** The data window, e.g. {@code 2026-01-01 00:00 UTC – 2026-01-15 00:00 UTC}. */
    static String window(AnalysisResult r) {
        AnalysisStatistics.Aggregation a = r.statistics().aggregator();
        Optional<Instant> end = a.until().or(a::newestData);
        if (a.since().isEmpty()) {
            return end.map(t -> "all data up to " + TIME.format(t)).orElse("all data");
        }
        return TIME.format(a.since().get()) + " \u2013 " + end.map(TIME::format).orElse("end");
    }

    /** Parameters: algorithm, resolution, weighting, threshold, seed. */
    static String parameters(AnalysisResult r) {
        AnalysisStatistics.Detection d = r.statistics().detection();
        Object weighting = r.config().getOrDefault("analysis.weighting", r.config().getOrDefault("weighting", "?"));
        Object threshold = r.config().getOrDefault("analysis.overlap_threshold",
                r.config().getOrDefault("overlap_threshold", "?"));
        return String.format(Locale.ROOT, "%s, resolution %s, weighting %s, threshold %s, seed %d", d.algorithm(),
                Text.num(d.resolution()), weighting, threshold, d.seed());
    }

    /** Counts: channels, edges, communities, modularity. */
    static String counts(AnalysisResult r) {
        return String.format(Locale.ROOT, "%,d channels, %,d edges, %d communities, modularity %.3f",
                r.nodes().size(), r.edges().size(), r.communities().size(),
                r.statistics().detection().modularity());
    }

    static String summary(AnalysisResult r) {
        return "ViewerAtlas channel graph; window " + window(r) + "; " + parameters(r) + "; " + counts(r);
    }
}
