package io.vieweratlas.core.port.out;

import io.vieweratlas.core.analysis.stability.Calibration;
import io.vieweratlas.core.analysis.stability.StabilityReport;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.GraphEdge;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outputs of one analysis, written as its parts become ready. Each write is atomic (a reader
 * never sees half a file or object) and a repeated write of the same content changes nothing.
 */
public interface AnalysisOutputSession extends AutoCloseable {

    /** Writes nothing. */
    AnalysisOutputSession NONE = new AnalysisOutputSession() {
        @Override
        public List<String> writeResult(AnalysisResult result, Optional<StabilityReport> stability) {
            return List.of();
        }

        @Override
        public void writeWindow(Instant end, AnalysisResult result) {
        }

        @Override
        public void writeTimeline(Timeline timeline) {
        }

        @Override
        public void writeCalibration(Calibration.Result calibration) {
        }

        @Override
        public void writeStability(AnalysisResult result, StabilityReport report) {
        }
    };

    /**
     * The edges of the result-to-be, as soon as they exist (called on another core while
     * communities are detected), so that files needing only the edges can be started early.
     * Best effort: a failure here must not fail the analysis; {@link #writeResult} writes what
     * was not written.
     *
     * @param edges the edge list the result will hold
     */
    default void edgesReady(List<GraphEdge> edges) {
    }

    /**
     * Writes the result: the results document and CSV files, and the graph exports wanted
     * (flagging low-confidence channels when {@code stability} is given).
     *
     * @param result    the result
     * @param stability the stability assessment of this result, if one was made
     * @return the files and keys written, in order
     * @throws IOException when an output could not be written
     */
    List<String> writeResult(AnalysisResult result, Optional<StabilityReport> stability) throws IOException;

    /**
     * Writes one rolling window's result (results document and CSV files).
     *
     * @param end    the window's end
     * @param result its result
     * @throws IOException when an output could not be written
     */
    void writeWindow(Instant end, AnalysisResult result) throws IOException;

    /**
     * Writes the community timeline (JSON and CSV).
     *
     * @param timeline the timeline
     * @throws IOException when an output could not be written
     */
    void writeTimeline(Timeline timeline) throws IOException;

    /**
     * Writes the calibration table (CSV and JSON).
     *
     * @param calibration the sweep
     * @throws IOException when an output could not be written
     */
    void writeCalibration(Calibration.Result calibration) throws IOException;

    /**
     * Writes the stability report and the per-channel confidence.
     *
     * @param result the result assessed
     * @param report the assessment
     * @throws IOException when an output could not be written
     */
    void writeStability(AnalysisResult result, StabilityReport report) throws IOException;

    /** Removes what was started early and not used; writes nothing. */
    @Override
    default void close() {
    }
}
