/** Immutable records of the domain: presence snapshots, stream metadata, analysis results. */
package io.vieweratlas.core.model;
