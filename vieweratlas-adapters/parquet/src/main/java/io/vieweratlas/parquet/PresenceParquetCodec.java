package io.vieweratlas.parquet;

import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.PresenceSnapshot;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compacted live presence as Parquet: one row per viewer of a snapshot (a snapshot without viewers is
 * one row whose {@code viewer} is null), rows grouped by snapshot in the order written.
 *
 * <p>Columns (readable by Athena, DuckDB, pyarrow): {@code channel}, {@code snapshot_time} (UTC
 * timestamp, microseconds) with {@code snapshot_nanos} (its nano-of-second, so the exact instant
 * survives), {@code source} (live, irc, synthetic, ...), {@code viewer_count}, {@code game_name},
 * {@code language}, {@code title}, {@code object_key} (the raw file the snapshot was read from),
 * {@code viewer} (login) and {@code evidence} (bits: 1 message, 2 join, 4 names; 0 when the snapshot
 * recorded none). Strings are dictionary-encoded (a login is stored once per row group and each row
 * holds its index), rows sorted by file and login, Snappy-compressed; the metadata columns repeat
 * per row and cost almost nothing after run-length encoding.
 */
public final class PresenceParquetCodec {

    /** The Parquet schema of a compacted presence file. */
    public static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("channel")
            .required(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named("snapshot_time")
            .required(PrimitiveTypeName.INT32).named("snapshot_nanos")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("source")
            .required(PrimitiveTypeName.INT64).named("viewer_count")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("game_name")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("language")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("title")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("object_key")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("viewer")
            .required(PrimitiveTypeName.INT32).named("evidence")
            .named("presence");

    /** A dictionary may grow to this size before the writer falls back to plain strings. */
    private static final int DICTIONARY_PAGE_SIZE = 16 << 20;

    private PresenceParquetCodec() {
    }

    /**
     * One snapshot as stored.
     *
     * @param objectKey   the raw file it was read from
     * @param channel     channel login
     * @param time        the snapshot's timestamp
     * @param source      source wire name
     * @param viewerCount viewers Twitch reported
     * @param game        game name
     * @param language    language code
     * @param title       stream title
     * @param viewers     logins, in stored order
     * @param evidence    per viewer, its evidence bits
     */
    public record StoredSnapshot(String objectKey, String channel, Instant time, String source, long viewerCount,
                                 String game, String language, String title, List<String> viewers, int[] evidence) {
        public StoredSnapshot {
            Objects.requireNonNull(objectKey, "objectKey");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(game, "game");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(title, "title");
            viewers = List.copyOf(viewers);
            Objects.requireNonNull(evidence, "evidence");
            if (evidence.length != viewers.size()) {
                throw new IllegalArgumentException("evidence for " + evidence.length + " of " + viewers.size() + " viewers");
            }
        }

        /** The snapshot as stored from {@code snapshot} read from {@code objectKey}. */
        public static StoredSnapshot of(String objectKey, PresenceSnapshot snapshot) {
            List<String> viewers = new ArrayList<>(snapshot.chatters());
            int[] evidence = new int[viewers.size()];
            for (int i = 0; i < evidence.length; i++) {
                evidence[i] = bits(snapshot.evidence().getOrDefault(viewers.get(i), Set.of()));
            }
            return new StoredSnapshot(objectKey, snapshot.channel(), snapshot.timestamp(), snapshot.source().wireName(),
                    snapshot.stream().viewerCount(), snapshot.stream().gameName(), snapshot.stream().language(),
                    snapshot.stream().title(), viewers, evidence);
        }

        /** Rows this snapshot takes: one per viewer, one when it has none. */
        public int rows() {
            return Math.max(1, viewers.size());
        }
    }

    /** The evidence bits of a set of kinds: 1 &lt;&lt; ordinal (message 1, join 2, names 4). */
    public static int bits(Set<Evidence> kinds) {
        int bits = 0;
        for (Evidence e : kinds) {
            bits |= 1 << e.ordinal();
        }
        return bits;
    }

    /** Whether a viewer with evidence {@code bits} counts under the strict policy (messages, or nothing recorded). */
    public static boolean strictlyPresent(int bits) {
        return bits == 0 || (bits & (1 << Evidence.MESSAGE.ordinal())) != 0;
    }

    /** Writes snapshots into one Parquet file in memory; {@link #finish} returns its bytes. Not thread-safe. */
    public static final class Writer implements AutoCloseable {
        private final ByteArrayFiles.Output out = new ByteArrayFiles.Output();
        private final SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        private final ParquetWriter<Group> writer;
        private long rows;
        private long snapshots;

        /** A writer of an empty file so far. */
        public Writer() {
            try {
                writer = ExampleParquetWriter.builder(out)
                        .withConf(new PlainParquetConfiguration())
                        .withType(SCHEMA)
                        .withCodecFactory(SnappyCodecFactory.INSTANCE)
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .withDictionaryEncoding(true)
                        .withDictionaryPageSize(DICTIONARY_PAGE_SIZE)
                        .withExtraMetaData(Map.of("writer", "vieweratlas", "content", "compacted live presence"))
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a compacted presence Parquet file", e);
            }
        }

        /** Adds one snapshot's rows. */
        public void add(StoredSnapshot s) {
            long micros = Math.addExact(Math.multiplyExact(s.time().getEpochSecond(), 1_000_000L),
                    s.time().getNano() / 1000);
            int n = s.rows();
            try {
                for (int i = 0; i < n; i++) {
                    Group g = groups.newGroup()
                            .append("channel", s.channel())
                            .append("snapshot_time", micros)
                            .append("snapshot_nanos", s.time().getNano())
                            .append("source", s.source())
                            .append("viewer_count", s.viewerCount())
                            .append("game_name", s.game())
                            .append("language", s.language())
                            .append("title", s.title())
                            .append("object_key", s.objectKey());
                    if (!s.viewers().isEmpty()) {
                        g.append("viewer", s.viewers().get(i));
                    }
                    g.append("evidence", s.viewers().isEmpty() ? 0 : s.evidence()[i]);
                    writer.write(g);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode compacted presence of " + s.objectKey(), e);
            }
            rows += n;
            snapshots++;
        }

        /** Rows written so far. */
        public long rows() {
            return rows;
        }

        /** Snapshots written so far. */
        public long snapshots() {
            return snapshots;
        }

        /** Closes the file and returns its bytes. */
        public byte[] finish() {
            close();
            return out.bytes();
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish a compacted presence Parquet file", e);
            }
        }
    }

    /** An empty file (the schema, no rows). */
    public static byte[] empty() {
        return new Writer().finish();
    }

    /**
     * Reads a file written by {@link Writer}, handing each snapshot (consecutive rows of one object key)
     * to {@code consumer} in stored order.
     *
     * @param location where the bytes came from, for messages
     * @return the number of rows read
     * @throws IllegalArgumentException naming {@code location} when the bytes are not such a file
     */
    public static long read(byte[] content, String location, Consumer<StoredSnapshot> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return readRows(content, location, (meta, viewers, evidence, count) -> {
            List<String> logins = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                logins.add(viewers[i].toStringUsingUTF8());
            }
            consumer.accept(new StoredSnapshot(meta.objectKey(), meta.channel(), meta.time(), meta.source(),
                    meta.viewerCount(), meta.game(), meta.language(), meta.title(), logins,
                    java.util.Arrays.copyOf(evidence, count)));
        });
    }

    /** A snapshot's columns other than its viewers. */
    record Meta(String objectKey, String channel, Instant time, String source, long viewerCount, String game,
                String language, String title) {
    }

    /**
     * Receives each stored snapshot with its viewers as the file's bytes (valid during the call):
     * {@code viewers[0, count)} and their evidence bits {@code evidence[0, count)}.
     */
    interface RowSink {
        void snapshot(Meta meta, Binary[] viewers, int[] evidence, int count);
    }

    /** Like {@link #read}, without a {@code String} per viewer: for loaders that hash the login's bytes. */
    static long readRows(byte[] content, String location, RowSink sink) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sink, "sink");
        ParquetReadOptions options = HadoopFreeReadOptions.with(SnappyCodecFactory.INSTANCE);
        long total = 0;
        try (ParquetFileReader reader = ParquetFileReader.open(ByteArrayFiles.input(content, location), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            if (!schema.equals(SCHEMA)) {
                throw new IllegalArgumentException(location + ": not a compacted presence file (schema " + schema
                        + ")");
            }
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            Rows rows = new Rows(sink);
            for (PageReadStore group = reader.readNextRowGroup(); group != null; group = reader.readNextRowGroup()) {
                ColumnReadStoreImpl columns = new ColumnReadStoreImpl(group,
                        new GroupRecordConverter(schema).getRootConverter(), schema, createdBy);
                rows.readGroup(columns, group.getRowCount());
                total += group.getRowCount();
            }
            rows.flush();
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith(location)) {
                throw iae;
            }
            throw new IllegalArgumentException(location + ": not a readable compacted presence file ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        return total;
    }

    /** Turns column values into snapshots: rows of one object key in a row are one snapshot. */
    private static final class Rows {
        private final RowSink sink;
        private Binary key;
        private Meta meta;
        private Binary[] viewers = new Binary[64];
        private int[] evidence = new int[64];
        private int count;

        Rows(RowSink sink) {
            this.sink = sink;
        }

        void readGroup(ColumnReadStoreImpl columns, long rowCount) {
            ColumnReader[] c = new ColumnReader[SCHEMA.getColumns().size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = columns.getColumnReader(SCHEMA.getColumns().get(i));
            }
            int viewerDefined = SCHEMA.getColumns().get(9).getMaxDefinitionLevel();
            for (long r = 0; r < rowCount; r++) {
                // Keys repeat for every viewer of a snapshot: compared as bytes, a String only per snapshot.
                Binary rowKey = c[8].getBinary();
                boolean newSnapshot = !rowKey.equals(key);
                if (newSnapshot) {
                    flush();
                    key = rowKey.copy();
                    long micros = c[1].getLong();
                    meta = new Meta(rowKey.toStringUsingUTF8(), c[0].getBinary().toStringUsingUTF8(),
                            Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), c[2].getInteger()),
                            c[3].getBinary().toStringUsingUTF8(), c[4].getLong(), c[5].getBinary().toStringUsingUTF8(),
                            c[6].getBinary().toStringUsingUTF8(), c[7].getBinary().toStringUsingUTF8());
                } else {
                    // A value not read must be skipped, or the column's decoder stays on it.
                    for (int i = 0; i < 8; i++) {
                        c[i].skip();
                    }
                }
                if (c[9].getCurrentDefinitionLevel() == viewerDefined) {
                    if (count == viewers.length) {
                        viewers = java.util.Arrays.copyOf(viewers, count * 2);
                        evidence = java.util.Arrays.copyOf(evidence, count * 2);
                    }
                    viewers[count] = c[9].getBinary();
                    evidence[count++] = c[10].getInteger();
                } else {
                    c[10].skip();
                }
                for (ColumnReader column : c) {
                    column.consume();
                }
            }
        }

        void flush() {
            if (key == null) {
                return;
            }
            sink.snapshot(meta, viewers, evidence, count);
            java.util.Arrays.fill(viewers, 0, count, null);
            count = 0;
            key = null;
        }
    }
}
