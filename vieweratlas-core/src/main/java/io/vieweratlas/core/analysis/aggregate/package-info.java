/** Stage 1: snapshots into a columnar table, then per-channel audiences over a time window. */
package io.vieweratlas.core.analysis.aggregate;
