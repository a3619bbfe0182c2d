package io.vieweratlas.runners.migrate;

import io.vieweratlas.filesystem.FileSystemObjectStore;
import io.vieweratlas.parquet.OriginalLakeWriter;
import io.vieweratlas.parquet.OriginalLakeWriter.Location;
import io.vieweratlas.parquet.OriginalLakeWriter.Placement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationCheckTest {

    @TempDir
    Path home;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Finding only(MigrationReport report, String kind, String subject) {
        List<Finding> found = report.findings().stream()
                .filter(f -> f.kind().equals(kind) && f.subject().equals(subject)).toList();
        assertEquals(1, found.size(), kind + " " + subject + " in " + report.findings());
        return found.get(0);
    }

    @Test
    void theOriginalsDotenvAndVariablesAreReportedWithTheirNewNamesAndNoValues() throws IOException {
        write(home.resolve(".env"), """
                # Twitch API Credentials
                TWITCH_OAUTH_TOKEN=oauth:secret-token
                TWITCH_CLIENT_ID=client
                export LOGS_DIR="logs"
                STORAGE_TYPE=file
                AWS_ACCESS_KEY_ID=
                """);
        write(home.resolve("logs/raw/snapshots/2026/01/05/alpha_20260105_100000.json"),
                "{\"timestamp\": \"2026-01-05T10:00:00\", \"chatters\": [\"x\"]}");
        MigrationReport report = MigrationCheck.check(new MigrationCheck.Request(Optional.empty(), Optional.empty(),
                home, Map.of("TWITCH_CHANNELS", "alpha,bravo")));

        assertEquals(home.resolve("logs").toString(), report.lake(), "the lake comes from LOGS_DIR in .env");
        Finding logsDir = only(report, "environment variable", "LOGS_DIR");
        assertEquals(Finding.Category.MAPPED, logsDir.category());
        assertEquals(Optional.of("storage.base_path"), logsDir.newName());
        assertTrue(logsDir.detail().startsWith(".env (ViewerAtlas does not read .env: export it)"), logsDir.detail());
        Finding channels = only(report, "environment variable", "TWITCH_CHANNELS");
        assertEquals(Optional.of("collection.channels"), channels.newName());
        assertTrue(channels.detail().startsWith("environment;"), channels.detail());
        Finding same = only(report, "environment variables", "same name and meaning");
        assertEquals("STORAGE_TYPE, TWITCH_OAUTH_TOKEN, TWITCH_CLIENT_ID; from .env, which ViewerAtlas does not read"
                + " (export them or set them in the task definition): STORAGE_TYPE, TWITCH_OAUTH_TOKEN,"
                + " TWITCH_CLIENT_ID", same.detail());
        assertTrue(MigrationReportFormat.text(report).contains("LOGS_DIR") && !MigrationReportFormat.text(report)
                .contains("secret-token") && !MigrationReportFormat.json(report).contains("secret-token"));
        assertTrue(report.complete(), report.findings().toString());
    }

    @Test
    void vodPresenceInBothOriginalLayoutsIsReadAsAnalyzeReadsItAndRawChatPointsAtImport() throws IOException {
        Path lake = home.resolve("logs");
        OriginalLakeWriter original = new OriginalLakeWriter(new FileSystemObjectStore(lake));
        Instant start = Instant.parse("2026-01-05T20:00:00Z");
        SortedMap<Long, SortedSet<String>> buckets = new TreeMap<>(Map.of(
                0L, OriginalLakeWriter.chatters("ann", "bob"), 60L, OriginalLakeWriter.chatters("bob", "cy")));
        original.vod("alpha", "101", start, 60, buckets, Placement.BUCKET_START, Location.CURATED);
        // As the original's own VOD collector wrote every VOD: no bucket_start_ts, no start, and
        // VOD 202 is in no queue ViewerAtlas reads, so its buckets cannot be placed in time.
        original.vod("bravo", "202", start, 60, buckets, Placement.OFFSET_ONLY, Location.CURATED);
        original.vod("alpha", "303", start, 60, buckets, Placement.OFFSET_AND_STARTED_AT, Location.LOCAL);
        write(home.resolve("vod_raw/alpha_303.json"), "{}");
        write(lake.resolve("notes/readme.txt"), "mine");

        MigrationReport report = MigrationCheck.check(new MigrationCheck.Request(Optional.empty(), Optional.of(lake),
                home, Map.of()));
        List<Finding> vod = report.findings().stream()
                .filter(f -> f.kind().equals("VOD presence (original format)")).toList();
        String curated = "curated/presence_snapshots/source=vod/";
        assertEquals(3, vod.size(), vod.toString());
        assertEquals(curated, vod.get(0).subject());
        assertEquals(2, vod.get(0).count().orElseThrow());
        assertEquals("Parquet (pandas), 2 VODs", vod.get(0).detail());
        assertEquals(1, vod.get(1).count().orElseThrow());
        assertEquals(2, vod.get(2).count().orElseThrow());
        assertEquals("JSON twins (snapshot_NNNN.json), 1 VODs", vod.get(2).detail());
        assertEquals(4, only(report, "VOD buckets that load", "VOD presence").count().orElseThrow(),
                "two buckets of VOD 101 and two of 303 (its JSON twins repeat the Parquet)");
        Finding unplaced = only(report, "VOD presence file", curated + "channel=bravo/vod=202/part-0000.parquet");
        assertEquals(Finding.Category.WILL_NOT_LOAD, unplaced.category());
        assertTrue(unplaced.detail().contains("cannot be placed in time"), unplaced.detail());
        Finding raw = only(report, "raw VOD chat (TwitchDownloader JSON)", home.resolve("vod_raw").toString());
        assertEquals(Finding.Category.IGNORED, raw.category());
        assertTrue(raw.detail().contains("vieweratlas import --format twitchdownloader"), raw.detail());
        assertTrue(only(report, "other files", lake.toString()).detail().endsWith("notes/readme.txt"));
        assertFalse(report.complete(), "VOD 202 will not load");
    }

    @Test
    void aMissingLakeIsAnErrorNamingThePath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MigrationCheck.check(
                new MigrationCheck.Request(Optional.empty(), Optional.empty(), home, Map.of())));
        assertTrue(e.getMessage().contains(home.resolve("logs").toAbsolutePath().toString()), e.getMessage());
        assertTrue(Files.notExists(home.resolve("logs")), "the check created the lake directory");
    }
}
