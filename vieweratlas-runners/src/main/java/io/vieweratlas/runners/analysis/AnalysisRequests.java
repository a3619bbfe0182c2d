package io.vieweratlas.runners.analysis;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.port.PresenceSource;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.runners.config.ViewerAtlasConfig;

import java.nio.file.Path;
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
