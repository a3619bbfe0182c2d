package io.vieweratlas.twitch.vod;

import io.vieweratlas.twitch.helix.HelixVideo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which discovered archives to collect: younger than {@code maxAge}, at least {@code minViews},
 * at most {@code perChannelPerDay} per channel per UTC day (counting those already taken today),
 * at most {@code maxPerRun} in all; newest first, ties by id, so the choice is deterministic.
 *
 * @param maxAge           keep VODs created after {@code now - maxAge}
 * @param minViews         skip VODs with fewer views
 * @param perChannelPerDay VODs per channel per UTC day
 * @param maxPerRun        VODs per run
 */
public record VodSelection(Duration maxAge, long minViews, int perChannelPerDay, int maxPerRun) {
    public VodSelection {
        Objects.requireNonNull(maxAge, "maxAge");
        if (!maxAge.isPositive()) {
            throw new IllegalArgumentException("VOD max age must be positive, was " + maxAge);
        }
        if (minViews < 0) {
            throw new IllegalArgumentException("vod.min_views must be >= 0, was " + minViews);
        }
        if (perChannelPerDay < 0) {
            throw new IllegalArgumentException("vod.vod_limit_per_channel must be >= 0, was " + perChannelPerDay);
        }
        if (maxPerRun < 0) {
            throw new IllegalArgumentException("vod.max_vods_per_run must be >= 0, was " + maxPerRun);
        }
    }

    /**
     * The rules from the {@code vod} config section: {@code max_age_hours} when positive, else
     * {@code max_age_days}.
     */
    public static VodSelection fromConfig(int maxAgeHours, int maxAgeDays, long minViews, int perChannelPerDay,
                                          int maxPerRun) {
        Duration age;
        if (maxAgeHours > 0) {
            age = Duration.ofHours(maxAgeHours);
        } else if (maxAgeDays > 0) {
            age = Duration.ofDays(maxAgeDays);
        } else {
            throw new IllegalArgumentException("vod.max_age_hours (" + maxAgeHours + ") or vod.max_age_days ("
                    + maxAgeDays + ") must be positive");
        }
        return new VodSelection(age, minViews, perChannelPerDay, maxPerRun);
    }

    /** The oldest creation time still kept at {@code now}. */
    public Instant notBefore(Instant now) {
        return now.minus(maxAge);
    }

    /**
     * Picks the VODs to queue.
     *
     * @param candidates  discovered archives (any channels, any order)
     * @param takenToday  per channel login, VODs already taken today
     * @param known       VOD ids already in the queue (never picked again)
     * @param now         the current time
     */
    public List<HelixVideo> select(Collection<HelixVideo> candidates, Map<String, Integer> takenToday,
                                   Set<String> known, Instant now) {
        Instant cutoff = notBefore(now);
        List<HelixVideo> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparing(HelixVideo::createdAt).reversed().thenComparing(HelixVideo::id));
        Map<String, Integer> taken = new TreeMap<>(takenToday);
        List<HelixVideo> out = new ArrayList<>();
        java.util.HashSet<String> seen = new java.util.HashSet<>(known);
        for (HelixVideo v : sorted) {
            if (out.size() >= maxPerRun) {
                break;
            }
            if (v.createdAt().isBefore(cutoff) || v.viewCount() < minViews || !seen.add(v.id())) {
                continue;
            }
            int n = taken.getOrDefault(v.userLogin(), 0);
            if (n >= perChannelPerDay) {
                continue;
            }
            taken.put(v.userLogin(), n + 1);
            out.add(v);
        }
        return List.copyOf(out);
    }
}
