/**
 * Outgoing ports of the use cases: where an analysis writes what it produced. Adapters implement
 * them (the export adapter writes files, the lake adapter the {@code processed/} documents). The
 * storage and presence ports the analysis itself reads through live in {@code io.vieweratlas.core.port}.
 */
package io.vieweratlas.core.port.out;
