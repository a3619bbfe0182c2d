/**
 * VOD collection state in the lake: the work queue {@code state/vod_queue.json}, changed only by
 * compare-and-set so that concurrent VOD tasks never take the same VOD nor lose an update.
 */
package io.vieweratlas.lake.vod;
