package io.vieweratlas.s3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3StoreSettingsTest {

    @Test
    void defaultsSuitAws() {
        S3StoreSettings settings = S3StoreSettings.builder("my-lake", "eu-west-1").build();
        assertEquals("", settings.prefix());
        assertEquals(Optional.empty(), settings.endpoint());
        assertEquals(16 * S3StoreSettings.MIB, settings.multipartThreshold());
        assertEquals(8 * S3StoreSettings.MIB, settings.partSize());
        assertEquals("s3://my-lake/", settings.location());
    }

    @Test
    void prefixIsNormalisedToEndWithOneSlash() {
        assertEquals("vieweratlas/", S3StoreSettings.builder("b-1", "us-east-1").prefix("vieweratlas").build().prefix());
        assertEquals("a/b/", S3StoreSettings.builder("b-1", "us-east-1").prefix("/a/b/").build().prefix());
        assertEquals("s3://b-1/a/b/", S3StoreSettings.builder("b-1", "us-east-1").prefix("a/b").build().location());
    }

    @Test
    void toBuilderRoundTrips() {
        S3StoreSettings settings = S3StoreSettings.builder("b-1", "us-east-1").prefix("p").pathStyle(true)
                .endpoint(URI.create("http://127.0.0.1:9000")).multipartThreshold(32 * S3StoreSettings.MIB).build();
        assertEquals(settings, settings.toBuilder().build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "UPPER", "under_score", "-leading", "trailing-", "a..b", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void badBucketNamesAreRejectedByName(String bucket) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> S3StoreSettings.builder(bucket, "eu-west-1").build());
        assertTrue(e.getMessage().contains("S3 bucket '" + bucket + "'"), e.getMessage());
    }

    @Test
    void otherBadValuesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> S3StoreSettings.builder("lake", "Europe West").build()).getMessage().contains("'Europe West'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> S3StoreSettings.builder("lake", "eu-west-1").prefix("a/../b").build()).getMessage()
                .contains("S3 prefix 'a/../b/'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> S3StoreSettings.builder("lake", "eu-west-1").endpoint(URI.create("ftp://host")).build())
                .getMessage().contains("'ftp://host'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> S3StoreSettings.builder("lake", "eu-west-1").partSize(S3StoreSettings.MIB).build())
                .getMessage().contains("below S3's minimum"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> S3StoreSettings.builder("lake", "eu-west-1").multipartThreshold(6 * S3StoreSettings.MIB).build())
                .getMessage().contains("at least the part size"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> S3StoreSettings.builder("lake", "eu-west-1").maxConnections(0).build())
                .getMessage().contains("max connections"));
    }
}
