package io.vieweratlas.twitch.vod;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
        // Streamed: a long VOD's file is tens of MB, and only the comments' few fields are kept.
        JsonNode streamer = null;
        JsonNode video = null;
        boolean sawComments = false;
        Comments comments = new Comments(location);
        try (JsonParser p = JSON.getFactory().createParser(content)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(location
                        + ": expected a JSON object with streamer, video and comments");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "streamer" -> streamer = JSON.readTree(p);
                    case "video" -> video = JSON.readTree(p);
                    case "comments" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new IllegalArgumentException(location + ": 'comments' must be an array");
                        }
                        sawComments = true;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            comments.add(JSON.readTree(p));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(location + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (streamer == null || streamer.isNull()) {
            throw new IllegalArgumentException(location + ": missing 'streamer'");
        }
        if (video == null || video.isNull()) {
            throw new IllegalArgumentException(location + ": missing 'video'");
        }
        if (!sawComments) {
            throw new IllegalArgumentException(location + ": missing 'comments'");
        }
        String channelId = text(streamer, "id", location, "streamer.id");
        String login = streamer.hasNonNull("login") ? streamer.get("login").asText()
                : text(streamer, "name", location, "streamer.name");
        login = login.strip().toLowerCase(Locale.ROOT);
        String vodId = text(video, "id", location, "video.id");
        if (!vodId.matches("\\d+")) {
            throw new IllegalArgumentException(location + ": video.id must be digits, was '" + vodId + "'");
        }
        Instant createdAt;
        if (video.hasNonNull("created_at")) {
            try {
                createdAt = Instant.parse(video.get("created_at").asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(location + ": video.created_at is not an ISO-8601 time: '"
                        + video.get("created_at").asText() + "'", e);
            }
        } else if (comments.derivedStart != null) {
            createdAt = comments.derivedStart;
        } else {
            throw new IllegalArgumentException(location + ": no video.created_at and no comment created_at to"
                    + " place the VOD in time");
        }
        String title = video.path("title").asText("");
        return new VodChat(login, channelId, vodId, createdAt, title,
                new ChatReplay(vodId, comments.out, comments.deleted, comments.duplicates, 0, 0));
    }

    /** Collects comments one element at a time. */
    private static final class Comments {
        private final String location;
        private final List<ChatComment> out = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        private long deleted;
        private long duplicates;
        private Instant derivedStart;
        private int index;

        Comments(String location) {
            this.location = location;
        }

        void add(JsonNode c) {
            String where = "comments[" + index++ + "]";
            if (!c.isObject()) {
                throw new IllegalArgumentException(location + ": " + where + " is not an object");
            }
            String id = text(c, "_id", location, where + "._id");
            JsonNode commenter = c.get("commenter");
            if (commenter == null || commenter.isNull()) {
                if (ids.add(id)) {
                    deleted++;
                }
                return;
            }
            if (!ids.add(id)) {
                duplicates++;
                return;
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


    private static String text(JsonNode n, String field, String location, String path) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.isContainerNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException(location + ": missing or empty " + path);
        }
        return v.asText();
    }
}
