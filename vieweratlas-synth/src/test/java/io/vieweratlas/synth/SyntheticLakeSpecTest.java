package io.vieweratlas.synth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticLakeSpecTest {

    private static SyntheticLakeSpec.Builder valid() {
        return SyntheticLakeSpec.builder().channels(30).communities(3).viewers(3000).snapshotsPerChannel(2);
    }

    private static String rejection(SyntheticLakeSpec.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void defaultsAreFixedAndDocumented() {
        SyntheticLakeSpec spec = valid().build();
        assertEquals(0.1, spec.mixing());
        assertFalse(spec.bots());
        assertEquals(1L, spec.seed());
        assertEquals(Instant.parse("2026-01-05T00:00:00Z"), spec.start());
        assertEquals(Duration.ofHours(1), spec.snapshotInterval());
    }

    @Test
    void missingCountsNameTheField() {
        assertTrue(rejection(SyntheticLakeSpec.builder()).startsWith("channels is 0 but must be between 1 and"));
        assertTrue(rejection(valid().communities(0)).startsWith("communities is 0"));
        assertTrue(rejection(valid().snapshotsPerChannel(0)).startsWith("snapshotsPerChannel is 0"));
    }

    @Test
    void tooManyCommunitiesForTheChannelsIsExplained() {
        String message = rejection(valid().channels(10).communities(4).viewers(100));
        assertEquals("communities is 4 but 10 channels allow at most 3 (each community needs at least 3 channels)",
                message);
    }

    @Test
    void fewerViewersThanChannelsIsRejected() {
        assertEquals("viewers is 29 but must be at least channels (30) so that every channel can have an audience",
                rejection(valid().viewers(29)));
    }

    @Test
    void mixingMustBeAShareBelowOne() {
        assertTrue(rejection(valid().mixing(1.0)).startsWith("mixing is 1.0 but must be in [0, 1)"));
        assertTrue(rejection(valid().mixing(-0.01)).startsWith("mixing is -0.01"));
        assertTrue(rejection(valid().mixing(Double.NaN)).startsWith("mixing is NaN"));
        assertEquals(0.0, valid().mixing(0.0).build().mixing());
    }

    @Test
    void timesMustFitSnapshotKeys() {
        assertTrue(rejection(valid().start(Instant.parse("2026-01-05T00:00:00.5Z")))
                .startsWith("start is 2026-01-05T00:00:00.500Z but must be a whole second"));
        assertTrue(rejection(valid().snapshotInterval(Duration.ofSeconds(30)))
                .startsWith("snapshotInterval is PT30S but must be whole seconds between PT1M and P30D"));
        assertTrue(rejection(valid().snapshotInterval(Duration.ofDays(31))).startsWith("snapshotInterval is PT744H"));
        assertThrows(NullPointerException.class, () -> valid().start(null).build());
    }

    @Test
    void upperBoundsAreEnforced() {
        assertTrue(rejection(valid().channels(SyntheticLakeSpec.MAX_CHANNELS + 1))
                .startsWith("channels is 1000001 but must be between 1 and 1000000"));
        assertTrue(rejection(valid().viewers(SyntheticLakeSpec.MAX_VIEWERS + 1)).startsWith("viewers is 50000001"));
        assertTrue(rejection(valid().snapshotsPerChannel(1001)).startsWith("snapshotsPerChannel is 1001"));
    }

    @Test
    void cacheKeyOfADefaultShapeSpecIgnoresTheShape() {
        // the bench's large lake, cached under this key
        SyntheticLakeSpec large = SyntheticLakeSpec.builder().bots(true).snapshotsPerChannel(3).seed(1)
                .channels(5_000).communities(60).viewers(2_000_000).build();
        assertEquals("ac450c4e", large.cacheKey());
        SyntheticLakeSpec shaped = SyntheticLakeSpec.builder().bots(true).snapshotsPerChannel(3).seed(1)
                .channels(5_000).communities(60).viewers(2_000_000).presence(0.5).build();
        assertFalse(shaped.cacheKey().equals(large.cacheKey()));
    }

    @Test
    void shapeValuesAreCheckedByName() {
        assertEquals("presence is 0.0 but must be in (0.0, 1.0]", rejection(valid().presence(0)));
        assertEquals("varietyShare is 0.6 but must be in [0.0, 0.5]", rejection(valid().varietyShare(0.6)));
        assertEquals("minCommunityChannels is 2 but must be between 3 and 1000000",
                rejection(valid().minCommunityChannels(2)));
        assertEquals("communities is 3 but 30 channels allow at most 2 (each community needs at least 11 channels)",
                rejection(valid().minCommunityChannels(11)));
        assertTrue(rejection(valid().heavyAccounts(-1)).startsWith("heavyAccounts is -1"));
    }
}
