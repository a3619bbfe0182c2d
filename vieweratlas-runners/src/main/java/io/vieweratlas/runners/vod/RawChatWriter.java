package io.vieweratlas.runners.vod;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.lake.LakeLayout;
import io.vieweratlas.twitch.vod.ChatComment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes a VOD's raw chat to the lake as it arrives, in parts of bounded size, each a complete
 * TwitchDownloader chat file ({@code streamer}, {@code video}, {@code comments}): the first full
 * parts go to {@code chat.part-0001.json}, {@code chat.part-0002.json}, … next to
 * {@code chat.json}, which is written last, holds the remaining comments and lists the other
 * parts in {@code parts}. So a small VOD is one {@code chat.json} exactly as before, and
 * {@code chat.json} existing means the replay is complete; {@link #abort} deletes the parts
 * written so far, so that a stopped fetch leaves no partial object behind.
 *
 * <p>Memory is one part's bytes at most, whatever the replay's length. Comments are written in
 * the order they arrive (readers sort by offset). Not thread-safe.
 */
final class RawChatWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RawChatWriter.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** Default upper bound of one part's bytes. */
    static final int DEFAULT_PART_BYTES = 8 << 20;

    private final ObjectStore store;
    private final String channelLogin;
    private final String channelId;
    private final String vodId;
    private final Instant createdAt;
    private final String title;
    private final int partBytes;
    private final String dir;
    private final List<String> written = new ArrayList<>();
    private ByteArrayOutputStream buffer;
    private JsonGenerator gen;

    RawChatWriter(ObjectStore store, String channelLogin, String channelId, String vodId, Instant createdAt,
                  String title, int partBytes) {
        this.store = Objects.requireNonNull(store, "store");
        this.channelLogin = Objects.requireNonNull(channelLogin, "channelLogin");
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.vodId = Objects.requireNonNull(vodId, "vodId");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.title = Objects.requireNonNull(title, "title");
        if (partBytes < 1024) {
            throw new IllegalArgumentException("raw chat part size must be at least 1024 bytes, was " + partBytes);
        }
        this.partBytes = partBytes;
        String key = LakeLayout.vodChatKey(channelLogin, vodId);
        this.dir = key.substring(0, key.lastIndexOf('/') + 1);
        start();
    }

    /** The key of part {@code n} (1-based) of the raw chat at {@code chatKey}. */
    static String partKey(String chatKey, int n) {
        return chatKey.substring(0, chatKey.lastIndexOf('/') + 1) + String.format(Locale.ROOT, "chat.part-%04d.json", n);
    }

    void add(ChatComment c) {
        try {
            gen.writeStartObject();
            gen.writeStringField("_id", c.id());
            gen.writeNumberField("content_offset_seconds", c.offsetSeconds());
            gen.writeObjectFieldStart("commenter");
            gen.writeStringField("_id", c.commenterId());
            gen.writeStringField("name", c.commenterLogin());
            gen.writeStringField("display_name", c.displayName());
            gen.writeEndObject();
            gen.writeObjectFieldStart("message");
            gen.writeStringField("body", c.body());
            gen.writeEndObject();
            gen.writeEndObject();
            gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (buffer.size() >= partBytes) {
            String key = dir + String.format(Locale.ROOT, "chat.part-%04d.json", written.size() + 1);
            store.put(key, close(List.of()));
            written.add(key);
            start();
        }
    }

    /** Writes {@code chat.json} (the commit point), removes parts a longer earlier fetch left, returns its key. */
    String finish() {
        String key = LakeLayout.vodChatKey(channelLogin, vodId);
        List<String> names = written.stream().map(k -> k.substring(dir.length())).toList();
        store.put(key, close(names));
        List<String> stale;
        try (Stream<String> keys = store.listKeys(dir + "chat.part-")) {
            stale = keys.filter(k -> !written.contains(k)).toList();
        }
        stale.forEach(this::deleteQuietly); // chat.json does not list them: readers never take them
        return key;
    }

    /** Deletes the parts written so far (best effort: a failure is logged, the caller's failure matters more). */
    void abort() {
        written.forEach(this::deleteQuietly);
        written.clear();
    }

    private void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            // e.g. a role without s3:DeleteObject: the part is unlisted by any chat.json, so unread
            LOG.warn("Could not delete partial raw chat {}: {}", key, e.getMessage());
        }
    }

    /** Parts written before {@code chat.json}. */
    int parts() {
        return written.size();
    }

    private void start() {
        buffer = new ByteArrayOutputStream(Math.min(partBytes + 4096, 1 << 16));
        try {
            gen = JSON.createGenerator(buffer, JsonEncoding.UTF8);
            gen.writeStartObject();
            gen.writeObjectFieldStart("streamer");
            gen.writeStringField("name", channelLogin);
            gen.writeStringField("login", channelLogin);
            gen.writeStringField("id", channelId);
            gen.writeEndObject();
            gen.writeObjectFieldStart("video");
            gen.writeStringField("id", vodId);
            gen.writeStringField("title", title);
            gen.writeStringField("created_at", createdAt.toString());
            gen.writeEndObject();
            gen.writeArrayFieldStart("comments");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] close(List<String> parts) {
        try {
            gen.writeEndArray();
            if (!parts.isEmpty()) {
                gen.writeArrayFieldStart("parts");
                for (String p : parts) {
                    gen.writeString(p);
                }
                gen.writeEndArray();
            }
            gen.writeEndObject();
            gen.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = buffer.toByteArray();
        buffer = null;
        return bytes;
    }
}
