package io.vieweratlas.core;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisRun;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.CommunityAlgorithm;
import io.vieweratlas.core.analysis.Weighting;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.PresencePolicy;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.PresenceSource;
import io.vieweratlas.core.port.in.AnalysisReport;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.core.port.in.AnalyzeUseCase;
import io.vieweratlas.core.service.AnalysisService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The entry point for programs that embed ViewerAtlas: no dependency-injection container, no
 * configuration files, just a fluent builder over the analysis use case
 * ({@link AnalysisService}) that returns the immutable {@link AnalysisResult} (graph nodes and
 * edges, communities with labels, statistics, the parameters used and a data-quality report).
 *
 * <p>A short example, analysing the last week of a lake on disk with Jaccard weights:
 * <pre>{@code
 * PresenceSource lake = Lakes.openDirectory(Path.of("data"));       // vieweratlas-lake
 * AnalysisResult result = ViewerAtlas.analysis()
 *         .source(lake)
 *         .window(Duration.ofDays(7))
 *         .weighting(Weighting.JACCARD)
 *         .leiden(1.0, 42)
 *         .threshold(5)
 *         .run();
 * result.communities().forEach(c -> System.out.println(c.label() + ": " + c.topChannels()));
 * }</pre>
 *
 * <p>Data of one's own comes in through {@link PresenceSources} (snapshots in memory, or
 * {@code (channel, viewer)} rows) or any implementation of {@link PresenceSource}. Every option
 * not set keeps the default of {@link AnalysisParameters#defaults()}; the same input, options and
 * seed give an equal result.
 */
public final class ViewerAtlas {

    /** The analysis use case, returning results without writing files. */
    private static final AnalyzeUseCase SERVICE = AnalysisService.withoutOutputs();

    private ViewerAtlas() {
    }

    /**
     * Starts configuring one analysis; every option starts from {@link AnalysisParameters#defaults()}.
     *
     * @return a new builder
     */
    public static AnalysisBuilder analysis() {
        return new AnalysisBuilder();
    }

    /**
     * Configures and runs one analysis. Not thread-safe; each {@link #run()} reads the source anew,
     * so one builder can be run repeatedly (e.g. after changing the window).
     */
    public static final class AnalysisBuilder {
        private PresenceSource source;
        private AnalysisWindow window = AnalysisWindow.ALL;
        private AnalysisParameters.Builder params = AnalysisParameters.builder();

        private AnalysisBuilder() {
        }

        /**
         * Reads presence from {@code source} (a lake, a VOD store, one's own implementation).
         *
         * @param source where snapshots come from
         * @return this builder
         */
        public AnalysisBuilder source(PresenceSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Reads presence from snapshots held in memory; shorthand for {@link PresenceSources#of(Iterable)}.
         *
         * @param snapshots the snapshots, copied
         * @return this builder
         */
        public AnalysisBuilder snapshots(Iterable<PresenceSnapshot> snapshots) {
            return source(PresenceSources.of(snapshots));
        }

        /**
         * Uses the snapshots whose timestamp lies in {@code range} ({@code [since, until)}).
         *
         * @param range the time range
         * @return this builder
         */
        public AnalysisBuilder window(TimeRange range) {
            this.window = AnalysisWindow.range(Objects.requireNonNull(range, "range"));
            return this;
        }

        /**
         * Uses the last {@code duration} of data, anchored to the newest snapshot (not the wall
         * clock, so re-running on the same data gives the same window).
         *
         *
         * @param duration how far back from the newest snapshot
         * @return this builder
         * @throws IllegalArgumentException when {@code duration} is not positive
         */
        public AnalysisBuilder window(Duration duration) {
            this.window = AnalysisWindow.last(Objects.requireNonNull(duration, "duration"));
            return this;
        }

        /**
         * Uses the given window (all data, a range, or the last duration).
         *
         * @param window the window
         * @return this builder
         */
        public AnalysisBuilder window(AnalysisWindow window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        /**
         * Replaces every analysis parameter with {@code parameters}; later calls change single ones.
         *
         * @param parameters the parameters to start from
         * @return this builder
         */
        public AnalysisBuilder parameters(AnalysisParameters parameters) {
            this.params = Objects.requireNonNull(parameters, "parameters").toBuilder();
            return this;
        }

        /**
         * Sets how edges are weighted ({@code weighting}).
         *
         * @param weighting the edge weight
         * @return this builder
         */
        public AnalysisBuilder weighting(Weighting weighting) {
            params.weighting(Objects.requireNonNull(weighting, "weighting"));
            return this;
        }

        /**
         * Detects communities with Leiden.
         *
         *
         * @return this builder
         * @param resolution modularity resolution {@code γ > 0}: higher gives more, smaller communities
         * @param seed       random seed; the same seed gives the same partition
         */
        public AnalysisBuilder leiden(double resolution, long seed) {
            return algorithm(CommunityAlgorithm.LEIDEN, resolution, seed);
        }

        /**
         * Detects communities with Louvain (the original project's algorithm).
         *
         *
         * @return this builder
         * @param resolution modularity resolution {@code γ > 0}
         * @param seed       random seed
         */
        public AnalysisBuilder louvain(double resolution, long seed) {
            return algorithm(CommunityAlgorithm.LOUVAIN, resolution, seed);
        }

        private AnalysisBuilder algorithm(CommunityAlgorithm algorithm, double resolution, long seed) {
            params.algorithm(algorithm).resolution(resolution).seed(seed);
            return this;
        }

        /**
         * Keeps an edge only when its two channels share at least {@code sharedViewers} viewers ({@code overlap_threshold}).
         *
         * @param sharedViewers minimum shared viewers per edge
         * @return this builder
         */
        public AnalysisBuilder threshold(int sharedViewers) {
            params.overlapThreshold(sharedViewers);
            return this;
        }

        /**
         * Communities with fewer channels become unassigned ({@code min_community_size}).
         *
         * @param channels the number of channels
         * @return this builder
         */
        public AnalysisBuilder minCommunitySize(int channels) {
            params.minCommunitySize(channels);
            return this;
        }

        /**
         * Drops channels seen in fewer snapshots ({@code min_observations}).
         *
         * @param snapshots the snapshots, copied
         * @return this builder
         */
        public AnalysisBuilder minObservations(int snapshots) {
            params.minObservations(snapshots);
            return this;
        }

        /**
         * Drops channels with fewer distinct viewers after the account filters ({@code min_channel_viewers}).
         *
         * @param viewers the number of distinct viewers
         * @return this builder
         */
        public AnalysisBuilder minChannelViewers(int viewers) {
            params.minChannelViewers(viewers);
            return this;
        }

        /**
         * Drops accounts present in more channels than this ({@code max_channels_per_viewer});
         * {@link AnalysisParameters#AUTOMATIC} chooses the limit from the data.
         *
         * @param channels the number of channels
         * @return this builder
         */
        public AnalysisBuilder maxChannelsPerViewer(int channels) {
            params.maxChannelsPerViewer(channels);
            return this;
        }

        /**
         * Replaces the bot list (logins removed from every audience).
         *
         * @param logins bot logins (case does not matter)
         * @return this builder
         */
        public AnalysisBuilder bots(List<String> logins) {
            params.bots(logins);
            return this;
        }

        /**
         * Chooses which chat evidence counts as presence.
         *
         * @param policy the presence policy
         * @return this builder
         */
        public AnalysisBuilder presence(PresencePolicy policy) {
            params.presence(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * The parameters as configured so far, checked.
         *
         * @return the checked parameters
         */
        public AnalysisParameters parameters() {
            return params.build();
        }

        /**
         * Runs the analysis and returns the result.
         *
         *
         * @return the immutable result
         * @throws IllegalStateException    when no source was given
         * @throws IllegalArgumentException naming a parameter value the analysis does not accept
         */
        public AnalysisResult run() {
            return runTimed().result();
        }

        /**
         * Like {@link #run()}, also reporting how long each stage took.
         *
         * @return the result and the milliseconds per stage
         */
        public AnalysisRun runTimed() {
            if (source == null) {
                throw new IllegalStateException("no presence source: call source(...) or snapshots(...) before run()");
            }
            AnalysisRequest request = AnalysisRequest.builder(new AnalysisRequest.Presence(source)).window(window)
                    .parameters(params.build()).build();
            try {
                AnalysisReport report = SERVICE.analyze(request);
                return new AnalysisRun(report.result().orElseThrow(), report.stageMillis());
            } catch (IOException e) {
                throw new UncheckedIOException(e); // unreachable: this service writes nothing
            }
        }
    }
}
