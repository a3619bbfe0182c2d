package io.vieweratlas.lake;

import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.out.ProcessedDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LakeLayoutTest {

    @Test
    void buildsTheDesignsKeys() {
        Instant t = Instant.parse("2024-01-05T04:03:02.999Z");
        assertEquals("raw/snapshots/2024/01/05/some_user_20240105_040302.json", LakeLayout.snapshotKey("some_user", t));
        assertEquals("raw/chatter_logs/2024/01/05/some_user_20240105_040302.csv", LakeLayout.chatterLogKey("some_user", t));
        assertEquals("raw/vod_chat/channel=xqc/vod_id=123/chat.json", LakeLayout.vodChatKey("xqc", "123"));
        assertEquals("curated/presence_snapshots/source=vod/channel=xqc/vod=123/part-0000.parquet",
                LakeLayout.curatedVodKey("xqc", "123"));
        assertEquals("state/daily_collection_state.json", LakeLayout.DAILY_COLLECTION_STATE);
        assertEquals("state/vod_queue.json", LakeLayout.VOD_QUEUE);
        assertEquals("processed/analysis_results.json", LakeLayout.ANALYSIS_RESULTS);
        assertEquals("runs/collect/20240105T040302.999Z.json", LakeLayout.runRecordKey("collect", t));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XQC", "a/b", "", "x y", "../x"})
    void refusesChannelsThatAreNotLogins(String channel) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LakeLayout.snapshotKey(channel, Instant.EPOCH));
        assertTrue(e.getMessage().contains("'" + channel + "'"), e.getMessage());
    }

    @Test
    void parsesSnapshotKeysBackWithoutReading() {
        SnapshotKey k = LakeLayout.parseSnapshotKey("raw/snapshots/2024/01/15/some_user_20240115_143002.json").orElseThrow();
        assertEquals("some_user", k.channel());
        assertEquals(Instant.parse("2024-01-15T14:30:02Z"), k.time());
        assertEquals("raw/chatter_logs/2024/01/15/some_user_20240115_143002.csv", k.twinKey());
        SnapshotKey c = LakeLayout.parseChatterLogKey(k.twinKey()).orElseThrow();
        assertEquals(k.key(), c.twinKey());
        // the original read the clock again for the folder, which may have crossed midnight
        assertTrue(LakeLayout.parseSnapshotKey("raw/snapshots/2024/01/16/a_20240115_235959.json").isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "raw/snapshots/2024/01/15/notes.txt",
        "raw/snapshots/2024/01/15/xqc.json",
        "raw/snapshots/2024/01/15/xqc_20240115_143002.csv",
        "raw/snapshots/2024/01/17/xqc_20240115_143002.json",
        "raw/snapshots/2024/13/15/xqc_20241315_143002.json",
        "raw/snapshots/2024/01/15/xqc_20240115_256002.json",
        "raw/chatter_logs/2024/01/15/xqc_20240115_143002.json",
        "raw/snapshots/2024/01/15/sub/xqc_20240115_143002.json"})
    void rejectsKeysOutsideTheLayout(String key) {
        assertEquals(Optional.empty(), LakeLayout.parseSnapshotKey(key));
    }

    @Test
    void listingPrefixesCoverTheRangeAndTheDayAfter() {
        assertEquals(List.of("2024/01/30/", "2024/01/31/", "2024/02/01/", "2024/02/02/"),
                LakeLayout.snapshotListingPrefixes(TimeRange.between(Instant.parse("2024-01-30T10:00:00Z"),
                        Instant.parse("2024-02-02T00:00:00Z"))));
        assertEquals(List.of("2023/12/", "2024/01/", "2024/02/", "2024/03/"),
                LakeLayout.snapshotListingPrefixes(TimeRange.between(Instant.parse("2023-12-01T00:00:00Z"),
                        Instant.parse("2024-03-01T00:00:00Z"))));
        assertEquals(List.of(""), LakeLayout.snapshotListingPrefixes(TimeRange.ALL));
    }

    @Test
    void everyAnalysisDocumentHasItsKeyUnderProcessed() {
        assertEquals("processed/analysis_results.json", LakeLayout.processedKey(ProcessedDocument.Fixed.RESULTS));
        assertEquals("processed/timeline.json", LakeLayout.processedKey(ProcessedDocument.Fixed.TIMELINE));
        assertEquals("processed/timeline.csv", LakeLayout.processedKey(ProcessedDocument.Fixed.TIMELINE_CSV));
        assertEquals("processed/stability.json", LakeLayout.processedKey(ProcessedDocument.Fixed.STABILITY));
        assertEquals("processed/calibration.csv", LakeLayout.processedKey(ProcessedDocument.Fixed.CALIBRATION));
        assertEquals("processed/windows/20260119T000000Z/analysis_results.json", LakeLayout.processedKey(
                new ProcessedDocument.WindowResults(Instant.parse("2026-01-19T00:00:00Z"))));
    }
}
