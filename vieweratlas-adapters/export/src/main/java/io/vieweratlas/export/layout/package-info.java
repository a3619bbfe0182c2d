/**
 * Force-directed layout: {@link io.vieweratlas.export.layout.ForceAtlas2} (LinLog, Barnes–Hut
 * {@code QuadTree}, adaptive speed) starting from a placement that puts each community on its own
 * disc; deterministic for a seed.
 */
package io.vieweratlas.export.layout;
