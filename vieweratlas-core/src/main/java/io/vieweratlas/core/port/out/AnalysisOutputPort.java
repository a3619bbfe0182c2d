package io.vieweratlas.core.port.out;

import io.vieweratlas.core.port.in.AnalysisRequest;

/**
 * Where an analysis writes what it produced: the results document, the CSV files, the over-time
 * files and the graph exports, into the lake and a local directory as the request asks. One
 * {@link AnalysisOutputSession} per analysis.
 */
@FunctionalInterface
public interface AnalysisOutputPort {

    /** Writes nothing. */
    AnalysisOutputPort NONE = (outputs, layoutSeed) -> AnalysisOutputSession.NONE;

    /**
     * Opens the outputs of one analysis.
     *
     * @param outputs    the outputs wanted
     * @param layoutSeed seed of the graph layout (the analysis seed, so pictures are reproducible)
     * @return a session to write through, closed when the analysis ends
     */
    AnalysisOutputSession open(AnalysisRequest.Outputs outputs, long layoutSeed);
}
