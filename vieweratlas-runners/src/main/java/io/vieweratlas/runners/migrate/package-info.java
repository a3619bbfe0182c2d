/**
 * Checking an installation of the original (Python) project before moving to ViewerAtlas: which of
 * its files, config keys and environment variables carry over, are mapped, are ignored or will
 * not load. Reads only: nothing in the installation is changed.
 */
package io.vieweratlas.runners.migrate;
