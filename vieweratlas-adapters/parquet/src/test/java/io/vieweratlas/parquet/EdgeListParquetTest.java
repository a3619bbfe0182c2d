package io.vieweratlas.parquet;

import io.vieweratlas.core.analysis.edges.EdgeList;
import io.vieweratlas.core.analysis.edges.EdgeListException;
import io.vieweratlas.lake.edges.EdgeListCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeListParquetTest {

    @TempDir
    Path dir;

    /** Writes {@code select} to a Parquet file with DuckDB, as a query engine would. */
    private Path parquet(String file, String select) throws Exception {
        Path out = dir.resolve(file);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + out + "' (FORMAT parquet)");
        }
        return out;
    }

    private static final String ROWS = "SELECT * FROM (VALUES ('b', 'c', 4::BIGINT, 9::BIGINT, 7::BIGINT), "
            + "('a', 'B', 3::BIGINT, 10::BIGINT, 9::BIGINT), ('a', 'c', 5::BIGINT, 10::BIGINT, 7::BIGINT)) "
            + "AS t(source, target, shared, source_audience, target_audience)";

    @Test
    void readsWhatTheCsvReaderReadsFromTheSameRows() throws Exception {
        EdgeList fromParquet = EdgeListParquet.read(parquet("edges.parquet", ROWS));
        EdgeList fromCsv = EdgeListCsv.read(new StringReader("source,target,shared,source_audience,target_audience\n"
                + "b,c,4,9,7\na,b,3,10,9\na,c,5,10,7\n"), "e.csv");
        assertEquals(fromCsv, fromParquet);
        EdgeList int32 = EdgeListParquet.read(parquet("int32.parquet", "SELECT source, target, shared::INTEGER AS "
                + "shared, source_audience::INTEGER AS source_audience, target_audience::INTEGER AS target_audience, "
                + "'x' AS extra FROM (" + ROWS + ")"));
        assertEquals(fromCsv, int32);
    }

    @Test
    void defectsNameFileAndRow() throws Exception {
        Path bad = parquet("bad.parquet", "SELECT * FROM (VALUES ('a', 'b', 3, 10, 9), ('a', 'c', 50, 10, 7)) "
                + "AS t(source, target, shared, source_audience, target_audience)");
        EdgeListException e = assertThrows(EdgeListException.class, () -> EdgeListParquet.read(bad));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(bad + ": row 2: shared 50"), e.getMessage());
        Path missing = parquet("missing.parquet", "SELECT 'a' AS source, 'b' AS target, 3 AS shared");
        e = assertThrows(EdgeListException.class, () -> EdgeListParquet.read(missing));
        assertTrue(e.getMessage().contains("missing column(s) source_audience, target_audience"), e.getMessage());
        Path text = dir.resolve("not.parquet");
        java.nio.file.Files.writeString(text, "source,target\n");
        e = assertThrows(EdgeListException.class, () -> EdgeListParquet.read(text));
        assertTrue(e.getMessage().contains("not a readable Parquet file"), e.getMessage());
    }
}
