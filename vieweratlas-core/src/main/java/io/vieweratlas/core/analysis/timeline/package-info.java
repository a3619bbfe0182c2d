/**
 * Community identity over time: the communities of consecutive analysis windows are matched by
 * member overlap (Jaccard) into stable ids, with births, deaths, splits, merges and channels that
 * moved between communities.
 */
package io.vieweratlas.core.analysis.timeline;
