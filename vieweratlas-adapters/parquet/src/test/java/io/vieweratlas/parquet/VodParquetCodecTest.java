package io.vieweratlas.parquet;

import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.PresenceSourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VodParquetCodecTest {
    private static final Instant START = Instant.parse("2026-11-20T18:00:00Z");

    static VodBucket bucket(long offset, String... chatters) {
        return new VodBucket("twitch", PresenceSourceKind.VOD, "alice", "42", "vod:123", START.plusSeconds(offset),
                offset, 60, new TreeSet<>(Arrays.asList(chatters)));
    }

    @Test
    void writtenAndReadBackInOffsetOrderDeterministically() {
        List<VodBucket> buckets = List.of(bucket(120, "carol"), bucket(0, "bob", "alice_fan"), bucket(60));
        byte[] bytes = VodParquetCodec.encode(buckets);
        assertEquals("PAR1", new String(Arrays.copyOfRange(bytes, 0, 4)));
        List<VodBucket> back = VodParquetCodec.decode(bytes, "k");
        assertEquals(List.of(bucket(0, "bob", "alice_fan"), bucket(60), bucket(120, "carol")), back);
        assertArrayEquals(bytes, VodParquetCodec.encode(List.of(buckets.get(2), buckets.get(1), buckets.get(0))),
                "same buckets, same bytes");
        PresenceSnapshot s = back.get(0).toSnapshot();
        assertEquals(START.plusSeconds(60), s.timestamp(), "a snapshot's timestamp is the end of its bucket");
        assertEquals(Duration.ofSeconds(60), s.window());
        assertEquals(PresenceSourceKind.VOD, s.source());
        assertEquals(Optional.of("vod:123"), s.contentId());
        assertEquals(Optional.of("42"), s.channelId());
    }

    @Test
    void garbageIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VodParquetCodec.decode("not parquet at all".getBytes(), "curated/x/part-0000.parquet"));
        assertTrue(e.getMessage().startsWith("curated/x/part-0000.parquet"), e.getMessage());
    }

    @Test
    void duckDbReadsTheFile(@TempDir Path dir) throws Exception {
        List<VodBucket> buckets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            buckets.add(bucket(i * 60L, "u" + i, "common"));
        }
        Path file = dir.resolve("part-0000.parquet");
        Files.write(file, VodParquetCodec.encode(buckets));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT platform, source, channel_login, channel_id, content_id,"
                     + " epoch_ms(bucket_start_ts) AS ms, offset_s, bucket_len_s, len(chatters) AS n,"
                     + " list_sort(chatters)::VARCHAR AS cs FROM read_parquet('" + file + "') ORDER BY offset_s")) {
            int rows = 0;
            while (rs.next()) {
                assertEquals("twitch", rs.getString(1));
                assertEquals("vod", rs.getString(2));
                assertEquals("alice", rs.getString(3));
                assertEquals("42", rs.getString(4));
                assertEquals("vod:123", rs.getString(5));
                assertEquals(START.plusSeconds(rows * 60L).toEpochMilli(), rs.getLong(6));
                assertEquals(rows * 60L, rs.getLong(7));
                assertEquals(60, rs.getInt(8));
                assertEquals(2, rs.getInt(9));
                assertEquals("[common, u" + rows + "]", rs.getString(10));
                rows++;
            }
            assertEquals(5, rows);
            assertFalse(rs.next());
        }
    }
}
