package io.vieweratlas.parquet;

import io.vieweratlas.core.port.ObjectStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Test fixture: writes a lake into an {@link ObjectStore} byte for byte the way the original
 * Python project wrote it, so tests can prove its data loads unchanged.
 *
 * <ul>
 *   <li>live snapshots ({@code get_viewers.py log_results}, S3 layout):
 *   {@code raw/snapshots/YYYY/MM/DD/<channel>_<YYYYmmdd_HHMMSS>.json}, Python's
 *   {@code json.dump(indent=2)} of {@code timestamp, viewer_count, game_name, language, title,
 *   started_at, chatters}, and its CSV twin {@code raw/chatter_logs/…csv} written by
 *   {@code csv.writer} (CRLF, header {@code timestamp,channel,viewer_count,game_name,title,started_at,username},
 *   one sorted row per chatter);</li>
 *   <li>VOD presence ({@code vod_collector.py _write_snapshots}): the records of
 *   {@code PresenceSnapshot.to_live_snapshot_format()} through {@code DataFrame.to_parquet}
 *   (pyarrow, snappy) at {@code curated/presence_snapshots/source=vod/channel=<c>/vod=<id>/part-0000.parquet}
 *   (with S3) or {@code vod_snapshots/<c>/<id>/part-0000.parquet} plus one
 *   {@code snapshot_NNNN.json} per record (without S3, relative to its {@code logs} directory).</li>
 * </ul>
 *
 * <p>The Parquet schema is what pyarrow derives from such a DataFrame: object columns of strings
 * are {@code optional binary (STRING)}, integer columns {@code optional int64}, the chatters
 * {@code optional group (LIST) { repeated group list { optional binary element (STRING) } }}, a
 * column that is {@code None} in every row pyarrow's null type ({@code optional int32 (UNKNOWN)}),
 * and an integer column with some {@code None} a {@code double} (pandas turns it into float64 with
 * NaN). The footer carries the {@code pandas} metadata key as pyarrow writes it (not the
 * {@code ARROW:schema} key, which no reader here needs). Sources: the null type as INT32 with the
 * Null (UNKNOWN) annotation, https://github.com/apache/arrow/issues/11967; integers with NaN as
 * float columns, https://github.com/apache/arrow/issues/2043; the three-level list with
 * {@code element}, pyarrow's {@code use_compliant_nested_type=True} default
 * (https://arrow.apache.org/docs/python/generated/pyarrow.parquet.write_table.html).
 */
public final class OriginalLakeWriter {

    /** How the original's VOD rows say when a bucket was. */
    public enum Placement {
        /**
         * As {@code vod_collector.py} wrote every VOD: {@code bucket_start_ts} null,
         * {@code offset_s} set, {@code started_at} {@code "Unknown"}, {@code timestamp}
         * {@code "vod:<id>_offset_<n>"}; the VOD's start is not in the file.
         */
        OFFSET_ONLY,
        /** {@code bucket_start_ts} null, {@code offset_s} set, {@code started_at} the VOD's start (ISO). */
        OFFSET_AND_STARTED_AT,
        /** {@code bucket_start_ts} the bucket's start (ISO), {@code offset_s} null. */
        BUCKET_START
    }

    /** Where the original put a VOD's files. */
    public enum Location {
        /** With S3 (or any storage backend): the curated Parquet only. */
        CURATED,
        /** Without S3: {@code vod_snapshots/<c>/<id>/part-0000.parquet} and its JSON twins. */
        LOCAL,
        /** Without S3 when writing Parquet failed (no pyarrow): the JSON twins only. */
        LOCAL_JSON_ONLY
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private final ObjectStore store;

    /** @param store where the lake's keys are written */
    public OriginalLakeWriter(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * One live snapshot and its CSV twin, as the original's collector wrote them at {@code time}
     * (its containers ran in UTC).
     *
     * @return the JSON key
     */
    public String liveSnapshot(String channel, Instant time, long viewerCount, String game, String language,
                               String title, Instant startedAt, SortedSet<String> chatters) {
        LocalDateTime utc = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        String timestamp = iso(time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)); // isoformat(timespec="seconds")
        String started = DateTimeFormatter.ISO_INSTANT.format(startedAt);
        String base = DAY.format(utc) + "/" + channel + "_" + FILE_TIME.format(utc);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", timestamp);
        json.put("viewer_count", viewerCount);
        json.put("game_name", game);
        json.put("language", language);
        json.put("title", title);
        json.put("started_at", started);
        json.put("chatters", new ArrayList<>(chatters)); // list(set): any order; sorted here
        String jsonKey = "raw/snapshots/" + base + ".json";
        store.put(jsonKey, PythonJson.dump(json).getBytes(StandardCharsets.UTF_8));
        StringBuilder csv = new StringBuilder("timestamp,channel,viewer_count,game_name,title,started_at,username\r\n");
        for (String user : chatters) {
            csv.append(String.join(",", csvField(timestamp), csvField(channel), Long.toString(viewerCount),
                    csvField(game), csvField(title), csvField(started), csvField(user))).append("\r\n");
        }
        store.put("raw/chatter_logs/" + base + ".csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        return jsonKey;
    }

    /**
     * One VOD's presence buckets.
     *
     * @param buckets    chatters per bucket offset (seconds from the VOD's start)
     * @param vodStart   when the VOD began (written only where {@code placement} puts it)
     * @return the keys written
     */
    public List<String> vod(String channel, String vodId, Instant vodStart, int bucketLenS,
                            SortedMap<Long, SortedSet<String>> buckets, Placement placement, Location location) {
        List<Map<String, Object>> records = records(channel, vodId, vodStart, bucketLenS, buckets, placement);
        List<String> keys = new ArrayList<>();
        String folder = location == Location.CURATED
                ? "curated/presence_snapshots/source=vod/channel=" + channel + "/vod=" + vodId + "/"
                : "vod_snapshots/" + channel + "/" + vodId + "/";
        if (location != Location.LOCAL_JSON_ONLY) {
            store.put(folder + "part-0000.parquet", parquet(records));
            keys.add(folder + "part-0000.parquet");
        }
        if (location != Location.CURATED) {
            for (int i = 0; i < records.size(); i++) {
                String key = folder + String.format("snapshot_%04d.json", i);
                store.put(key, PythonJson.dump(records.get(i)).getBytes(StandardCharsets.UTF_8));
                keys.add(key);
            }
        }
        return keys;
    }

    /** The records of {@code to_live_snapshot_format()}, one per bucket, in offset order. */
    public static List<Map<String, Object>> records(String channel, String vodId, Instant vodStart, int bucketLenS,
                                                    SortedMap<Long, SortedSet<String>> buckets, Placement placement) {
        List<Map<String, Object>> out = new ArrayList<>();
        String contentId = "vod:" + vodId;
        for (Map.Entry<Long, SortedSet<String>> b : buckets.entrySet()) {
            long offset = b.getKey();
            String bucketStart = placement == Placement.BUCKET_START ? iso(vodStart.plusSeconds(offset)) : null;
            Long offsetS = placement == Placement.BUCKET_START ? null : offset;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("channel", channel);
            r.put("timestamp", bucketStart != null ? bucketStart : contentId + "_offset_" + offset);
            r.put("viewer_count", (long) b.getValue().size());
            r.put("game_name", "Unknown");
            r.put("title", "VOD Replay");
            r.put("started_at", placement == Placement.OFFSET_AND_STARTED_AT ? iso(vodStart)
                    : bucketStart != null ? bucketStart : "Unknown");
            r.put("chatters", new ArrayList<>(b.getValue()));
            r.put("platform", "twitch");
            r.put("source", "vod");
            r.put("content_id", contentId);
            r.put("bucket_len_s", (long) bucketLenS);
            r.put("bucket_start_ts", bucketStart);
            r.put("offset_s", offsetS);
            r.put("_source", "vod");
            r.put("_content_id", contentId);
            r.put("_bucket_len_s", (long) bucketLenS);
            r.put("_offset_s", offsetS);
            out.add(r);
        }
        return out;
    }

    /** Python's {@code datetime.isoformat()} of a UTC time without zone. */
    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    /**
     * {@code pd.DataFrame(records).to_parquet(path, index=False)}: each column's Parquet type as
     * pyarrow infers it from the values (see the class comment), snappy, one row group.
     */
    public static byte[] parquet(List<Map<String, Object>> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("pandas writes no rows without columns; give at least one record");
        }
        List<String> columns = new ArrayList<>(records.get(0).keySet());
        Types.MessageTypeBuilder schema = Types.buildMessage();
        Map<String, String> pandasTypes = new LinkedHashMap<>();
        Map<String, String> numpyTypes = new LinkedHashMap<>();
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (String c : columns) {
            Kind k = kind(records, c);
            kinds.put(c, k);
            switch (k) {
                case STRING -> {
                    schema.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c);
                    pandasTypes.put(c, "unicode");
                    numpyTypes.put(c, "object");
                }
                case INT -> {
                    schema.optional(PrimitiveTypeName.INT64).named(c);
                    pandasTypes.put(c, "int64");
                    numpyTypes.put(c, "int64");
                }
                case FLOAT -> {
                    schema.optional(PrimitiveTypeName.DOUBLE).named(c);
                    pandasTypes.put(c, "float64");
                    numpyTypes.put(c, "float64");
                }
                case NULL -> {
                    schema.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.unknownType()).named(c);
                    pandasTypes.put(c, "empty");
                    numpyTypes.put(c, "object");
                }
                case TIME -> { // a datetime64[ns] column, as pyarrow writes it for Parquet format 2.6
                    schema.optional(PrimitiveTypeName.INT64)
                            .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.NANOS))
                            .named(c);
                    pandasTypes.put(c, "datetime");
                    numpyTypes.put(c, "datetime64[ns]");
                }
                case LIST -> {
                    schema.optionalList().optionalElement(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType()).named(c);
                    pandasTypes.put(c, "list[unicode]");
                    numpyTypes.put(c, "object");
                }
            }
        }
        MessageType type = schema.named("schema");
        ByteArrayFiles.Output out = new ByteArrayFiles.Output();
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(out)
                .withConf(new PlainParquetConfiguration())
                .withType(type)
                .withCodecFactory(SnappyCodecFactory.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withExtraMetaData(Map.of("pandas", pandasMetadata(columns, pandasTypes, numpyTypes)))
                .build()) {
            for (Map<String, Object> r : records) {
                Group g = groups.newGroup();
                for (String c : columns) {
                    Object v = r.get(c);
                    if (v == null) {
                        continue;
                    }
                    switch (kinds.get(c)) {
                        case STRING -> g.append(c, (String) v);
                        case INT -> g.append(c, ((Number) v).longValue());
                        case FLOAT -> g.append(c, ((Number) v).doubleValue());
                        case TIME -> g.append(c, Math.addExact(Math.multiplyExact(((Instant) v).getEpochSecond(),
                                1_000_000_000L), ((Instant) v).getNano()));
                        case LIST -> {
                            Group list = g.addGroup(c);
                            for (Object e : (List<?>) v) {
                                Group element = list.addGroup("list");
                                if (e != null) {
                                    element.append("element", (String) e);
                                }
                            }
                        }
                        case NULL -> throw new IllegalStateException("value in a null column");
                    }
                }
                writer.write(g);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.bytes();
    }

    private enum Kind { STRING, INT, FLOAT, NULL, LIST, TIME }

    /** pandas' dtype of a column: object of str, int64, float64 (ints with None), datetime64, all None, lists. */
    private static Kind kind(List<Map<String, Object>> records, String column) {
        boolean anyNull = false;
        Kind seen = null;
        for (Map<String, Object> r : records) {
            Object v = r.get(column);
            if (v == null) {
                anyNull = true;
            } else if (v instanceof List<?>) {
                seen = Kind.LIST;
            } else if (v instanceof Long || v instanceof Integer) {
                seen = seen == null ? Kind.INT : seen;
            } else if (v instanceof Double) {
                seen = Kind.FLOAT;
            } else if (v instanceof Instant) {
                seen = Kind.TIME;
            } else {
                seen = Kind.STRING;
            }
        }
        if (seen == null) {
            return Kind.NULL;
        }
        return seen == Kind.INT && anyNull ? Kind.FLOAT : seen;
    }

    /** The {@code pandas} footer key as pyarrow writes it for {@code index=False}. */
    private static String pandasMetadata(List<String> columns, Map<String, String> pandasTypes,
                                         Map<String, String> numpyTypes) {
        StringBuilder s = new StringBuilder("{\"index_columns\": [], \"column_indexes\": [], \"columns\": [");
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            s.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(c).append("\", \"field_name\": \"").append(c)
                    .append("\", \"pandas_type\": \"").append(pandasTypes.get(c)).append("\", \"numpy_type\": \"")
                    .append(numpyTypes.get(c)).append("\", \"metadata\": null}");
        }
        return s.append("], \"creator\": {\"library\": \"pyarrow\", \"version\": \"15.0.0\"}, ")
                .append("\"pandas_version\": \"2.2.0\"}").toString();
    }

    private static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** Python's {@code json.dump(obj, indent=2)} for maps, lists, strings, whole numbers and None. */
    static final class PythonJson {
        private PythonJson() {
        }

        static String dump(Object value) {
            StringBuilder out = new StringBuilder();
            write(out, value, 0);
            return out.toString();
        }

        private static void write(StringBuilder out, Object v, int depth) {
            if (v == null) {
                out.append("null");
            } else if (v instanceof String s) {
                out.append('"');
                for (char c : s.toCharArray()) {
                    switch (c) {
                        case '"' -> out.append("\\\"");
                        case '\\' -> out.append("\\\\");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        case '\t' -> out.append("\\t");
                        default -> {
                            if (c < 0x20 || c > 0x7e) {
                                out.append(String.format("\\u%04x", (int) c)); // ensure_ascii=True
                            } else {
                                out.append(c);
                            }
                        }
                    }
                }
                out.append('"');
            } else if (v instanceof Number n) {
                out.append(n);
            } else if (v instanceof Map<?, ?> m) {
                if (m.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.append(i++ == 0 ? "" : ",").append('\n').append("  ".repeat(depth + 1));
                    write(out, e.getKey().toString(), depth + 1);
                    out.append(": ");
                    write(out, e.getValue(), depth + 1);
                }
                out.append('\n').append("  ".repeat(depth)).append('}');
            } else if (v instanceof List<?> l) {
                if (l.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append('[');
                for (int i = 0; i < l.size(); i++) {
                    out.append(i == 0 ? "" : ",").append('\n').append("  ".repeat(depth + 1));
                    write(out, l.get(i), depth + 1);
                }
                out.append('\n').append("  ".repeat(depth)).append(']');
            } else {
                throw new IllegalArgumentException("not JSON: " + v);
            }
        }
    }

    /** Sorted chatters, for callers. */
    public static SortedSet<String> chatters(String... logins) {
        return new TreeSet<>(List.of(logins));
    }
}
