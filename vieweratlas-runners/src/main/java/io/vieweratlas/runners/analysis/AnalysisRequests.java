package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.runners.config.ViewerAtlasConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Analysis requests made from a role's configuration. */
public final class AnalysisRequests {

    private AnalysisRequests() {
    }

    /**
     * The configured analysis of {@code source}: the configured parameters, every output (results
     * into the lake, CSV files and the configured graph exports into {@code analysis.output_dir}).
     *
     * @param config the checked configuration
     * @param source the presence to analyse
     * @return a builder holding that request, for callers to refine
     * @throws IllegalArgumentException when the analysis parameters do not fit together
     */
    public static AnalysisRequest.Builder configured(ViewerAtlasConfig config, PresenceSource source) {
        return AnalysisRequest.builder(new AnalysisRequest.Presence(source))
                .parameters(config.analysis().parameters())
                .outputs(outputs(config, Path.of(config.analysis().outputDir())));
    }

    /**
     * The window an analysis reads when none is asked for: with {@code analysis.window_days} N > 0,
     * the last N days up to {@code now} (plus an hour, for snapshots stamped a little ahead), a fixed
     * range, so only those days are listed and read; with 0, all history.
     *
     * @param config the checked configuration
     * @param now    the current time
     * @return the window
     */
    public static AnalysisWindow window(ViewerAtlasConfig config, Instant now) {
        int days = config.analysis().overTime().windowDays();
        if (days == 0) {
            return AnalysisWindow.ALL;
        }
        return AnalysisWindow.range(TimeRange.between(now.minus(Duration.ofDays(days)), now.plus(Duration.ofHours(1))));
    }

    /**
     * How {@link #window} is described in a run record.
     *
     * @param config the checked configuration
     * @return e.g. {@code last 14 days (analysis.window_days)} or {@code all}
     */
    public static String describeWindow(ViewerAtlasConfig config) {
        int days = config.analysis().overTime().windowDays();
        return days == 0 ? "all" : "last " + days + " days (analysis.window_days)";
    }

    /**
     * Every output: results into the lake, CSV files and the configured graph exports into {@code dir}.
     *
     * @param config the checked configuration
     * @param dir    the export directory
     * @return the outputs
     */
    public static AnalysisRequest.Outputs outputs(ViewerAtlasConfig config, Path dir) {
        return new AnalysisRequest.Outputs(Optional.of(dir), true, config.analysis().exports());
    }
}
