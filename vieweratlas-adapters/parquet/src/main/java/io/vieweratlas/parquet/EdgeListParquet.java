package io.vieweratlas.parquet;

import io.vieweratlas.core.analysis.edges.EdgeList;
import io.vieweratlas.core.analysis.edges.EdgeListException;
import io.vieweratlas.core.analysis.edges.EdgeRows;
import io.vieweratlas.lake.edges.EdgeListCsv;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an edge list from Parquet (e.g. an Athena {@code UNLOAD} or a DuckDB {@code COPY ... TO
 * 'edges.parquet'} of {@code overlap_edges.sql}): top-level columns {@code source, target}
 * (strings) and {@code shared, source_audience, target_audience} (INT32 or INT64), names
 * case-insensitive, other columns ignored. Defects are {@link EdgeListException}s naming the file
 * and the 1-based data row. The file is read into memory whole (edge lists are small next to the
 * lake: about 40 bytes per edge as CSV).
 */
public final class EdgeListParquet {

    private EdgeListParquet() {
    }

    /** Reads {@code file}. */
    public static EdgeList read(Path file) throws IOException {
        String name = file.toString();
        byte[] content = Files.readAllBytes(file);
        EdgeRows rows = new EdgeRows(name, true);
        try (ParquetFileReader reader = ParquetFileReader.open(ByteArrayFiles.input(content, name),
                HadoopFreeReadOptions.with(SnappyCodecFactory.INSTANCE))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String[] field = fields(schema, name);
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            int row = 0;
            for (PageReadStore group = reader.readNextRowGroup(); group != null; group = reader.readNextRowGroup()) {
                RecordReader<Group> records = io.getRecordReader(group, new GroupRecordConverter(schema));
                for (long i = 0; i < group.getRowCount(); i++) {
                    Group g = records.read();
                    row++;
                    rows.add(row, text(g, field[0], name, row), text(g, field[1], name, row),
                            number(g, field[2], name, row), number(g, field[3], name, row),
                            number(g, field[4], name, row));
                }
            }
        } catch (EdgeListException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new EdgeListException(name, "row 0", 0, "not a readable Parquet file ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return rows.build();
    }

    /** The schema's field name for each of {@link EdgeListCsv#COLUMNS}, checking types. */
    private static String[] fields(MessageType schema, String name) {
        String[] out = new String[EdgeListCsv.COLUMNS.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < out.length; c++) {
            String want = EdgeListCsv.COLUMNS.get(c);
            for (Type t : schema.getFields()) {
                if (t.getName().equalsIgnoreCase(want)) {
                    out[c] = t.getName();
                    if (!t.isPrimitive()) {
                        throw new EdgeListException(name, "schema", 0, "column " + t.getName() + " is not a plain value");
                    }
                    PrimitiveType.PrimitiveTypeName type = t.asPrimitiveType().getPrimitiveTypeName();
                    boolean ok = c < 2 ? type == PrimitiveType.PrimitiveTypeName.BINARY
                            : type == PrimitiveType.PrimitiveTypeName.INT32
                            || type == PrimitiveType.PrimitiveTypeName.INT64;
                    if (!ok) {
                        throw new EdgeListException(name, "schema", 0, "column " + t.getName() + " has type "
                                + type.name().toLowerCase(Locale.ROOT) + ", expected "
                                + (c < 2 ? "a string" : "an integer"));
                    }
                }
            }
            if (out[c] == null) {
                missing.add(want);
            }
        }
        if (!missing.isEmpty()) {
            throw new EdgeListException(name, "schema", 0, "missing column(s) " + String.join(", ", missing));
        }
        return out;
    }

    private static String text(Group g, String field, String name, int row) {
        if (g.getFieldRepetitionCount(field) == 0) {
            throw new EdgeListException(name, "row " + row, row, field + " is null");
        }
        return g.getString(field, 0);
    }

    private static long number(Group g, String field, String name, int row) {
        if (g.getFieldRepetitionCount(field) == 0) {
            throw new EdgeListException(name, "row " + row, row, field + " is null");
        }
        PrimitiveType.PrimitiveTypeName type = g.getType().getType(field).asPrimitiveType().getPrimitiveTypeName();
        return type == PrimitiveType.PrimitiveTypeName.INT64 ? g.getLong(field, 0) : g.getInteger(field, 0);
    }
}
