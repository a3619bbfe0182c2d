package io.vieweratlas.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.lake.LakeTimes;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * One VOD presence row as the original project wrote it: its live-snapshot record
 * ({@code PresenceSnapshot.to_live_snapshot_format()}) through {@code pandas.DataFrame.to_parquet},
 * or the same record as one JSON object ({@code snapshot_NNNN.json}).
 *
 * <p>Columns: {@code channel, timestamp, viewer_count, game_name, title, started_at, chatters,
 * platform, source, content_id, bucket_len_s, bucket_start_ts, offset_s} and the legacy
 * {@code _source, _content_id, _bucket_len_s, _offset_s}, all nullable. pandas decides each
 * column's Parquet type from its values, so a column that was always {@code None} is pyarrow's
 * null type, one mixing integers and {@code None} is a double, and a time may be a string or a
 * timestamp: values are read by what they are, not by one fixed type.
 *
 * @param channel       the channel login, lower case
 * @param contentId     {@code vod:<id>}
 * @param source        {@code vod} (the original's only VOD source)
 * @param platform      {@code twitch}
 * @param bucketStartTs the bucket's wall-clock start, when the row has one
 * @param startedAt     the VOD's start, when {@code started_at} holds a time (the original wrote
 *                      {@code "Unknown"} there when it had no bucket start)
 * @param offsetS       seconds from the VOD's start, when given
 * @param bucketLenS    bucket length in seconds
 * @param chatters      the chatters, lower case
 */
record OriginalVodRow(String channel, String contentId, PresenceSourceKind source, String platform,
                      Optional<Instant> bucketStartTs, Optional<Instant> startedAt, OptionalLong offsetS,
                      int bucketLenS, Set<String> chatters) {

    /** Columns that mark a Parquet file or JSON object as the original's VOD snapshot. */
    static final List<String> SIGNATURE = List.of("channel", "chatters");

    /** Whether {@code columns} are the original's VOD snapshot columns. */
    static boolean recognises(Set<String> columns) {
        return columns.containsAll(SIGNATURE)
                && (columns.contains("content_id") || columns.contains("_content_id"))
                && (columns.contains("offset_s") || columns.contains("_offset_s") || columns.contains("bucket_start_ts"));
    }

    /** The VOD id of {@code content_id} ({@code vod:<id>}). */
    String vodId() {
        return contentId.startsWith("vod:") ? contentId.substring(4) : contentId;
    }

    /**
     * This row as a bucket: its start is {@code bucket_start_ts}, else the VOD's start plus
     * {@code offset_s}, the VOD's start being {@code started_at} when it is a time, else
     * {@code vodStart}.
     *
     * @throws IllegalArgumentException when the row cannot be placed in time
     */
    VodBucket place(Optional<Instant> vodStart) {
        long offset = offsetS.orElse(0);
        Instant start;
        if (bucketStartTs.isPresent()) {
            start = bucketStartTs.get();
        } else if (offsetS.isEmpty()) {
            throw new IllegalArgumentException("neither bucket_start_ts nor offset_s is set");
        } else if (startedAt.isPresent()) {
            start = startedAt.get().plusSeconds(offset);
        } else if (vodStart.isPresent()) {
            start = vodStart.get().plusSeconds(offset);
        } else {
            throw new IllegalArgumentException("bucket_start_ts is null and started_at is not a time, and the start "
                    + "of VOD " + vodId() + " is not known (not in " + LakeLayout.VOD_QUEUE
                    + "): the bucket at offset " + offset + " s cannot be placed in time");
        }
        return new VodBucket(platform, source, channel, "", contentId, start, Math.max(0, offset), bucketLenS,
                new TreeSet<>(chatters));
    }

    /** Reads a row of a pandas-written Parquet file. */
    static OriginalVodRow of(Group g) {
        GroupType type = g.getType();
        return build(new Fields() {
            @Override
            public Optional<String> text(String name) {
                return value(g, type, name).map(Object::toString);
            }

            @Override
            public Optional<Object> raw(String name) {
                return value(g, type, name);
            }

            @Override
            public Optional<List<String>> list(String name) {
                if (!type.containsField(name) || g.getFieldRepetitionCount(name) == 0) {
                    return Optional.empty();
                }
                return Optional.of(strings(g.getGroup(name, 0)));
            }
        });
    }

    /** Reads one JSON object (the original's {@code snapshot_NNNN.json}). */
    static OriginalVodRow of(JsonNode n) {
        return build(new Fields() {
            @Override
            public Optional<String> text(String name) {
                JsonNode v = n.get(name);
                return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
            }

            @Override
            public Optional<Object> raw(String name) {
                JsonNode v = n.get(name);
                if (v == null || v.isNull()) {
                    return Optional.empty();
                }
                if (v.isIntegralNumber()) {
                    return Optional.of(v.asLong());
                }
                if (v.isNumber()) {
                    return Optional.of(v.asDouble());
                }
                return Optional.of(v.asText());
            }

            @Override
            public Optional<List<String>> list(String name) {
                JsonNode v = n.get(name);
                if (v == null || v.isNull()) {
                    return Optional.empty();
                }
                if (!v.isArray()) {
                    throw new IllegalArgumentException(name + " is not a list");
                }
                List<String> out = new java.util.ArrayList<>();
                for (JsonNode e : v) {
                    if (!e.isNull()) {
                        out.add(e.asText());
                    }
                }
                return Optional.of(out);
            }
        });
    }

    /** Named, nullable fields of one row, whatever the container. */
    private interface Fields {
        Optional<String> text(String name);

        Optional<Object> raw(String name);

        Optional<List<String>> list(String name);
    }

    private static OriginalVodRow build(Fields f) {
        String channel = f.text("channel").or(() -> f.text("channel_login"))
                .orElseThrow(() -> new IllegalArgumentException("channel is null"))
                .strip().toLowerCase(Locale.ROOT);
        String contentId = f.text("content_id").or(() -> f.text("_content_id"))
                .orElseThrow(() -> new IllegalArgumentException("content_id and _content_id are null"));
        if (!contentId.startsWith("vod:") || contentId.length() == 4) {
            throw new IllegalArgumentException("content_id '" + contentId + "' is not vod:<id>");
        }
        PresenceSourceKind source = PresenceSourceKind.fromWireName(
                f.text("source").or(() -> f.text("_source")).orElse("vod"));
        String platform = f.text("platform").orElse("twitch");
        long len = whole(f.raw("bucket_len_s").or(() -> f.raw("_bucket_len_s")), "bucket_len_s")
                .orElseThrow(() -> new IllegalArgumentException("bucket_len_s and _bucket_len_s are null"));
        if (len <= 0 || len > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bucket_len_s must be positive, was " + len);
        }
        OptionalLong offset = whole(f.raw("offset_s").or(() -> f.raw("_offset_s")), "offset_s")
                .map(OptionalLong::of).orElse(OptionalLong.empty());
        if (offset.isPresent() && offset.getAsLong() < 0) {
            throw new IllegalArgumentException("offset_s must not be negative, was " + offset.getAsLong());
        }
        Optional<Instant> bucketStart = time(f.raw("bucket_start_ts"), "bucket_start_ts");
        Optional<Instant> startedAt = f.raw("started_at").flatMap(v -> v instanceof Instant i ? Optional.of(i)
                : LakeTimes.isPlaceholder(v.toString()) ? Optional.empty() : LakeTimes.parse(v.toString()));
        TreeSet<String> chatters = new TreeSet<>();
        for (String c : f.list("chatters").orElse(List.of())) {
            String login = c.strip().toLowerCase(Locale.ROOT);
            if (!login.isEmpty()) {
                chatters.add(login);
            }
        }
        return new OriginalVodRow(channel, contentId, source, platform, bucketStart, startedAt, offset, (int) len,
                chatters);
    }

    /** A whole number from an integer, a double without fraction (pandas' int-with-NaN) or digits. */
    private static Optional<Long> whole(Optional<Object> value, String name) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Object v = value.get();
        if (v instanceof Long l) {
            return Optional.of(l);
        }
        if (v instanceof Integer i) {
            return Optional.of((long) i);
        }
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return Optional.empty();
            }
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(name + " is not a whole number: " + d);
            }
            return Optional.of(d.longValue());
        }
        try {
            return Optional.of(Long.parseLong(v.toString().strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a whole number: '" + v + "'");
        }
    }

    private static Optional<Instant> time(Optional<Object> value, String name) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Object v = value.get();
        if (v instanceof Instant i) {
            return Optional.of(i);
        }
        String s = v.toString();
        if (LakeTimes.isPlaceholder(s)) {
            return Optional.empty();
        }
        return Optional.of(LakeTimes.parse(s)
                .orElseThrow(() -> new IllegalArgumentException(name + " is not a time: '" + s + "'")));
    }

    /**
     * The value of a nullable primitive column: strings as {@code String}, integers as
     * {@code Long}, floating point as {@code Double}, timestamps as {@code Instant}; empty when
     * the column is absent or null (pyarrow's null type has no values at all).
     */
    private static Optional<Object> value(Group g, GroupType type, String name) {
        if (!type.containsField(name) || g.getFieldRepetitionCount(name) == 0) {
            return Optional.empty();
        }
        Type field = type.getType(name);
        if (!field.isPrimitive()) {
            throw new IllegalArgumentException(name + " is a nested column, expected a single value");
        }
        PrimitiveType p = field.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        return Optional.of(switch (p.getPrimitiveTypeName()) {
            case BINARY, FIXED_LEN_BYTE_ARRAY -> g.getString(name, 0);
            case INT32 -> (long) g.getInteger(name, 0);
            case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                    ? instant(g.getLong(name, 0), ts.getUnit()) : (Object) g.getLong(name, 0);
            case DOUBLE -> g.getDouble(name, 0);
            case FLOAT -> (double) g.getFloat(name, 0);
            case BOOLEAN -> g.getBoolean(name, 0);
            case INT96 -> throw new IllegalArgumentException(name + " is an INT96 timestamp, which is not supported");
        });
    }

    private static Instant instant(long v, LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> Instant.ofEpochMilli(v);
            case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L),
                    TimeUnit.MICROSECONDS.toNanos(Math.floorMod(v, 1_000_000L)));
            case NANOS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
        };
    }

    /**
     * The strings of a Parquet list: the standard three-level form ({@code repeated group list
     * { element }}, pyarrow's default) or the legacy names ({@code item}, {@code array}); the
     * repeated group's single field is read by position, so its name does not matter. Null
     * elements are dropped.
     */
    private static List<String> strings(Group list) {
        List<String> out = new java.util.ArrayList<>();
        GroupType listType = list.getType();
        if (listType.getFieldCount() != 1) {
            throw new IllegalArgumentException("chatters is not a list");
        }
        Type repeated = listType.getType(0);
        int n = list.getFieldRepetitionCount(0);
        for (int i = 0; i < n; i++) {
            if (repeated.isPrimitive()) {
                out.add(list.getString(0, i)); // two-level legacy list
                continue;
            }
            Group element = list.getGroup(0, i);
            if (element.getFieldRepetitionCount(0) > 0) {
                out.add(element.getString(0, 0));
            }
        }
        return out;
    }
}
