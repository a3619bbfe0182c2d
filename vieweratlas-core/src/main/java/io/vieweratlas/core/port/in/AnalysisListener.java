package io.vieweratlas.core.port.in;

import io.vieweratlas.core.analysis.stability.Calibration;
import io.vieweratlas.core.analysis.stability.StabilityReport;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.TimeRange;

/**
 * Hears of an analysis as it goes, so a caller can show progress (the command line prints each
 * rolling window as it is done). Every method has an empty default; calls come from the thread
 * running the analysis.
 */
public interface AnalysisListener {

    /** Listens to nothing. */
    AnalysisListener NONE = new AnalysisListener() {
    };

    /**
     * A stage starts.
     *
     * @param description what the stage does, e.g. {@code "analysing 900 snapshots"}
     */
    default void stage(String description) {
    }

    /**
     * The calibration sweep is done.
     *
     * @param result the settings tried and the one chosen
     * @param runs   seeds per setting
     * @param millis how long the sweep took
     */
    default void calibrated(Calibration.Result result, int runs, double millis) {
    }

    /**
     * One rolling window is analysed and its outputs written.
     *
     * @param window the window's time range
     * @param result its result
     */
    default void windowAnalysed(TimeRange window, AnalysisResult result) {
    }

    /**
     * The community timeline over the rolling windows is tracked and written.
     *
     * @param timeline the timeline
     * @param windows  how many windows it covers
     */
    default void timelineTracked(Timeline timeline, int windows) {
    }

    /**
     * Detection was repeated over seeds.
     *
     * @param report agreement between the runs and per-channel confidence
     * @param millis how long it took
     */
    default void stabilityAssessed(StabilityReport report, double millis) {
    }
}
