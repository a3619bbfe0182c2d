/**
 * Viewer identity during analysis: {@link io.vieweratlas.core.analysis.viewer.ViewerKeys} reduces
 * a login to a 96-bit key where it lies in the input, and
 * {@link io.vieweratlas.core.analysis.viewer.ViewerIds} numbers the distinct keys densely, so that
 * every later stage works on {@code int} ids and primitive arrays.
 */
package io.vieweratlas.core.analysis.viewer;
