package io.vieweratlas.core.analysis;

import io.vieweratlas.core.model.AnalysisResult;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An analysis result together with how long each stage took (not part of the result, which is
 * deterministic).
 *
 * @param result      the result
 * @param stageMillis milliseconds per stage, in pipeline order
 */
public record AnalysisRun(AnalysisResult result, Map<String, Double> stageMillis) {
    public AnalysisRun {
        Objects.requireNonNull(result, "result");
        stageMillis = Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis));
    }
}
