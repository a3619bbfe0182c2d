package io.vieweratlas.twitch.vod;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * TwitchDownloader's chat JSON, read for {@code import} and written as the raw replay in the lake
 * (so a stored replay can be imported again and opened with TwitchDownloader's tools).
 *
 * <p>The fields used: {@code streamer{name, id, login?}}, {@code video{id, title?, created_at?}},
 * {@code comments[{_id, created_at?, content_offset_seconds, commenter{_id, name, display_name},
 * message{body}}]}. Comments without a commenter are skipped and counted like deleted users; a
 * repeated {@code _id} is kept once. When {@code video.created_at} is missing the start is derived
 * from the first comment's {@code created_at} minus its offset.
 */
public final class TwitchDownloaderJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TwitchDownloaderJson() {
    }

    /**
     * Parses a TwitchDownloader chat file.
     *
     * @param location the file name, for messages
     * @throws IllegalArgumentException naming {@code location} and the field when the file is not such JSON
     */
    public static VodChat read(byte[] content, String location) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            throw new IllegalArgumentException(location + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(location + ": expected a JSON object with streamer, video and comments");
        }
        JsonNode streamer = require(root, "streamer", location);
        JsonNode video = require(root, "video", location);
        JsonNode comments = require(root, "comments", location);
        if (!comments.isArray()) {
            throw new IllegalArgumentException(location + ": 'comments' must be an array");
        }
        String channelId = text(streamer, "id", location, "streamer.id");
        String login = streamer.hasNonNull("login") ? streamer.get("login").asText()
                : text(streamer, "name", location, "streamer.name");
        login = login.strip().toLowerCase(Locale.ROOT);
        String vodId = text(video, "id", location, "video.id");
        if (!vodId.matches("\\d+")) {
            throw new IllegalArgumentException(location + ": video.id must be digits, was '" + vodId + "'");
        }
        List<ChatComment> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        long deleted = 0;
        long duplicates = 0;
        Instant derivedStart = null;
        int index = 0;
        for (JsonNode c : comments) {
            String where = "comments[" + index++ + "]";
            String id = text(c, "_id", location, where + "._id");
            JsonNode commenter = c.get("commenter");
            if (commenter == null || commenter.isNull()) {
                if (ids.add(id)) {
                    deleted++;
                }
                continue;
            }
            if (!ids.add(id)) {
                duplicates++;
                continue;
            }
            JsonNode off = c.get("content_offset_seconds");
            if (off == null || !off.isNumber() || off.asDouble() < 0) {
                throw new IllegalArgumentException(location + ": " + where
                        + ".content_offset_seconds must be a number >= 0, was " + off);
            }
            String name = text(commenter, "name", location, where + ".commenter.name").toLowerCase(Locale.ROOT);
            String display = commenter.hasNonNull("display_name") ? commenter.get("display_name").asText() : name;
            String body = c.path("message").path("body").asText("");
            out.add(new ChatComment(id, off.asDouble(), commenter.path("_id").asText(""), name, display, body));
            if (derivedStart == null && c.hasNonNull("created_at")) {
                try {
                    derivedStart = Instant.parse(c.get("created_at").asText())
                            .minusMillis(Math.round(off.asDouble() * 1000));
                } catch (DateTimeParseException ignored) {
                    // fall through: video.created_at may still be there
                }
            }
        }
        Instant createdAt;
        if (video.hasNonNull("created_at")) {
            try {
                createdAt = Instant.parse(video.get("created_at").asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(location + ": video.created_at is not an ISO-8601 time: '"
                        + video.get("created_at").asText() + "'", e);
            }
        } else if (derivedStart != null) {
            createdAt = derivedStart;
        } else {
            throw new IllegalArgumentException(location + ": no video.created_at and no comment created_at to"
                    + " place the VOD in time");
        }
        String title = video.path("title").asText("");
        return new VodChat(login, channelId, vodId, createdAt, title,
                new ChatReplay(vodId, out, deleted, duplicates, 0, 0));
    }

    /** Writes {@code chat} in TwitchDownloader's layout (the fields {@link #read} uses), comments in offset order. */
    public static byte[] write(VodChat chat) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(bytes)) {
            g.writeStartObject();
            g.writeObjectFieldStart("streamer");
            g.writeStringField("name", chat.channelLogin());
            g.writeStringField("login", chat.channelLogin());
            g.writeStringField("id", chat.channelId());
            g.writeEndObject();
            g.writeObjectFieldStart("video");
            g.writeStringField("id", chat.vodId());
            g.writeStringField("title", chat.title());
            g.writeStringField("created_at", chat.createdAt().toString());
            g.writeEndObject();
            g.writeArrayFieldStart("comments");
            for (ChatComment c : chat.replay().comments()) {
                g.writeStartObject();
                g.writeStringField("_id", c.id());
                g.writeNumberField("content_offset_seconds", c.offsetSeconds());
                g.writeObjectFieldStart("commenter");
                g.writeStringField("_id", c.commenterId());
                g.writeStringField("name", c.commenterLogin());
                g.writeStringField("display_name", c.displayName());
                g.writeEndObject();
                g.writeObjectFieldStart("message");
                g.writeStringField("body", c.body());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static JsonNode require(JsonNode n, String field, String location) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(location + ": missing '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode n, String field, String location, String path) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.isContainerNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException(location + ": missing or empty " + path);
        }
        return v.asText();
    }
}
