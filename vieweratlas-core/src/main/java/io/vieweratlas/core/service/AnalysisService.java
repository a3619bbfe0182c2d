package io.vieweratlas.core.service;

import io.vieweratlas.core.analysis.AnalysisParameters;
import io.vieweratlas.core.analysis.AnalysisRun;
import io.vieweratlas.core.analysis.AnalysisWindow;
import io.vieweratlas.core.analysis.aggregate.Aggregator;
import io.vieweratlas.core.analysis.aggregate.PresenceIngest;
import io.vieweratlas.core.analysis.aggregate.Repeats;
import io.vieweratlas.core.analysis.edges.EdgeAnalysis;
import io.vieweratlas.core.analysis.pipeline.AudienceAnalysis;
import io.vieweratlas.core.analysis.stability.Calibration;
import io.vieweratlas.core.analysis.stability.StabilityAnalysis;
import io.vieweratlas.core.analysis.stability.StabilityReport;
import io.vieweratlas.core.analysis.timeline.CommunityTracker;
import io.vieweratlas.core.analysis.timeline.RollingWindows;
import io.vieweratlas.core.analysis.timeline.Timeline;
import io.vieweratlas.core.analysis.timeline.WindowPartition;
import io.vieweratlas.core.model.AnalysisResult;
import io.vieweratlas.core.model.ChannelMeta;
import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.in.AnalysisListener;
import io.vieweratlas.core.port.in.AnalysisReport;
import io.vieweratlas.core.port.in.AnalysisRequest;
import io.vieweratlas.core.port.in.AnalyzeUseCase;
import io.vieweratlas.core.port.out.AnalysisOutputPort;
import io.vieweratlas.core.port.out.AnalysisOutputSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The analysis use case: reads the input, runs the over-time steps the request asks for
 * (calibration, rolling windows with the community timeline, stability over seeds) around the
 * analysis pipeline, and writes each output through the {@link AnalysisOutputPort} as soon as it
 * is ready. Thread-safe: it holds no state of a run.
 */
public final class AnalysisService implements AnalyzeUseCase {

    /** Whether this process has started the community-detection warm-up. */
    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    private final AnalysisOutputPort outputs;
    private final boolean warmUp;

    /**
     * A service writing through {@code outputs}.
     *
     * @param outputs where results and exports go
     * @param warmUp  whether the first analysis of the process warms community detection's code on
     *                a synthetic graph on another core while the input is read (it changes no result;
     *                worth it in a short-lived process that runs one analysis)
     */
    public AnalysisService(AnalysisOutputPort outputs, boolean warmUp) {
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        this.warmUp = warmUp;
    }

    /**
     * A service that returns results without writing anything, as programs embedding the library want.
     *
     * @return the service
     */
    public static AnalysisService withoutOutputs() {
        return new AnalysisService(AnalysisOutputPort.NONE, false);
    }

    @Override
    public AnalysisReport analyze(AnalysisRequest request, AnalysisListener listener) throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        AnalysisParameters params = request.parameters();
        if (warmUp && WARMED_UP.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("vieweratlas-warm-up")
                    .start(() -> DetectionWarmUp.run(params.algorithm()));
        }
        try (AnalysisOutputSession session = outputs.open(request.outputs(), params.seed())) {
            return switch (request.input()) {
                case AnalysisRequest.Presence p -> fromPresence(request, p, session, listener);
                case AnalysisRequest.Edges e -> fromEdges(request, e, session, listener);
            };
        }
    }

    private AnalysisReport fromPresence(AnalysisRequest request, AnalysisRequest.Presence input,
                                        AnalysisOutputSession session, AnalysisListener listener) throws IOException {
        AnalysisParameters params = request.parameters();
        AnalysisWindow window = request.window();
        long t0 = System.nanoTime();
        TimeRange readRange = window instanceof AnalysisWindow.Range r ? r.range() : TimeRange.ALL;
        // One fixed range read and aggregated as a whole: repeated presence can be dropped while
        // loading (memory follows memberships). Rolling windows and a window anchored to the newest
        // snapshot aggregate narrower ranges of the table, which need every entry.
        Repeats repeats = window instanceof AnalysisWindow.Range && request.rolling().isEmpty()
                ? Repeats.DROP : Repeats.KEEP;
        PresenceIngest.Loaded loaded = PresenceIngest.read(input.source(), readRange, params.presence(), repeats);
        double loadMillis = millisSince(t0);
        listener.stage("analysing " + loaded.table().rows() + " snapshots");

        AnalysisParameters used = params;
        Optional<Calibration.Result> calibration = Optional.empty();
        if (request.calibration().isPresent()) {
            AnalysisRequest.CalibrationPlan plan = request.calibration().get();
            listener.stage("calibrating");
            long tc = System.nanoTime();
            Calibration.Result r = Calibration.sweep(loaded.table(), loaded.report(), window, params,
                    plan.thresholds(), plan.resolutions(), plan.runs());
            double millis = millisSince(tc);
            session.writeCalibration(r);
            listener.calibrated(r, plan.runs(), millis);
            calibration = Optional.of(r);
            used = r.apply(params);
        }

        AnalysisRun run;
        Optional<Timeline> timeline = Optional.empty();
        int windows = 1;
        if (request.rolling().isPresent()) {
            AnalysisRequest.Rolling rolling = request.rolling().get();
            List<TimeRange> plan = RollingWindows.plan(loaded.table(), rolling.length(), rolling.step(),
                    rolling.from(), rolling.to());
            if (plan.isEmpty()) {
                return new AnalysisReport(Optional.empty(), loaded.report(), calibration, Optional.empty(),
                        Optional.empty(), 0, 0, Map.of("load", loadMillis), List.of());
            }
            RollingResult rolled = rolling(loaded, plan, used, rolling.trackingJaccard(), session, listener);
            run = rolled.newest();
            timeline = Optional.of(rolled.timeline());
            windows = plan.size();
        } else {
            run = AudienceAnalysis.run(loaded.table(), loaded.report(), window, used, session::edgesReady);
        }

        Optional<StabilityReport> stability = stability(request, run.result(), used, session, listener);
        listener.stage("writing results");
        long tw = System.nanoTime();
        List<String> written = session.writeResult(run.result(), stability);
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("load", loadMillis);
        stages.putAll(run.stageMillis());
        stages.put("write", millisSince(tw));
        return new AnalysisReport(Optional.of(run.result()), loaded.report(), calibration, stability, timeline,
                windows, 0, stages, written);
    }

    private record RollingResult(AnalysisRun newest, Timeline timeline) {
    }

    private static RollingResult rolling(PresenceIngest.Loaded loaded, List<TimeRange> plan, AnalysisParameters params,
                                         double jaccard, AnalysisOutputSession session, AnalysisListener listener)
            throws IOException {
        List<AnalysisRun> newest = new ArrayList<>(1);
        List<WindowPartition> partitions;
        try {
            partitions = RollingWindows.analyse(loaded.table(), loaded.report(), plan, params, w -> {
                AnalysisResult r = w.run().result();
                Instant end = w.range().until().orElseThrow();
                try {
                    session.writeWindow(end, r);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                listener.windowAnalysed(w.range(), r);
                newest.clear();
                newest.add(w.run());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Timeline timeline = CommunityTracker.track(partitions, jaccard);
        session.writeTimeline(timeline);
        listener.timelineTracked(timeline, plan.size());
        return new RollingResult(newest.get(0), timeline);
    }

    private static Optional<StabilityReport> stability(AnalysisRequest request, AnalysisResult result,
                                                       AnalysisParameters params, AnalysisOutputSession session,
                                                       AnalysisListener listener) throws IOException {
        if (request.stability().isEmpty()) {
            return Optional.empty();
        }
        AnalysisRequest.StabilityPlan plan = request.stability().get();
        long t0 = System.nanoTime();
        StabilityReport s = StabilityAnalysis.assess(result, params, plan.runs(), plan.confidenceLevel());
        double millis = millisSince(t0);
        session.writeStability(result, s);
        listener.stabilityAssessed(s, millis);
        return Optional.of(s);
    }

    private AnalysisReport fromEdges(AnalysisRequest request, AnalysisRequest.Edges input,
                                     AnalysisOutputSession session, AnalysisListener listener) throws IOException {
        AnalysisParameters params = request.parameters();
        long t0 = System.nanoTime();
        LoadReport load = LoadReport.EMPTY;
        Map<String, ChannelMeta> meta = Map.of();
        if (input.metadata().isPresent()) {
            PresenceIngest.Loaded loaded = PresenceIngest.read(input.metadata().get(), TimeRange.ALL,
                    params.presence(), Repeats.DROP);
            Aggregator.Aggregation agg = Aggregator.aggregate(loaded.table(),
                    Aggregator.resolve(AnalysisWindow.ALL, loaded.table()));
            TreeMap<String, ChannelMeta> byChannel = new TreeMap<>();
            for (ChannelMeta m : agg.audiences().meta()) {
                byChannel.put(m.channel(), m);
            }
            meta = byChannel;
            load = loaded.report();
        }
        double metaMillis = millisSince(t0);
        AnalysisRun run = EdgeAnalysis.run(input.edges(), meta, input.viewers(), params);
        listener.stage("writing results");
        long tw = System.nanoTime();
        List<String> written = session.writeResult(run.result(), Optional.empty());
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("metadata", metaMillis);
        stages.putAll(run.stageMillis());
        stages.put("write", millisSince(tw));
        return new AnalysisReport(Optional.of(run.result()), load, Optional.empty(), Optional.empty(),
                Optional.empty(), 1, meta.size(), stages, written);
    }

    private static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
