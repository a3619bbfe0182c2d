package io.vieweratlas.lake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.vieweratlas.core.model.Evidence;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import io.vieweratlas.core.model.StreamMetadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes snapshot JSON in the original project's format, extended compatibly.
 *
 * <p><b>The original's file</b> ({@code twitchiobot/src/get_viewers.py}, written with
 * {@code json.dump(..., indent=2)}) has, in this order: {@code timestamp} (local time without
 * zone from {@code isoformat(timespec="seconds")}; its collectors ran in UTC, so it is read as
 * UTC), {@code viewer_count} (a number, or the placeholder {@code "Unavailable"}),
 * {@code game_name}, {@code language} (absent in early files), {@code title},
 * {@code started_at} (Helix form {@code 2024-01-15T12:00:00Z}, or {@code "Unknown"}) and
 * {@code chatters} (logins in no particular order). It has <em>no</em> {@code channel} field:
 * the channel is only in the key, so decoding takes the key's channel as a fallback.
 *
 * <p><b>What this codec writes</b>: {@code channel} first, then the original's fields in the
 * original's order and layout (Python's indent-2 style, non-ASCII escaped as {@code \\uXXXX}
 * like Python's {@code ensure_ascii}), so Python tools read it unchanged; then the new optional
 * fields {@code source} (live, irc, vod, import, synthetic), {@code window_s} (seconds),
 * {@code schema_version} (2), {@code evidence} ({@code {"message": [...], "join": [...],
 * "names": [...]}}, sorted logins, only non-empty kinds, absent when nothing was recorded),
 * {@code channel_id} and {@code content_id} (when known). Chatters are sorted; the timestamp is
 * written like the original (UTC, no zone, fraction only when non-zero); {@code started_at} in
 * Helix form, or {@code ""} when unknown. Equal snapshots give identical bytes.
 *
 * <p><b>Reading</b> is streaming (Jackson {@link JsonParser}) and strict about what matters:
 * bad or truncated JSON (with line and column), an empty file, wrong types (e.g.
 * {@code "chatters": "x"}, {@code "viewer_count": "abc"}), duplicate fields, a missing or blank
 * channel, a missing or unparseable timestamp and an unparseable {@code started_at} are
 * rejected with a {@link SnapshotFormatException} saying exactly that. It is lenient where the
 * original was loose: {@code null} or placeholder metadata becomes empty (0 viewers, empty
 * text, no start time); unknown fields are ignored; channel and chatter logins are trimmed and
 * lower-cased; duplicate and blank chatters are dropped.
 */
public final class SnapshotJsonCodec {

    /** The schema version this codec writes and the newest it reads. */
    public static final int SCHEMA_VERSION = 2;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** Creates a codec; instances are stateless and thread-safe. */
    public SnapshotJsonCodec() {
    }

    // ---- writing --------------------------------------------------------------------------

    /** The snapshot as JSON bytes (UTF-8, ASCII-only in fact); equal snapshots give equal bytes. */
    public byte[] encode(PresenceSnapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 24 * snapshot.chatters().size());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new PythonIndentPrinter());
            StreamMetadata stream = snapshot.stream();
            g.writeStartObject();
            g.writeStringField("channel", snapshot.channel());
            g.writeStringField("timestamp", LakeTimes.formatTimestamp(snapshot.timestamp()));
            g.writeNumberField("viewer_count", stream.viewerCount());
            g.writeStringField("game_name", stream.gameName());
            g.writeStringField("language", stream.language());
            g.writeStringField("title", stream.title());
            g.writeStringField("started_at", stream.startedAt().map(LakeTimes::formatStartedAt).orElse(""));
            writeLogins(g, "chatters", snapshot.chatters());
            g.writeStringField("source", snapshot.source().wireName());
            g.writeFieldName("window_s");
            writeSeconds(g, snapshot.window());
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            if (!snapshot.evidence().isEmpty()) {
                writeEvidence(g, snapshot.evidence());
            }
            if (snapshot.channelId().isPresent()) {
                g.writeStringField("channel_id", snapshot.channelId().get());
            }
            if (snapshot.contentId().isPresent()) {
                g.writeStringField("content_id", snapshot.contentId().get());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e); // cannot happen for a byte array
        }
        return out.toByteArray();
    }

    private static void writeLogins(JsonGenerator g, String field, Iterable<String> logins) throws IOException {
        g.writeArrayFieldStart(field);
        for (String login : logins) {
            g.writeString(login);
        }
        g.writeEndArray();
    }

    private static void writeSeconds(JsonGenerator g, Duration d) throws IOException {
        if (d.getNano() == 0) {
            g.writeNumber(d.getSeconds());
        } else {
            g.writeNumber(BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9)).stripTrailingZeros());
        }
    }

    private static void writeEvidence(JsonGenerator g, Map<String, Set<Evidence>> evidence) throws IOException {
        Map<Evidence, TreeSet<String>> byKind = new EnumMap<>(Evidence.class);
        evidence.forEach((login, kinds) -> kinds.forEach(k -> byKind.computeIfAbsent(k, x -> new TreeSet<>()).add(login)));
        g.writeObjectFieldStart("evidence");
        for (Map.Entry<Evidence, TreeSet<String>> e : byKind.entrySet()) {
            writeLogins(g, e.getKey().wireName(), e.getValue());
        }
        g.writeEndObject();
    }

    // ---- reading --------------------------------------------------------------------------

    /**
     * Decodes a snapshot file.
     *
     * @param content    the file's bytes
     * @param keyChannel the channel named by the file's key; used when the file has no
     *                   {@code channel} field (the original's files) and checked against it otherwise
     * @throws SnapshotFormatException with the precise reason the file is unusable
     */
    public PresenceSnapshot decode(byte[] content, Optional<String> keyChannel) throws SnapshotFormatException {
        if (content.length == 0) {
            throw new SnapshotFormatException("empty file (0 bytes)");
        }
        try (JsonParser p = FACTORY.createParser(content)) {
            return read(p, keyChannel);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Like {@link #decode(byte[], Optional)}, reading from a stream (which it does not close). */
    public PresenceSnapshot decode(InputStream in, Optional<String> keyChannel) throws SnapshotFormatException {
        try (JsonParser p = FACTORY.createParser(in)) {
            return read(p, keyChannel);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private static SnapshotFormatException translate(IOException e) {
        if (e instanceof JsonEOFException eof) {
            return new SnapshotFormatException("truncated JSON: input ends inside a value at " + where(eof.getLocation()), e);
        }
        if (e instanceof InputCoercionException coercion) {
            return new SnapshotFormatException("number out of range at " + where(coercion.getLocation()) + ": "
                    + coercion.getOriginalMessage(), e);
        }
        if (e instanceof JsonProcessingException early && early.getOriginalMessage() != null
                && early.getOriginalMessage().contains("end-of-input")) {
            return new SnapshotFormatException("truncated JSON: input ends early at " + where(early.getLocation()) + " ("
                    + early.getOriginalMessage() + ")", e);
        }
        if (e instanceof JsonProcessingException bad) {
            return new SnapshotFormatException("bad JSON at " + where(bad.getLocation()) + ": " + bad.getOriginalMessage(), e);
        }
        return new SnapshotFormatException("unreadable: " + e.getMessage(), e);
    }

    private static String where(JsonLocation loc) {
        return loc == null ? "unknown position" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    /** Fields as read, before validation across fields. */
    private static final class Fields {
        String channel;
        boolean channelSeen;
        String timestamp;
        long viewerCount;
        String gameName = "";
        String language = "";
        String title = "";
        Instant startedAt;
        List<String> chatters;
        PresenceSourceKind source = PresenceSourceKind.LIVE;
        Duration window = Duration.ZERO;
        Map<Evidence, List<String>> evidence = new EnumMap<>(Evidence.class);
        String channelId;
        String contentId;
    }

    private PresenceSnapshot read(JsonParser p, Optional<String> keyChannel) throws IOException, SnapshotFormatException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new SnapshotFormatException("empty file (no JSON value, only whitespace)");
        }
        if (t != JsonToken.START_OBJECT) {
            throw new SnapshotFormatException("expected a JSON object, found " + describe(p, t) + " at " + where(p.currentTokenLocation()));
        }
        Fields f = new Fields();
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "channel" -> {
                    f.channelSeen = true;
                    f.channel = text(p, v, name);
                }
                case "timestamp" -> f.timestamp = text(p, v, name);
                case "viewer_count" -> f.viewerCount = viewerCount(p, v);
                case "game_name" -> f.gameName = orEmpty(text(p, v, name));
                case "language" -> f.language = orEmpty(text(p, v, name));
                case "title" -> f.title = orEmpty(text(p, v, name));
                case "started_at" -> f.startedAt = startedAt(p, v);
                case "chatters" -> f.chatters = logins(p, v, name);
                case "source" -> f.source = source(p, v);
                case "window_s" -> f.window = window(p, v);
                case "schema_version" -> schemaVersion(p, v);
                case "evidence" -> evidence(p, v, f.evidence);
                case "channel_id" -> f.channelId = id(p, v, name);
                case "content_id" -> f.contentId = text(p, v, name);
                default -> p.skipChildren(); // unknown fields: written by newer or other tools, not ours to judge
            }
        }
        if (p.nextToken() != null) {
            throw new SnapshotFormatException("unexpected content after the snapshot object at " + where(p.currentTokenLocation()));
        }
        return build(f, keyChannel);
    }

    private static PresenceSnapshot build(Fields f, Optional<String> keyChannel) throws SnapshotFormatException {
        String channel;
        if (f.channelSeen) {
            if (f.channel == null || f.channel.isBlank()) {
                throw new SnapshotFormatException("channel is " + (f.channel == null ? "null" : "blank"));
            }
            channel = f.channel.strip().toLowerCase(Locale.ROOT);
            if (keyChannel.isPresent() && !keyChannel.get().equals(channel)) {
                throw new SnapshotFormatException("channel '" + channel + "' does not match '" + keyChannel.get()
                        + "' named by the key");
            }
        } else {
            channel = keyChannel.orElseThrow(() -> new SnapshotFormatException("missing channel (no 'channel' field and no key to take it from)"));
        }
        if (f.timestamp == null) {
            throw new SnapshotFormatException("missing timestamp");
        }
        Instant timestamp = LakeTimes.parse(f.timestamp).orElseThrow(() -> new SnapshotFormatException(
                "timestamp '" + f.timestamp + "' is not an ISO-8601 date-time"));
        if (f.chatters == null) {
            throw new SnapshotFormatException("missing chatters");
        }
        try {
            PresenceSnapshot.Builder b = PresenceSnapshot.builder(channel, timestamp)
                    .window(f.window)
                    .source(f.source)
                    .stream(new StreamMetadata(f.viewerCount, f.gameName, f.language, f.title, Optional.ofNullable(f.startedAt)))
                    .chatters(f.chatters);
            f.evidence.forEach((kind, logins) -> logins.forEach(login -> b.evidence(login, kind)));
            if (f.channelId != null && !f.channelId.isBlank()) {
                b.channelId(f.channelId);
            }
            if (f.contentId != null && !f.contentId.isBlank()) {
                b.contentId(f.contentId);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new SnapshotFormatException(e.getMessage(), e);
        }
    }

    // ---- field readers ----------------------------------------------------------------------

    private static String text(JsonParser p, JsonToken v, String field) throws IOException, SnapshotFormatException {
        if (v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrongType(p, v, field, "a string");
    }

    /** Twitch ids are strings, but tools that export them as numbers are common: both are accepted. */
    private static String id(JsonParser p, JsonToken v, String field) throws IOException, SnapshotFormatException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        return text(p, v, field);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static long viewerCount(JsonParser p, JsonToken v) throws IOException, SnapshotFormatException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            long n = p.getLongValue();
            if (n < 0) {
                throw new SnapshotFormatException("viewer_count must not be negative, found " + n + " at "
                        + where(p.currentTokenLocation()));
            }
            return n;
        }
        if (v == JsonToken.VALUE_NULL || (v == JsonToken.VALUE_STRING && LakeTimes.isPlaceholder(p.getText()))) {
            return 0; // the original wrote "Unavailable" when Helix gave no count
        }
        throw wrongType(p, v, "viewer_count", "a whole number");
    }

    private static Instant startedAt(JsonParser p, JsonToken v) throws IOException, SnapshotFormatException {
        String s = text(p, v, "started_at");
        if (s == null || LakeTimes.isPlaceholder(s)) {
            return null;
        }
        return LakeTimes.parse(s).orElseThrow(() -> new SnapshotFormatException("started_at '" + s
                + "' is not an ISO-8601 date-time at " + where(p.currentTokenLocation())));
    }

    private static List<String> logins(JsonParser p, JsonToken v, String field) throws IOException, SnapshotFormatException {
        if (v != JsonToken.START_ARRAY) {
            throw wrongType(p, v, field, "an array of logins");
        }
        List<String> logins = new ArrayList<>();
        int index = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw wrongType(p, t, field + "[" + index + "]", "a string");
            }
            String login = p.getText().strip().toLowerCase(Locale.ROOT);
            if (!login.isEmpty()) {
                logins.add(login);
            }
            index++;
        }
        return logins;
    }

    private static PresenceSourceKind source(JsonParser p, JsonToken v) throws IOException, SnapshotFormatException {
        String s = text(p, v, "source");
        if (s == null) {
            return PresenceSourceKind.LIVE;
        }
        try {
            return PresenceSourceKind.fromWireName(s);
        } catch (IllegalArgumentException e) {
            throw new SnapshotFormatException(e.getMessage() + " at " + where(p.currentTokenLocation()), e);
        }
    }

    private static Duration window(JsonParser p, JsonToken v) throws IOException, SnapshotFormatException {
        if (v == JsonToken.VALUE_NULL) {
            return Duration.ZERO;
        }
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType(p, v, "window_s", "a number of seconds");
        }
        BigDecimal seconds = p.getDecimalValue();
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            throw new SnapshotFormatException("window_s must be between 0 and " + Long.MAX_VALUE / 2 + " seconds, found "
                    + seconds.toPlainString() + " at " + where(p.currentTokenLocation()));
        }
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Duration.ofSeconds(whole, nanos);
    }

    private static void schemaVersion(JsonParser p, JsonToken v) throws IOException, SnapshotFormatException {
        if (v != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(p, v, "schema_version", "a whole number");
        }
        long version = p.getLongValue();
        if (version < 1 || version > SCHEMA_VERSION) {
            throw new SnapshotFormatException("schema_version " + version + " is not supported (this reader knows 1 to "
                    + SCHEMA_VERSION + ")");
        }
    }

    private static void evidence(JsonParser p, JsonToken v, Map<Evidence, List<String>> into)
            throws IOException, SnapshotFormatException {
        if (v == JsonToken.VALUE_NULL) {
            return;
        }
        if (v != JsonToken.START_OBJECT) {
            throw wrongType(p, v, "evidence", "an object of login arrays");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String kindName = p.currentName();
            Evidence kind;
            try {
                kind = Evidence.fromWireName(kindName);
            } catch (IllegalArgumentException e) {
                throw new SnapshotFormatException("evidence has " + e.getMessage() + " at " + where(p.currentTokenLocation()), e);
            }
            into.put(kind, logins(p, p.nextToken(), "evidence." + kindName));
        }
    }

    private static SnapshotFormatException wrongType(JsonParser p, JsonToken found, String field, String expected)
            throws IOException {
        return new SnapshotFormatException(field + " must be " + expected + ", found " + describe(p, found) + " at "
                + where(p.currentTokenLocation()));
    }

    private static String describe(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> "string \"" + abbreviate(p.getText()) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + p.getText();
            case VALUE_TRUE, VALUE_FALSE -> "boolean " + p.getText();
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
