package io.vieweratlas.runners.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vieweratlas.runners.config.LegacyKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.vieweratlas.runners.cli.ValidateConfigCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An installation of the original project (test resource {@code original-installation}: its config
 * file, channels file, VOD queue and a lake of snapshot JSON with CSV twins) checked with
 * {@code migrate-check}, validated and analysed with its own config file, end to end through the
 * command line.
 */
class OriginalInstallationTest {

    @TempDir
    Path dir;
    Path home;
    Path config;
    ListAppender<ILoggingEvent> warnings;

    @BeforeEach
    void copyInstallation() throws IOException, URISyntaxException {
        Path source = Path.of(OriginalInstallationTest.class.getResource("/original-installation").toURI());
        home = dir.resolve("twitchiobot");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = home.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        config = home.resolve("config/config.yaml");
        warnings = new ListAppender<>();
        warnings.start();
        ((Logger) LoggerFactory.getLogger(LegacyKeys.class)).addAppender(warnings);
    }

    @AfterEach
    void detach() {
        ((Logger) LoggerFactory.getLogger(LegacyKeys.class)).detachAppender(warnings);
    }

    @Test
    void migrateCheckReportsWhatCarriesOverAndChangesNothing() throws IOException {
        Map<String, String> before = contents(home);

        ValidateConfigCommandTest.Result text = run("migrate-check", "--config", config.toString());
        assertEquals(0, text.code(), text.err() + text.out());
        String out = text.out();
        assertTrue(out.contains("live snapshot JSON: raw/snapshots/ [13]  2026-01-05 .. 2026-01-06 (2 days)"), out);
        assertTrue(out.contains("CSV twins: raw/chatter_logs/ [14]"), out);
        assertTrue(out.contains("1 read in place of a missing JSON"), out);
        assertTrue(out.contains("snapshots that load: live presence [14]"), out);
        assertTrue(out.contains("config key: collection.logs_dir -> storage.base_path"), out);
        assertTrue(out.contains("config key: storage_type -> storage.type"), out);
        assertTrue(out.contains("config key: vod.cli_path  chat replays are fetched over HTTP"), out);
        assertTrue(out.contains("channels file: " + home.resolve("channels.txt") + " [2]"), out);
        assertTrue(out.contains("VOD queue: " + home.resolve("vod_queue.json") + " [1]"), out);
        assertTrue(out.contains("log file: pipeline.log"), out);
        assertTrue(out.contains("everything carries over"), out);

        ValidateConfigCommandTest.Result json = run("migrate-check", "--config", config.toString(), "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertTrue(report.get("complete").asBoolean());
        assertEquals(home.resolve("logs").toString(), report.get("lake").asText());
        Map<String, String> mapped = new TreeMap<>();
        report.get("mapped").forEach(f -> mapped.put(f.get("subject").asText(), f.get("new_name").asText()));
        assertEquals(Map.of("collection.logs_dir", "storage.base_path", "analysis.logs_dir", "storage.base_path",
                "storage_type", "storage.type"), mapped);
        List<String> ignored = report.get("ignored").findValuesAsText("subject");
        for (String key : List.of("collection.batch_size", "collection.duration_per_batch", "vod.raw_dir",
                "vod.queue_file", "vod.cli_path", "log_format", "verbose", "state/daily_collection_state.json")) {
            assertTrue(ignored.contains(key), key + " not in " + ignored);
        }
        assertEquals(0, report.get("will_not_load").size(), report.toString());

        assertEquals(before, contents(home), "migrate-check changed the installation");
    }

    @Test
    void migrateCheckListsWhatWillNotLoadWithKeyAndReasonAndExitsThree() throws IOException {
        Files.writeString(home.resolve("logs/raw/snapshots/2026/01/06/hotel_20260106_140000.json"), "{\"chatters\": [",
                StandardCharsets.UTF_8);
        Files.writeString(home.resolve("vod_queue.json"), "[{\"vod_id\": \"2000000001\", \"status\": \"completed\"},"
                + " {\"vod_id\": \"2000000002\", \"status\": \"pending\"}, {\"vod_id\": \"2000000003\","
                + " \"status\": \"failed\"}]");
        Files.writeString(config, Files.readString(config).replace("  resolution: 1.0\n",
                "  resolution: 1.0\n  overlap_treshold: 3\n"));
        Files.writeString(home.resolve("logs/alpha_20250101_120000.json"), "{}");
        Map<String, String> before = contents(home);

        ValidateConfigCommandTest.Result r = run("migrate-check", "--config", config.toString(), "--json");
        assertEquals(3, r.code(), r.err() + r.out());
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertFalse(report.get("complete").asBoolean());
        Map<String, String> wontLoad = new TreeMap<>();
        report.get("will_not_load").forEach(f -> wontLoad.merge(f.get("subject").asText(), f.get("detail").asText(),
                (a, b) -> a + " | " + b));
        assertTrue(wontLoad.containsKey("raw/snapshots/2026/01/06/hotel_20260106_140000.json"), wontLoad.toString());
        assertTrue(wontLoad.get(config.toString()).contains("unknown key 'analysis.overlap_treshold'"),
                wontLoad.toString());
        assertTrue(wontLoad.get(home.resolve("vod_queue.json").toString())
                .contains("vieweratlas vod add 2000000002 2000000003"), wontLoad.toString());
        assertTrue(wontLoad.get(home.resolve("logs").toString()).contains("alpha_20250101_120000.json"),
                wontLoad.toString());
        // the legacy names are still reported when the file as a whole does not resolve
        assertTrue(r.out().contains("\"new_name\" : \"storage.base_path\""), r.out());
        assertEquals(before, contents(home), "migrate-check changed the installation");
    }

    @Test
    void analyzeRunsWithTheOriginalConfigFileWarningOncePerLegacyKey() throws IOException {
        Path out = dir.resolve("out");
        ValidateConfigCommandTest.Result r = run("analyze", "--config", config.toString(),
                "--data", home.resolve("logs").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        List<String> messages = warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        String all = String.join("\n", messages);
        assertTrue(all.contains(config + ":8: 'storage_type' is ignored: 'storage.type' is also set (command line)"),
                all);
        assertTrue(all.contains("'collection.batch_size' is ignored: the original sampled channels in batches"), all);
        assertTrue(all.contains("'vod.cli_path' is ignored: chat replays are fetched over HTTP"), all);
        assertTrue(all.contains("'collection.logs_dir' is ignored: 'storage.base_path' is also set (command line)"),
                all);
        for (LegacyKeys.LegacyName name : LegacyKeys.fileKeys()) {
            if (!name.name().startsWith("s3_")) {
                assertEquals(1, messages.stream().filter(m -> m.contains(name.display() + " is")).count(),
                        name.name() + " should be warned about once:\n" + all);
            }
        }
        JsonNode results = new ObjectMapper().readTree(home.resolve("logs/processed/analysis_results.json").toFile());
        assertEquals(7, results.get("partition").size(), results.toString());
        assertEquals(3, results.get("config").get("overlap_threshold").asInt(), results.get("config").toString());
        assertTrue(Files.size(out.resolve("graph_edges.csv")) > 0);
    }

    @Test
    void validateConfigListsTheLegacyKeysAndTheirMapping() throws IOException {
        ValidateConfigCommandTest.Result r = run("validate-config", "--config", config.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("names of the original project (10; see docs/MIGRATING.md):"), r.out());
        assertTrue(r.out().contains("  collection.logs_dir = logs   -> storage.base_path   (" + config + ":11)"),
                r.out());
        assertTrue(r.out().contains("  vod.cli_path = TwitchDownloaderCLI   ignored: chat replays are fetched"), r.out());
        assertTrue(r.out().contains("storage.base_path = logs   (" + config + " (as analysis.logs_dir))"), r.out());

        Files.writeString(config, Files.readString(config) + "never_a_key: 1\n");
        ValidateConfigCommandTest.Result unknown = run("validate-config", "--config", config.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown key 'never_a_key'"), unknown.err());
    }

    /** Every file under {@code root} (relative path) with the SHA-256 of its bytes. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(root.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
