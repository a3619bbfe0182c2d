/**
 * {@link io.vieweratlas.core.port.ObjectStore} on a local directory: atomic writes (temp file,
 * fsync, rename), put-if-absent by hard link and compare-and-set under an OS file lock, so
 * conditional writes stay correct when several threads or processes share one directory.
 */
package io.vieweratlas.filesystem;
