/**
 * How stable an analysis is: community detection repeated over several seeds, agreement between
 * the runs (adjusted Rand index, NMI) and a per-channel confidence, plus a sweep over thresholds
 * and resolutions that recommends a setting.
 */
package io.vieweratlas.core.analysis.stability;
