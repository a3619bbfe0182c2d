/**
 * Ports: the interfaces adapters implement so the core can read presence data, keep objects,
 * discover live streams and export graphs without knowing where or how.
 */
package io.vieweratlas.core.port;
