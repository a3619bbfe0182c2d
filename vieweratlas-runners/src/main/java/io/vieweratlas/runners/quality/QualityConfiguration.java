package io.vieweratlas.runners.quality;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.CommunityAlgorithm;
import io.vieweratlas.core.analysis.Weighting;

import io.vieweratlas.core.port.in.AnalysisRequest;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One analysis setting tried by the quality benchmark.
 *
 * @param name       short name for tables (weighting, threshold, resolution, algorithm)
 * @param parameters the parameters analysed with
 * @param role       what the row is: a grid point, the defaults, or the original project's method
 * @param calibration when present, threshold and resolution are chosen per lake by this sweep
 *                    (stability across seeds, see {@code Calibration}) before the analysis
 */
public record QualityConfiguration(String name, AnalysisParameters parameters, Role role,
                                   Optional<AnalysisRequest.CalibrationPlan> calibration) {

    /** What a configuration stands for in the tables. */
    public enum Role {
        /** A point of the grid. */
        GRID,
        /** The defaults of {@link AnalysisParameters#defaults()}. */
        DEFAULT,
        /** The original project's method: Louvain, raw counts, threshold 10, resolution 1.2. */
        BASELINE,
        /** Not an analysis: {@code PlantedVoteReference}, a generous estimate of what co-viewing can tell. */
        REFERENCE
    }

    public QualityConfiguration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(calibration, "calibration");
    }

    /** A configuration analysed with fixed parameters. */
    public QualityConfiguration(String name, AnalysisParameters parameters, Role role) {
        this(name, parameters, role, Optional.empty());
    }

    /** A grid point whose threshold and resolution are calibrated per lake by {@code plan}. */
    public static QualityConfiguration calibrated(AnalysisParameters p, AnalysisRequest.CalibrationPlan plan) {
        String name = String.format(Locale.ROOT, "%s t∈%s γ∈%s by stability (%d seeds) %s", p.weighting().wireName(),
                plan.thresholds(), plan.resolutions(), plan.runs(), p.algorithm().wireName());
        return new QualityConfiguration(name.replace(", ", "/"), p, Role.GRID, Optional.of(plan));
    }

    /** A grid point named after its weighting, threshold, resolution and algorithm. */
    public static QualityConfiguration of(AnalysisParameters p) {
        return new QualityConfiguration(describe(p), p, Role.GRID);
    }

    /** The original project's method on top of {@code base}'s filters. */
    public static QualityConfiguration baseline(AnalysisParameters base) {
        AnalysisParameters p = base.toBuilder().algorithm(CommunityAlgorithm.LOUVAIN).weighting(Weighting.SHARED)
                .overlapThreshold(10).resolution(1.2).attachUnassigned(false).splitCommunities(false)
                .reassignChannels(false).build();
        return new QualityConfiguration("original: " + describe(p), p, Role.BASELINE);
    }

    /** The row of the planted-vote reference (its parameters are not used). */
    static QualityConfiguration reference() {
        return new QualityConfiguration(PlantedVoteReference.NAME, AnalysisParameters.defaults(), Role.REFERENCE);
    }

    /** The given defaults. */
    public static QualityConfiguration defaults(AnalysisParameters p) {
        return new QualityConfiguration("default: " + describe(p), p, Role.DEFAULT);
    }

    /** {@code weighting t=threshold γ=resolution algorithm}. */
    static String describe(AnalysisParameters p) {
        return String.format(Locale.ROOT, "%s t=%d γ=%s %s%s%s%s", p.weighting().wireName(), p.overlapThreshold(),
                trim(p.resolution()), p.algorithm().wireName(), p.splitCommunities() ? " +split" : "",
                p.reassignChannels() ? " +reassign" : "", p.attachUnassigned() ? " +attach" : "");
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        while (s.endsWith("0")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
