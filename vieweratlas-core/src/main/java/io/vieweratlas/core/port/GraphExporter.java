package io.vieweratlas.core.port;

import io.vieweratlas.core.model.AnalysisResult;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an analysis result in one format (CSV, GEXF, GraphML, PNG, HTML, or a user's own).
 * Exporters write to a stream so they work the same for local files and object stores.
 */
public interface GraphExporter {

    /** The file name this exporter writes, e.g. {@code graph.gexf}. */
    String fileName();

    /** Writes {@code result} to {@code out}; does not close it. */
    void write(AnalysisResult result, OutputStream out) throws IOException;
}
