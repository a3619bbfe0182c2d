package io.vieweratlas.lake;

import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds and deletes raw presence data older than a retention cutoff: live snapshots
 * ({@code raw/snapshots/}) and their CSV twins ({@code raw/chatter_logs/}), by the time in their
 * keys; raw VOD chat replays ({@code raw/vod_chat/}) and curated presence buckets
 * ({@code curated/presence_snapshots/}), whose keys carry no time, by the time the object was
 * written; compacted days ({@code curated/presence/dt=YYYY-MM-DD/} and their manifests) by the end
 * of their day. Snapshot keys whose time cannot be read are never deleted, only counted. Results,
 * run records and state are not touched: they hold no viewer logins.
 */
public final class RawPresencePruner {

    /** Prefix of curated presence (VOD and imported buckets). */
    public static final String CURATED_PRESENCE = "curated/presence_snapshots/";
    /** The areas pruned, in report order. */
    public static final List<String> AREAS = List.of(LakeLayout.SNAPSHOTS, LakeLayout.CHATTER_LOGS,
            LakeLayout.VOD_CHAT, CURATED_PRESENCE, LakeLayout.CURATED_PRESENCE);
    private static final java.util.regex.Pattern COMPACTED_DAY = java.util.regex.Pattern.compile(
            "curated/presence/(?:_manifests/)?dt=(\\d{4}-\\d{2}-\\d{2})[/.].*");

    private final ObjectStore store;

    /** @param store the lake */
    public RawPresencePruner(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * What would be deleted.
     *
     * @param cutoff     objects older than this (strictly) are due
     * @param due        keys to delete, sorted
     * @param dueByArea  per area prefix, how many keys are due
     * @param keptByArea per area prefix, how many keys stay
     * @param unreadable snapshot keys whose time could not be read (kept), sorted
     */
    public record Plan(Instant cutoff, List<String> due, SortedMap<String, Integer> dueByArea,
                       SortedMap<String, Integer> keptByArea, List<String> unreadable) {
        public Plan {
            Objects.requireNonNull(cutoff, "cutoff");
            due = List.copyOf(due);
            dueByArea = Collections.unmodifiableSortedMap(new TreeMap<>(dueByArea));
            keptByArea = Collections.unmodifiableSortedMap(new TreeMap<>(keptByArea));
            unreadable = List.copyOf(unreadable);
        }
    }

    /** Lists every area and decides, per object, whether it is past {@code cutoff}. */
    public Plan plan(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        List<String> due = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        TreeMap<String, Integer> dueBy = new TreeMap<>();
        TreeMap<String, Integer> keptBy = new TreeMap<>();
        for (String area : AREAS) {
            dueBy.put(area, 0);
            keptBy.put(area, 0);
            try (Stream<ObjectInfo> objects = store.list(area)) {
                objects.forEach(o -> {
                    Optional<Instant> time = timeOf(area, o);
                    if (time.isEmpty()) {
                        unreadable.add(o.key());
                        keptBy.merge(area, 1, Integer::sum);
                    } else if (time.get().isBefore(cutoff)) {
                        due.add(o.key());
                        dueBy.merge(area, 1, Integer::sum);
                    } else {
                        keptBy.merge(area, 1, Integer::sum);
                    }
                });
            }
        }
        due.sort(null);
        unreadable.sort(null);
        return new Plan(cutoff, due, dueBy, keptBy, unreadable);
    }

    /** Deletes the plan's keys; returns how many were deleted (keys already gone are not counted). */
    public int apply(Plan plan) {
        int deleted = 0;
        for (String key : plan.due()) {
            if (store.delete(key)) {
                deleted++;
            }
        }
        return deleted;
    }

    private static Optional<Instant> timeOf(String area, ObjectInfo o) {
        if (area.equals(LakeLayout.SNAPSHOTS)) {
            return LakeLayout.parseSnapshotKey(o.key()).map(SnapshotKey::time);
        }
        if (area.equals(LakeLayout.CHATTER_LOGS)) {
            return LakeLayout.parseChatterLogKey(o.key()).map(SnapshotKey::time);
        }
        if (area.equals(LakeLayout.CURATED_PRESENCE)) {
            // A compacted day holds the whole day: due once its last second is past the cutoff. The
            // manifest sorts before the parts, so it is deleted first and readers stop using the day.
            java.util.regex.Matcher m = COMPACTED_DAY.matcher(o.key());
            if (!m.matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(java.time.LocalDate.parse(m.group(1)).plusDays(1)
                        .atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            } catch (java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
        return Optional.of(o.lastModified());
    }
}
