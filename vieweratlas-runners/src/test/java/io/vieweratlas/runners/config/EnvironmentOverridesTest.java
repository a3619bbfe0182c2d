package io.vieweratlas.runners.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentOverridesTest {

    @Test
    void environmentOverridesTheFileAndIsConverted() {
        ViewerAtlasConfig c = new ConfigResolver(Preset.DEFAULT)
                .layer(new ConfigLayer("f.yaml", Map.of("analysis", Map.of("overlap_threshold", 5))))
                .layer(EnvironmentOverrides.layer(Map.of("OVERLAP_THRESHOLD", "7", "RESOLUTION", "0.5", "STORAGE_TYPE", "s3",
                        "S3_BUCKET", "b", "S3_PREFIX", "p/", "S3_REGION", "eu-west-1", "MIN_COMMUNITY_SIZE", "4",
                        "LOG_LEVEL", "debug".toUpperCase())))
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
    void choicesMatchRegardlessOfCaseAndAreStoredAsListed() {
        ViewerAtlasConfig c = new ConfigResolver(Preset.DEFAULT)
                .layer(EnvironmentOverrides.layer(Map.of("LOG_LEVEL", "debug", "STORAGE_TYPE", "File"))).resolve();
        assertEquals("DEBUG", c.logLevel());
        assertEquals(StorageType.FILE, c.storage().type());
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigResolver(Preset.DEFAULT)
                .layer(EnvironmentOverrides.layer(Map.of("LOG_LEVEL", "loud"))).resolve());
        assertTrue(e.problems().get(0).contains("not one of the allowed values"), e.problems().get(0));
    }

    @Test
    void badEnvironmentValueNamesTheVariableOrigin() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigResolver(Preset.DEFAULT)
                .layer(EnvironmentOverrides.layer(Map.of("OVERLAP_THRESHOLD", "ten"))).resolve());
        assertEquals("environment: key 'analysis.overlap_threshold' has value 'ten': expected a whole number "
                + "(allowed: whole number from 0 to 2147483647)", e.problems().get(0));
    }

    @Test
    void s3StorageNeedsABucket() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigResolver(Preset.DEFAULT)
                .layer(EnvironmentOverrides.layer(Map.of("STORAGE_TYPE", "s3"))).resolve());
        assertTrue(e.getMessage().contains("storage.s3_bucket"), e.getMessage());
    }

    @Test
    void redactedMapHidesUrlCredentials() {
        ViewerAtlasConfig c = new ConfigResolver(Preset.DEFAULT)
                .layer(EnvironmentOverrides.layer(Map.of("S3_ENDPOINT", "http://minio:s3cr3t@127.0.0.1:9000"))).resolve();
        Map<?, ?> storage = (Map<?, ?>) c.toRedactedMap().get("storage");
        assertEquals("http://***@127.0.0.1:9000", storage.get("s3_endpoint"));
        assertEquals("token oauth:*** and Bearer ***", Redaction.text("token oauth:abc123 and Bearer xyz.987"));
    }
}
