package io.vieweratlas.runners.wiring;

import io.vieweratlas.runners.config.StorageConfig;
import io.vieweratlas.runners.config.StorageType;
import io.vieweratlas.s3.S3StoreSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3StorageSettingsTest {

    @Test
    void fromConfigMapsTheStorageSection() {
        S3StoreSettings aws = S3StorageSettings.from(
                new StorageConfig(StorageType.S3, "data", "twitch-lake", "vieweratlas", "eu-west-1", "", false));
        assertEquals(S3StoreSettings.builder("twitch-lake", "eu-west-1").prefix("vieweratlas/").build(), aws);

        S3StoreSettings minio = S3StorageSettings.from(
                new StorageConfig(StorageType.S3, "data", "lake", "", "us-east-1", "http://127.0.0.1:9000", true));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), minio.endpoint());
        assertTrue(minio.pathStyle());
        assertEquals("", minio.prefix());
    }

    @Test
    void fromConfigNamesWhatIsMissing() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S3StorageSettings.from(
                new StorageConfig(StorageType.FILE, "data", "lake", "", "us-east-1", "", false))).getMessage()
                .contains("storage.type is 'file'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S3StorageSettings.from(
                new StorageConfig(StorageType.S3, "data", "", "", "us-east-1", "", false))).getMessage()
                .contains("S3_BUCKET"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S3StorageSettings.from(
                new StorageConfig(StorageType.S3, "data", "lake", "", " ", "", false))).getMessage()
                .contains("S3_REGION"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S3StorageSettings.from(
                new StorageConfig(StorageType.S3, "data", "lake", "", "us-east-1", "not a url", false))).getMessage()
                .contains("S3_ENDPOINT"));
    }
}
