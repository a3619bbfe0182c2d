package io.vieweratlas.core.port.in;

import java.io.IOException;

/**
 * Runs one analysis: presence (or an edge list counted elsewhere) → aggregate → filter → overlap
 * graph → communities → labels → statistics, with the over-time steps the request asks for, and
 * writes the outputs it names.
 */
@FunctionalInterface
public interface AnalyzeUseCase {

    /**
     * Runs the analysis described by {@code request}.
     *
     * @param request  what to analyse, how, and which outputs to write
     * @param listener told of progress (stages, windows, calibration, stability) as it happens
     * @return the result and what was written
     * @throws IOException              when an output could not be written
     * @throws IllegalArgumentException when the input does not fit the parameters (e.g. an edge list
     *                                  lacking what the weighting needs), with a message saying what
     */
    AnalysisReport analyze(AnalysisRequest request, AnalysisListener listener) throws IOException;

    /**
     * Runs the analysis without listening to its progress.
     *
     * @param request what to analyse, how, and which outputs to write
     * @return the result and what was written
     * @throws IOException when an output could not be written
     */
    default AnalysisReport analyze(AnalysisRequest request) throws IOException {
        return analyze(request, AnalysisListener.NONE);
    }
}
