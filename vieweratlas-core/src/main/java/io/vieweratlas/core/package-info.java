/**
 * ViewerAtlas core: the pure domain of audience mapping.
 *
 * <p>{@code model} holds immutable records, {@code port} the interfaces the outside world
 * implements (presence sources, object and snapshot stores, stream directories, graph
 * exporters), {@code analysis} the pipeline from presence snapshots to labelled communities,
 * {@code config} the validated configuration records. Nothing here performs network or
 * file-format I/O; adapters do.
 */
package io.vieweratlas.core;
