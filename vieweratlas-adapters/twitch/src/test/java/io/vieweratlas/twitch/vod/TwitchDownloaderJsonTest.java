package io.vieweratlas.twitch.vod;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwitchDownloaderJsonTest {
    static final String FILE = """
            {"FileInfo":{"Version":{"Major":1,"Minor":4,"Patch":0}},
             "streamer":{"name":"Alice","id":42},
             "video":{"title":"t","id":"123","created_at":"2026-11-20T18:00:00Z","start":0,"end":3600,"length":3600},
             "comments":[
               {"_id":"c1","created_at":"2026-11-20T18:00:05Z","content_offset_seconds":5,
                "commenter":{"display_name":"Bob","_id":"7","name":"bob"},"message":{"body":"hi"}},
               {"_id":"c2","content_offset_seconds":65.5,"commenter":null,"message":{"body":"gone"}},
               {"_id":"c3","content_offset_seconds":70,"commenter":{"display_name":"Carol","_id":"8","name":"Carol"},
                "message":{"body":"yo","fragments":[{"text":"yo"}]}},
               {"_id":"c3","content_offset_seconds":70,"commenter":{"display_name":"Carol","_id":"8","name":"carol"},
                "message":{"body":"yo"}}
             ],
             "embeddedData":null}
            """;

    @Test
    void readsStreamerVideoAndComments() {
        VodChat chat = TwitchDownloaderJson.read(FILE.getBytes(StandardCharsets.UTF_8), "a.json");
        assertEquals("alice", chat.channelLogin());
        assertEquals("42", chat.channelId());
        assertEquals("123", chat.vodId());
        assertEquals(Instant.parse("2026-11-20T18:00:00Z"), chat.createdAt());
        assertEquals(List.of("bob", "carol"), chat.replay().comments().stream().map(ChatComment::commenterLogin).toList());
        assertEquals(1, chat.replay().deletedCommenters());
        assertEquals(1, chat.replay().duplicates());
    }

    @Test
    void writtenRawReplayReadsBackTheSame() {
        VodChat chat = TwitchDownloaderJson.read(FILE.getBytes(StandardCharsets.UTF_8), "a.json");
        VodChat again = TwitchDownloaderJson.read(TwitchDownloaderJson.write(chat), "raw");
        assertEquals(chat.replay().comments(), again.replay().comments());
        assertEquals(chat.createdAt(), again.createdAt());
        assertEquals(chat.channelId(), again.channelId());
    }

    @Test
    void badFilesNameTheFileAndField() {
        String noId = FILE.replace("\"id\":\"123\"", "\"id\":\"\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwitchDownloaderJson.read(noId.getBytes(StandardCharsets.UTF_8), "x.json"));
        assertEquals("x.json: missing or empty video.id", e.getMessage());
        String badOffset = FILE.replace("\"content_offset_seconds\":5,", "\"content_offset_seconds\":\"five\",");
        e = assertThrows(IllegalArgumentException.class,
                () -> TwitchDownloaderJson.read(badOffset.getBytes(StandardCharsets.UTF_8), "y.json"));
        assertTrue(e.getMessage().startsWith("y.json: comments[0].content_offset_seconds"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TwitchDownloaderJson.read("[1]".getBytes(), "z.json"));
        assertTrue(e.getMessage().startsWith("z.json"), e.getMessage());
    }
}
