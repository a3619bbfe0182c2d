package io.vieweratlas.parquet;

import io.vieweratlas.core.model.PresenceSourceKind;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes and reads VOD presence buckets as Parquet bytes.
 *
 * <p>Schema (readable by DuckDB, Athena, pandas/pyarrow): {@code platform, source, channel_login,
 * channel_id, content_id} as UTF-8 strings, {@code bucket_start_ts} as a UTC timestamp in
 * milliseconds, {@code offset_s} int64, {@code bucket_len_s} int32, and {@code chatters} as a
 * standard three-level {@code list<string>}. Snappy-compressed, one row group; rows in offset
 * order, so equal buckets give identical bytes.
 */
public final class VodParquetCodec {
    /** The Parquet schema of a VOD presence file. */
    public static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("platform")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("source")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("channel_login")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("channel_id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("content_id")
            .required(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named("bucket_start_ts")
            .required(PrimitiveTypeName.INT64).named("offset_s")
            .required(PrimitiveTypeName.INT32).named("bucket_len_s")
            .requiredList().requiredElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named("chatters")
            .named("vod_presence");

    private VodParquetCodec() {
    }

    /** The buckets as a Parquet file, rows sorted by offset. */
    public static byte[] encode(List<VodBucket> buckets) {
        List<VodBucket> rows = new ArrayList<>(Objects.requireNonNull(buckets, "buckets"));
        rows.sort((a, b) -> Long.compare(a.offsetS(), b.offsetS()));
        return encode(rows.iterator());
    }

    /**
     * The buckets as a Parquet file, rows in the iterator's order (callers pass them sorted by
     * offset); each bucket is written and dropped before the next is asked for.
     */
    public static byte[] encode(java.util.Iterator<VodBucket> rows) {
        Objects.requireNonNull(rows, "rows");
        ByteArrayFiles.Output out = new ByteArrayFiles.Output();
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(out)
                .withConf(new PlainParquetConfiguration())
                .withType(SCHEMA)
                .withCodecFactory(SnappyCodecFactory.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withExtraMetaData(Map.of("writer", "vieweratlas"))
                .build()) {
            while (rows.hasNext()) {
                VodBucket b = rows.next();
                Group g = groups.newGroup()
                        .append("platform", b.platform())
                        .append("source", b.source().wireName())
                        .append("channel_login", b.channelLogin())
                        .append("channel_id", b.channelId())
                        .append("content_id", b.contentId())
                        .append("bucket_start_ts", b.bucketStart().toEpochMilli())
                        .append("offset_s", b.offsetS())
                        .append("bucket_len_s", b.bucketLenS());
                Group list = g.addGroup("chatters");
                for (String chatter : b.chatters()) {
                    list.addGroup("list").append("element", chatter);
                }
                writer.write(g);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode VOD presence buckets as Parquet", e);
        }
        return out.bytes();
    }

    /**
     * Reads a file written by {@link #encode} (or any file with the same column names and types),
     * or the original project's pandas-written VOD snapshots (see {@link #decode(byte[], String,
     * Function)}) whose rows carry their own time.
     *
     * @param location where the bytes came from, for messages (e.g. the lake key)
     * @throws IllegalArgumentException naming {@code location} when the bytes are not such a file
     */
    public static List<VodBucket> decode(byte[] content, String location) {
        return decode(content, location, vodId -> Optional.empty());
    }

    /**
     * Reads a VOD presence file, recognising its kind by its columns: this codec's
     * ({@code channel_login, channel_id}, int64 {@code bucket_start_ts}) or the original
     * project's ({@code channel, chatters, content_id} and {@code offset_s} or
     * {@code bucket_start_ts}, as pandas wrote its live-snapshot records). An original row is
     * placed at {@code bucket_start_ts}, else at the VOD's start plus {@code offset_s}, the VOD's
     * start being {@code started_at} when that is a time, else {@code vodStarts} of the VOD id.
     *
     * @param location  where the bytes came from, for messages (e.g. the lake key)
     * @param vodStarts the start of a VOD by id, for original rows that do not carry it
     * @throws IllegalArgumentException naming {@code location} when the bytes are neither kind, or
     *                                  a row is not a bucket (with its row number)
     */
    public static List<VodBucket> decode(byte[] content, String location,
                                         Function<String, Optional<Instant>> vodStarts) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(vodStarts, "vodStarts");
        InputFile in = ByteArrayFiles.input(content, location);
        List<VodBucket> out = new ArrayList<>();
        ParquetReadOptions options = HadoopFreeReadOptions.with(SnappyCodecFactory.INSTANCE);
        try (ParquetFileReader reader = ParquetFileReader.open(in, options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            boolean original = kind(schema, location);
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            for (PageReadStore rows = reader.readNextRowGroup(); rows != null; rows = reader.readNextRowGroup()) {
                RecordReader<Group> records = io.getRecordReader(rows, new GroupRecordConverter(schema));
                for (long i = 0; i < rows.getRowCount(); i++) {
                    Group g = records.read();
                    out.add(original ? originalBucket(g, location, out.size(), vodStarts)
                            : toBucket(g, location, out.size()));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith(location)) {
                throw iae;
            }
            throw new IllegalArgumentException(location + ": not a readable VOD presence Parquet file ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        return out;
    }

    /**
     * True for the original's pandas schema, false for this codec's; neither is an error naming
     * the columns each needs and the columns found.
     */
    private static boolean kind(MessageType schema, String location) {
        Set<String> columns = new TreeSet<>();
        schema.getFields().forEach(f -> columns.add(f.getName()));
        if (columns.contains("channel_login") && columns.contains("channel_id")
                && columns.contains("bucket_start_ts") && columns.contains("chatters")) {
            return false;
        }
        if (OriginalVodRow.recognises(columns)) {
            return true;
        }
        throw new IllegalArgumentException(location + ": neither a ViewerAtlas VOD presence file (columns "
                + "channel_login, channel_id, bucket_start_ts, chatters) nor the original's VOD snapshots (columns "
                + "channel, chatters, content_id and offset_s or bucket_start_ts); its columns are " + columns);
    }

    private static VodBucket originalBucket(Group g, String location, int row,
                                            Function<String, Optional<Instant>> vodStarts) {
        try {
            OriginalVodRow r = OriginalVodRow.of(g);
            return r.place(vodStarts.apply(r.vodId()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(location + ": row " + row + " is not a VOD presence bucket: "
                    + e.getMessage(), e);
        }
    }

    private static VodBucket toBucket(Group g, String location, int row) {
        try {
            TreeSet<String> chatters = new TreeSet<>();
            if (g.getFieldRepetitionCount("chatters") > 0) {
                Group list = g.getGroup("chatters", 0);
                int n = list.getFieldRepetitionCount("list");
                for (int i = 0; i < n; i++) {
                    chatters.add(list.getGroup("list", i).getString("element", 0));
                }
            }
            return new VodBucket(g.getString("platform", 0),
                    PresenceSourceKind.fromWireName(g.getString("source", 0)), g.getString("channel_login", 0),
                    g.getString("channel_id", 0), g.getString("content_id", 0),
                    Instant.ofEpochMilli(g.getLong("bucket_start_ts", 0)), g.getLong("offset_s", 0),
                    g.getInteger("bucket_len_s", 0), chatters);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(location + ": row " + row + " is not a VOD presence bucket: "
                    + e.getMessage(), e);
        }
    }


}
