package io.vieweratlas.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigResolverTest {

    @Test
    void defaultsAreValidAndMatchTheOriginalSections() {
        ViewerAtlasConfig c = ViewerAtlasConfig.defaults(Preset.DEFAULT);
        assertEquals("community_analysis", c.analysis().outputDir());
        assertEquals(1.0, c.analysis().resolution());
        assertEquals(StorageType.FILE, c.storage().type());
        assertEquals(60, c.vod().bucketLenS());
        assertTrue(c.analysis().bots().contains("nightbot"));
    }

    @Test
    void presetsSetTheirValuesAndAFileOnlyOverridesWhatItNames() {
        ViewerAtlasConfig c = new ConfigResolver(Preset.RIGOROUS)
                .layer(new ConfigLayer("f.yaml", Map.of("analysis", Map.of("resolution", 1.5))))
                .resolve();
        assertEquals(300, c.analysis().overlapThreshold());
        assertEquals(10, c.analysis().minChannelViewers());
        assertEquals(10, c.analysis().minCommunitySize());
        assertEquals(1.5, c.analysis().resolution());
        assertEquals("preset rigorous", c.origins().get("analysis.overlap_threshold"));
        assertEquals("f.yaml", c.origins().get("analysis.resolution"));
        assertEquals(2.0, ViewerAtlasConfig.defaults(Preset.EXPLORER).analysis().resolution());
    }

    @Test
    void environmentOverridesTheFileAndIsConverted() {
        ViewerAtlasConfig c = new ConfigResolver(Preset.DEFAULT)
                .layer(new ConfigLayer("f.yaml", Map.of("analysis", Map.of("overlap_threshold", 5))))
                .environment(Map.of("OVERLAP_THRESHOLD", "7", "RESOLUTION", "0.5", "STORAGE_TYPE", "s3",
                        "S3_BUCKET", "b", "S3_PREFIX", "p/", "S3_REGION", "eu-west-1", "MIN_COMMUNITY_SIZE", "4",
                        "LOG_LEVEL", "debug".toUpperCase()))
                .resolve();
        assertEquals(7, c.analysis().overlapThreshold());
        assertEquals(0.5, c.analysis().resolution());
        assertEquals(4, c.analysis().minCommunitySize());
        assertEquals(StorageType.S3, c.storage().type());
        assertEquals("b", c.storage().s3Bucket());
        assertEquals("p/", c.storage().s3Prefix());
        assertEquals("eu-west-1", c.storage().s3Region());
        assertEquals("DEBUG", c.logLevel());
        assertEquals("environment", c.origins().get("analysis.overlap_threshold"));
    }

    @Test
    void everyProblemIsReportedWithKeyValueOriginAndAllowedValues() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigResolver(Preset.DEFAULT)
                .layer(new ConfigLayer("f.yaml", Map.of(
                        "analysis", Map.of("overlap_treshold", 3, "resolution", -1, "weighting", "cosine"),
                        "collection", Map.of("batch_size", "many"),
                        "nonsense", Map.of("a", 1)),
                        Map.of("analysis.overlap_treshold", "f.yaml:3")))
                .resolve());
        List<String> p = e.problems();
        assertEquals(5, p.size(), p.toString());
        String unknown = p.stream().filter(s -> s.contains("overlap_treshold")).findFirst().orElseThrow();
        assertTrue(unknown.startsWith("f.yaml:3: unknown key 'analysis.overlap_treshold' (known keys in analysis: "
                + "output_dir, overlap_threshold, min_community_size, resolution, "), unknown);
        // the message lists every key of the section, so a typo can be matched by eye
        ConfigSchema.settings().values().stream().filter(s -> s.section().equals("analysis"))
                .forEach(s -> assertTrue(unknown.contains(s.path().substring("analysis.".length())), s.path()));
        assertTrue(p.stream().anyMatch(s -> s.contains("'analysis.resolution' has value '-1': out of range")
                && s.contains("from 1.0E-4 to 1000.0")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("'analysis.weighting' has value 'cosine'")
                && s.contains("allowed: shared, jaccard, overlap, significance")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("'collection.batch_size' has value 'many': expected a whole number")),
                p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("unknown section 'nonsense'")), p.toString());
    }

    @Test
    void choicesMatchRegardlessOfCaseAndAreStoredAsListed() {
        ViewerAtlasConfig c = new ConfigResolver(Preset.DEFAULT)
                .environment(Map.of("LOG_LEVEL", "debug", "STORAGE_TYPE", "File")).resolve();
        assertEquals("DEBUG", c.logLevel());
        assertEquals(StorageType.FILE, c.storage().type());
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigResolver(Preset.DEFAULT)
                .environment(Map.of("LOG_LEVEL", "loud")).resolve());
        assertTrue(e.problems().get(0).contains("not one of the allowed values"), e.problems().get(0));
    }

    @Test
    void badEnvironmentValueNamesTheVariableOrigin() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigResolver(Preset.DEFAULT)
                .environment(Map.of("OVERLAP_THRESHOLD", "ten")).resolve());
        assertEquals("environment: key 'analysis.overlap_threshold' has value 'ten': expected a whole number "
                + "(allowed: whole number from 0 to 2147483647)", e.problems().get(0));
    }

    @Test
    void s3StorageNeedsABucket() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigResolver(Preset.DEFAULT)
                .environment(Map.of("STORAGE_TYPE", "s3")).resolve());
        assertTrue(e.getMessage().contains("storage.s3_bucket"), e.getMessage());
    }

    @Test
    void redactedMapHidesUrlCredentials() {
        ViewerAtlasConfig c = new ConfigResolver(Preset.DEFAULT)
                .environment(Map.of("S3_ENDPOINT", "http://minio:s3cr3t@127.0.0.1:9000")).resolve();
        Map<?, ?> storage = (Map<?, ?>) c.toRedactedMap().get("storage");
        assertEquals("http://***@127.0.0.1:9000", storage.get("s3_endpoint"));
        assertEquals("token oauth:*** and Bearer ***", Redaction.text("token oauth:abc123 and Bearer xyz.987"));
    }
}
