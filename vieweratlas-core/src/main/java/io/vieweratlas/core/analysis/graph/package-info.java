/** Stage 3: the channel overlap graph built from an inverted index, its weightings and statistics. */
package io.vieweratlas.core.analysis.graph;
