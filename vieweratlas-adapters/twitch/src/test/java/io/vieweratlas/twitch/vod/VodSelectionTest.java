package io.vieweratlas.twitch.vod;

import io.vieweratlas.twitch.helix.HelixVideo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VodSelectionTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static HelixVideo v(String id, String login, long hoursAgo, long views) {
        return new HelixVideo(id, "1", login, "", NOW.minus(Duration.ofHours(hoursAgo)), views, Duration.ofHours(1));
    }

    @Test
    void maxAgeHoursFallsBackToDays() {
        assertEquals(Duration.ofHours(6), VodSelection.fromConfig(6, 3, 0, 1, 10).maxAge());
        assertEquals(Duration.ofDays(3), VodSelection.fromConfig(0, 3, 0, 1, 10).maxAge());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VodSelection.fromConfig(0, 0, 0, 1, 10));
        assertTrue(e.getMessage().contains("vod.max_age_hours"), e.getMessage());
    }

    @Test
    void appliesAgeViewsPerChannelDailyLimitRunLimitAndKnownIds() {
        VodSelection rules = new VodSelection(Duration.ofHours(48), 10, 2, 4);
        List<HelixVideo> candidates = List.of(
                v("1", "alice", 1, 100), v("2", "alice", 2, 100), v("3", "alice", 3, 100), // third over the limit
                v("4", "bob", 1, 5),            // too few views
                v("5", "bob", 49, 100),         // too old
                v("6", "carol", 4, 100),        // carol already took 1 today: one more allowed
                v("7", "carol", 5, 100),
                v("8", "dave", 6, 100),         // already queued
                v("9", "erin", 7, 100), v("10", "erin", 8, 100)); // run limit reached before the second
        List<HelixVideo> picked = rules.select(candidates, Map.of("carol", 1), Set.of("8"), NOW);
        assertEquals(List.of("1", "2", "6", "9"), picked.stream().map(HelixVideo::id).toList());
    }
}
