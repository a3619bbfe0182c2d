package io.vieweratlas.core.port.in;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.edges.EdgeList;
import io.vieweratlas.core.port.PresenceSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One analysis, fully described: what to read, which window, the analysis parameters (filters,
 * weighting, algorithm, resolution, seed), the over-time steps, and the outputs wanted. Built with
 * {@link #builder(Input)}; every choice not made keeps its default (all data, the default
 * parameters, no over-time steps, no outputs).
 *
 * @param input       presence to read, or an edge list counted elsewhere
 * @param window      which snapshots to read; with {@code rolling}, the span the windows are laid in
 * @param parameters  the analysis parameters
 * @param rolling     one analysis per rolling window and the community timeline, if wanted
 * @param calibration a sweep of thresholds and resolutions whose recommendation is then used, if wanted
 * @param stability   detection repeated over seeds with per-channel confidence, if wanted
 * @param outputs     where results and exports are written
 */
public record AnalysisRequest(Input input, AnalysisWindow window, AnalysisParameters parameters,
                              Optional<Rolling> rolling, Optional<CalibrationPlan> calibration,
                              Optional<StabilityPlan> stability, Outputs outputs) {

    public AnalysisRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(rolling, "rolling");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(stability, "stability");
        Objects.requireNonNull(outputs, "outputs");
        if (input instanceof Edges && (rolling.isPresent() || calibration.isPresent() || stability.isPresent()
                || !window.equals(AnalysisWindow.ALL))) {
            throw new IllegalArgumentException("an edge-list analysis takes no window, rolling windows, calibration "
                    + "or stability: the window and the sources were chosen when the edge list was made");
        }
        if (rolling.isPresent() && window instanceof AnalysisWindow.Last) {
            throw new IllegalArgumentException("rolling windows are laid in a fixed range (or all data), not in the "
                    + "last " + ((AnalysisWindow.Last) window).duration());
        }
    }

    /**
     * Starts a request over {@code input} with every other choice at its default.
     *
     * @param input presence to read, or an edge list
     * @return a new builder
     */
    public static Builder builder(Input input) {
        return new Builder(input);
    }

    /** What an analysis reads. */
    public sealed interface Input {
    }

    /**
     * Presence snapshots from any source (a lake, a VOD store, data of one's own).
     *
     * @param source where snapshots come from
     */
    public record Presence(PresenceSource source) implements Input {
        public Presence {
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * An edge list counted elsewhere (Athena, DuckDB, an earlier export).
     *
     * @param edges    the edge list
     * @param viewers  distinct viewers the list was counted over, when known (significance needs it)
     * @param metadata snapshots to take game and language labels from, when there are any
     */
    public record Edges(EdgeList edges, OptionalInt viewers, Optional<PresenceSource> metadata) implements Input {
        public Edges {
            Objects.requireNonNull(edges, "edges");
            Objects.requireNonNull(viewers, "viewers");
            Objects.requireNonNull(metadata, "metadata");
            if (viewers.isPresent() && viewers.getAsInt() < 1) {
                throw new IllegalArgumentException("viewers must be >= 1, was " + viewers.getAsInt());
            }
        }
    }

    /**
     * Rolling windows: one analysis per window of {@code length}, windows ending {@code step} apart.
     *
     * @param length          window length
     * @param step            distance between window ends
     * @param from            no window starts before this
     * @param to              the last window ends here (default: just after the newest snapshot)
     * @param trackingJaccard member Jaccard at which communities of consecutive windows are linked
     */
    public record Rolling(Duration length, Duration step, Optional<Instant> from, Optional<Instant> to,
                          double trackingJaccard) {
        public Rolling {
            positive("window length", length);
            positive("step", step);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!(trackingJaccard > 0 && trackingJaccard <= 1)) {
                throw new IllegalArgumentException("trackingJaccard must be in (0, 1], was " + trackingJaccard);
            }
        }

        private static void positive(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
        }
    }

    /**
     * A calibration sweep; the recommended setting replaces threshold and resolution.
     *
     * @param thresholds  overlap thresholds to try
     * @param resolutions resolutions to try
     * @param runs        seeds per setting
     */
    public record CalibrationPlan(List<Integer> thresholds, List<Double> resolutions, int runs) {
        public CalibrationPlan {
            thresholds = List.copyOf(thresholds);
            resolutions = List.copyOf(resolutions);
            if (thresholds.isEmpty() || resolutions.isEmpty()) {
                throw new IllegalArgumentException("calibration needs at least one threshold and one resolution");
            }
            if (runs < 1) {
                throw new IllegalArgumentException("calibration runs must be >= 1, was " + runs);
            }
        }
    }

    /**
     * Detection repeated over seeds.
     *
     * @param runs            how many seeds
     * @param confidenceLevel channels whose confidence is below this are flagged
     */
    public record StabilityPlan(int runs, double confidenceLevel) {
        public StabilityPlan {
            if (runs < 1) {
                throw new IllegalArgumentException("stability runs must be >= 1, was " + runs);
            }
            if (!(confidenceLevel >= 0 && confidenceLevel <= 1)) {
                throw new IllegalArgumentException("confidence level must be in [0, 1], was " + confidenceLevel);
            }
        }
    }

    /**
     * Where the outputs go.
     *
     * @param directory    local export directory (CSV, results document, graph exports), if any
     * @param lake         whether the results documents go into the lake's {@code processed/} area
     * @param graphExports which graph exports (GEXF, GraphML, JSON, PNG, HTML) the directory gets
     */
    public record Outputs(Optional<Path> directory, boolean lake, GraphExports graphExports) {

        /** Nothing written: the result is only returned. */
        public static final Outputs NONE = new Outputs(Optional.empty(), false, GraphExports.NONE);

        public Outputs {
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(graphExports, "graphExports");
        }

        /** Whether anything is written at all. */
        public boolean any() {
            return directory.isPresent() || lake;
        }
    }

    /** Builds an {@link AnalysisRequest}. */
    public static final class Builder {
        private final Input input;
        private AnalysisWindow window = AnalysisWindow.ALL;
        private AnalysisParameters parameters = AnalysisParameters.defaults();
        private Optional<Rolling> rolling = Optional.empty();
        private Optional<CalibrationPlan> calibration = Optional.empty();
        private Optional<StabilityPlan> stability = Optional.empty();
        private Outputs outputs = Outputs.NONE;

        private Builder(Input input) {
            this.input = Objects.requireNonNull(input, "input");
        }

        /** @param window which snapshots to read @return this builder */
        public Builder window(AnalysisWindow window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        /** @param parameters the analysis parameters @return this builder */
        public Builder parameters(AnalysisParameters parameters) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        /** @param rolling rolling windows to analyse @return this builder */
        public Builder rolling(Rolling rolling) {
            this.rolling = Optional.of(rolling);
            return this;
        }

        /** @param calibration the sweep to run first @return this builder */
        public Builder calibration(CalibrationPlan calibration) {
            this.calibration = Optional.of(calibration);
            return this;
        }

        /** @param stability the stability assessment to run @return this builder */
        public Builder stability(StabilityPlan stability) {
            this.stability = Optional.of(stability);
            return this;
        }

        /** @param outputs where outputs go @return this builder */
        public Builder outputs(Outputs outputs) {
            this.outputs = Objects.requireNonNull(outputs, "outputs");
            return this;
        }

        /** @return the checked request */
        public AnalysisRequest build() {
            return new AnalysisRequest(input, window, parameters, rolling, calibration, stability, outputs);
        }
    }
}
