/**
 * ViewerAtlas core: the pure domain of audience mapping.
 *
 * <p>{@code model} holds immutable records, {@code port} the interfaces the outside world
 * implements (presence sources, object and snapshot stores, stream directories, graph
 * exporters), {@code port.in} the use cases callers invoke (one request record each) and
 * {@code port.out} where those use cases write, {@code service} the services implementing the use
 * cases, {@code analysis} the pipeline from presence snapshots to labelled communities,
 * {@code graph} the result as a JGraphT graph. Configuration is the runners' concern: the analysis
 * takes {@link io.vieweratlas.core.analysis.AnalysisParameters}.
 * Nothing here performs network or file-format I/O; adapters do.
 *
 * <p>This package itself holds the embedding facade: {@link io.vieweratlas.core.ViewerAtlas}
 * (start here) and {@link io.vieweratlas.core.PresenceSources} (data held in memory).
 *
 * @apiNote <b>API status of the module's packages.</b> Stable API, kept compatible within a minor
 * version: {@code io.vieweratlas.core} (facade), {@code core.model}, {@code core.port} with
 * {@code .in} and {@code .out}, {@code core.service}, {@code core.graph}, {@code core.analysis}
 * (its top-level types: {@code AnalysisParameters}, {@code AnalysisWindow}, {@code AnalysisRun},
 * {@code Weighting}, {@code CommunityAlgorithm}, {@code PartitionComparison}), {@code .pipeline}
 * ({@code AudienceAnalysis}), {@code .stability}, {@code .timeline} and {@code .edges}. Internal, public only so that the pipeline's stages and the fast lake loader
 * can reach each other, and free to change in any release: {@code core.analysis.aggregate},
 * {@code .viewer}, {@code .filter}, {@code .graph}, {@code .community} and {@code .label}. The synthetic-lake generator behind {@code vieweratlas synth}
 * and the benchmarks is not domain code: it lives in the {@code vieweratlas-synth} module.
 */
package io.vieweratlas.core;
