package io.vieweratlas.core.port.in;

import io.vieweratlas.core.analysis.stability.Calibration;
import io.vieweratlas.core.analysis.stability.StabilityReport;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.LoadReport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an analysis produced: the result (the newest window's, with rolling windows), what was read,
 * the over-time results, how long each stage took and what was written.
 *
 * @param result      the result; empty only when rolling windows found no data to lay a window in
 * @param load        what was read and skipped (for an edge list: the metadata snapshots)
 * @param calibration the calibration sweep, when one was asked for
 * @param stability   the stability assessment, when one was asked for
 * @param timeline    the community timeline, with rolling windows
 * @param windows     how many rolling windows were analysed (1 without rolling windows)
 * @param metadataChannels with an edge list: channels whose metadata came from snapshots
 * @param stageMillis milliseconds per stage, in order (not part of the deterministic result)
 * @param written     the files and lake keys written, in order
 */
public record AnalysisReport(Optional<AnalysisResult> result, LoadReport load,
                             Optional<Calibration.Result> calibration, Optional<StabilityReport> stability,
                             Optional<Timeline> timeline, int windows, int metadataChannels,
                             Map<String, Double> stageMillis, List<String> written) {

    public AnalysisReport {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(stability, "stability");
        Objects.requireNonNull(timeline, "timeline");
        stageMillis = Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis));
        written = List.copyOf(written);
    }
}
