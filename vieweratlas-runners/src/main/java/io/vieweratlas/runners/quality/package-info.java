/**
 * The quality benchmark ({@code bench --quality}): analyses a family of planted lakes under a grid
 * of analysis settings and scores every result against the planted truth (NMI, ARI, communities
 * found, disconnected communities, unassigned channels, smallest planted community recovered), so
 * that defaults are chosen by measurement.
 */
package io.vieweratlas.runners.quality;
