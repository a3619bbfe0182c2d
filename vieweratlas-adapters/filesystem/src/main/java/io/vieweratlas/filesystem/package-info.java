/**
 * {@link io.vieweratlas.core.port.ObjectStore} on a local directory: atomic writes (temp file,
 * fsync, rename), put-if-absent by hard link and compare-and-set under an OS file lock, so
 * conditional writes stay correct when several threads or processes share one directory.
 *
 * @apiNote API: {@link io.vieweratlas.filesystem.FileSystemObjectStore}. Everything else in the
 * package is package-private.
 */
package io.vieweratlas.filesystem;
