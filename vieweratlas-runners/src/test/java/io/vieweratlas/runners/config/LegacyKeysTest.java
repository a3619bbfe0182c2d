package io.vieweratlas.runners.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegacyKeysTest {

    private static ConfigResolver.Resolved resolve(String yaml, Map<String, String> environment,
                                                   Map<String, Object> flags) {
        ConfigResolver resolver = new ConfigResolver(Preset.DEFAULT).layer(YamlConfigFile.parse("old.yaml", yaml))
                .layer(EnvironmentOverrides.layer(environment));
        if (!flags.isEmpty()) {
            resolver.layer(new ConfigLayer("command line", flags));
        }
        return resolver.resolveDetailed();
    }

    private static List<String> messages(ConfigResolver.Resolved resolved) {
        return resolved.legacy().stream().map(LegacyUse::message).toList();
    }

    @Test
    void theOriginalsTopLevelStorageKeysAreReadAsTheStorageSectionWithOneWarningEach() {
        ConfigResolver.Resolved r = resolve("""
                storage_type: s3
                s3_bucket: lake-bucket
                s3_prefix: atlas/
                s3_region: eu-west-1
                """, Map.of(), Map.of());
        StorageConfig storage = r.config().storage();
        assertEquals(StorageType.S3, storage.type());
        assertEquals("lake-bucket", storage.s3Bucket());
        assertEquals("atlas/", storage.s3Prefix());
        assertEquals("eu-west-1", storage.s3Region());
        assertEquals(List.of(
                "old.yaml:1: 'storage_type' is the original's name for 'storage.type': read as storage.type = s3;"
                        + " rename it to silence this warning",
                "old.yaml:2: 's3_bucket' is the original's name for 'storage.s3_bucket': read as storage.s3_bucket"
                        + " = lake-bucket; rename it to silence this warning",
                "old.yaml:3: 's3_prefix' is the original's name for 'storage.s3_prefix': read as storage.s3_prefix"
                        + " = atlas/; rename it to silence this warning",
                "old.yaml:4: 's3_region' is the original's name for 'storage.s3_region': read as storage.s3_region"
                        + " = eu-west-1; rename it to silence this warning"), messages(r));
        assertEquals("old.yaml (as s3_bucket)", r.config().origins().get("storage.s3_bucket"));
    }

    @Test
    void logsDirIsTheLakeDirectoryAndTwoDifferentOnesStopTheRun() {
        ConfigResolver.Resolved r = resolve("collection:\n  logs_dir: old_logs\nanalysis:\n  logs_dir: old_logs\n",
                Map.of(), Map.of());
        assertEquals("old_logs", r.config().storage().basePath());
        assertEquals(2, r.legacy().size());

        ConfigException e = assertThrows(ConfigException.class, () -> resolve(
                "collection:\n  logs_dir: a\nanalysis:\n  logs_dir: b\n", Map.of(), Map.of()));
        assertEquals(List.of("old.yaml:4: 'analysis.logs_dir' ('b') and 'collection.logs_dir' ('a') both stand for"
                + " 'storage.base_path' but differ; ViewerAtlas has one storage.base_path: set it instead"), e.problems());
    }

    @Test
    void obsoleteKeysAreAcceptedWithTheReasonTheyAreIgnoredAndChangeNothing() {
        ConfigResolver.Resolved r = resolve("""
                collection:
                  batch_size: 50
                  duration_per_batch: 45
                vod:
                  raw_dir: vod_raw
                  queue_file: vod_queue.json
                  cli_path: TwitchDownloaderCLI
                log_format: "%(message)s"
                verbose: false
                """, Map.of(), Map.of());
        assertEquals(ViewerAtlasConfig.defaults(Preset.DEFAULT).toRedactedMap(), r.config().toRedactedMap());
        assertTrue(r.legacy().stream().allMatch(u -> u.outcome() == LegacyUse.Outcome.IGNORED), r.legacy().toString());
        List<String> m = messages(r);
        assertEquals(7, m.size(), m.toString());
        assertTrue(m.get(0).startsWith("old.yaml:2: 'collection.batch_size' is ignored: the original sampled channels"
                + " in batches"), m.get(0));
        assertTrue(m.get(4).equals("old.yaml:7: 'vod.cli_path' is ignored: chat replays are fetched over HTTP;"
                + " TwitchDownloaderCLI is not used"), m.get(4));
        assertTrue(m.get(6).startsWith("old.yaml:9: 'verbose' is ignored: verbose: true means log_level DEBUG"), m.get(6));
    }

    @Test
    void verboseTrueMeansDebugUnlessLogLevelIsSet() {
        assertEquals("DEBUG", resolve("verbose: true\n", Map.of(), Map.of()).config().logLevel());
        ConfigResolver.Resolved both = resolve("verbose: true\nlog_level: WARNING\n", Map.of(), Map.of());
        assertEquals("WARN", both.config().logLevel());
        assertEquals(List.of("old.yaml:1: 'verbose' is ignored: 'log_level' is also set (old.yaml:2) and the new key"
                + " wins"), messages(both));
    }

    @Test
    void aNewKeyWinsOverItsLegacyNameWhereverEachIsSet() {
        // same file
        ConfigResolver.Resolved file = resolve("storage_type: s3\ns3_bucket: b\nstorage:\n  type: file\n", Map.of(),
                Map.of());
        assertEquals(StorageType.FILE, file.config().storage().type());
        assertEquals(LegacyUse.Outcome.OVERRIDDEN, file.legacy().get(0).outcome());
        // a legacy variable does not override a new key of the file, though the environment overrides the file
        ConfigResolver.Resolved env = resolve("storage:\n  base_path: /lake\n", Map.of("LOGS_DIR", "logs"), Map.of());
        assertEquals("/lake", env.config().storage().basePath());
        assertEquals(List.of("environment: environment variable LOGS_DIR is ignored: 'storage.base_path' is also set"
                + " (old.yaml:2) and the new key wins"), messages(env));
        // the command line's --data
        ConfigResolver.Resolved flag = resolve("collection:\n  logs_dir: logs\n", Map.of(),
                Map.of("storage.base_path", "/data"));
        assertEquals("/data", flag.config().storage().basePath());
        assertEquals(LegacyUse.Outcome.OVERRIDDEN, flag.legacy().get(0).outcome());
    }

    @Test
    void theOriginalsEnvironmentVariablesAreReadWithTheSameWarnings() {
        ConfigResolver.Resolved r = resolve("", Map.of("LOGS_DIR", "logs", "CHANNELS_FILE", "/etc/channels.txt",
                "TWITCH_CHANNELS", "Alpha, bravo,,charlie"), Map.of());
        assertEquals("logs", r.config().storage().basePath());
        assertEquals("/etc/channels.txt", r.config().collection().channelsFile());
        assertEquals(List.of("Alpha", "bravo", "charlie"), r.config().collection().channels());
        assertEquals(List.of(
                "environment: environment variable LOGS_DIR is the original's name for 'storage.base_path': read as"
                        + " storage.base_path = logs (STORAGE_BASE_PATH here; the one lake directory (the original"
                        + " read and wrote its lake under logs/)); rename it to silence this warning",
                "environment: environment variable CHANNELS_FILE is the original's name for"
                        + " 'collection.channels_file': read as collection.channels_file = /etc/channels.txt; rename"
                        + " it to silence this warning",
                "environment: environment variable TWITCH_CHANNELS is the original's name for"
                        + " 'collection.channels': read as collection.channels = Alpha, bravo,,charlie (comma-separated"
                        + " logins, watched when the channels file lists none, as in the original); rename it to"
                        + " silence this warning"), messages(r));
        // the new variable wins over the old one
        assertEquals("new", resolve("", Map.of("LOGS_DIR", "old", "STORAGE_BASE_PATH", "new"), Map.of())
                .config().storage().basePath());
    }

    @Test
    void keysTheOriginalNeverHadStillStopTheRunAndLegacyVariableNamesAreNotFileKeys() {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve(
                "collection:\n  batch_size: 50\n  batch_sise: 3\nLOGS_DIR: logs\n", Map.of(), Map.of()));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("old.yaml:3: unknown key 'collection.batch_sise'"), e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("old.yaml:4: unknown key 'LOGS_DIR'"), e.problems().get(1));
        // a legacy value of the wrong type is reported under both names
        ConfigException type = assertThrows(ConfigException.class, () -> resolve("storage_type: tape\n", Map.of(),
                Map.of()));
        assertTrue(type.problems().get(0).startsWith("old.yaml:1: 'storage_type' (read as 'storage.type') has value"
                + " 'tape': not one of the allowed values"), type.problems().get(0));
    }

    @Test
    void theTableNamesOnlyExistingKeysAndNoLegacyNameIsStillAKey() {
        for (LegacyKeys.LegacyName name : LegacyKeys.fileKeys()) {
            assertFalse(ConfigSchema.setting(name.name()).isPresent(), name.name() + " is a key of the schema");
            name.target().ifPresent(t -> assertTrue(ConfigSchema.setting(t).isPresent(), t));
        }
        for (LegacyKeys.LegacyName name : LegacyKeys.variables()) {
            assertFalse(EnvironmentOverrides.VARIABLES.containsKey(name.name()), name.name());
            assertTrue(ConfigSchema.setting(name.target().orElseThrow()).isPresent(), name.name());
        }
        for (String variable : LegacyKeys.unchangedVariables()) {
            assertTrue(EnvironmentOverrides.VARIABLES.containsKey(variable) || variable.startsWith("TWITCH_")
                    || variable.startsWith("AWS_"), variable);
        }
    }

    @Test
    void docsMigratingListsEveryNameOfTheTable() throws IOException {
        String doc = Files.readString(Path.of("../docs/MIGRATING.md"));
        for (LegacyKeys.LegacyName name : LegacyKeys.fileKeys()) {
            String row = "| `" + name.name() + "` | " + name.target().map(t -> "`" + t + "`").orElse("ignored") + " |";
            assertTrue(doc.contains(row), "docs/MIGRATING.md lacks the row " + row);
        }
        for (LegacyKeys.LegacyName name : LegacyKeys.variables()) {
            String row = "| `" + name.name() + "` | `" + name.target().orElseThrow() + "` |";
            assertTrue(doc.contains(row), "docs/MIGRATING.md lacks the row " + row);
        }
        for (String variable : LegacyKeys.unchangedVariables()) {
            assertTrue(doc.contains("`" + variable + "`"), variable);
        }
    }
}
