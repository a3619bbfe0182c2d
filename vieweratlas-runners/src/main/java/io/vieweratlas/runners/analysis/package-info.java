/**
 * The analysis role's wiring: the lake as a presence source for a selection of sources, the
 * analysis service bound with its output adapter, requests made from the configuration, and the
 * run (record, metrics, summary) that {@code analyze} and the collector service share.
 */
package io.vieweratlas.runners.analysis;
