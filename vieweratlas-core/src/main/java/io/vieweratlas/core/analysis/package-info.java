/**
 * The analysis engine: presence snapshots to labelled communities. Entry point
 * {@link io.vieweratlas.core.analysis.pipeline.AudienceAnalysis}; parameters
 * {@link io.vieweratlas.core.analysis.AnalysisParameters}. Stages live in sub-packages:
 * {@code intern} (login interning), {@code aggregate} (columnar presence table, windows,
 * per-channel audiences), {@code filter} (bots, heavy accounts, small channels), {@code graph}
 * (overlap graph from an inverted index, weightings, statistics), {@code community} (Leiden and
 * Louvain, modularity, connectivity) and {@code label} (the original's labelling rules).
 */
package io.vieweratlas.core.analysis;

import io.vieweratlas.core.analysis.pipeline.AudienceAnalysis;

