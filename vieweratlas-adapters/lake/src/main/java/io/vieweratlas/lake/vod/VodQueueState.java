package io.vieweratlas.lake.vod;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The queue file as read at one moment: the readable entries and the quarantined ones.
 *
 * @param entries    readable entries by VOD id
 * @param quarantine entries set aside because they could not be read
 */
public record VodQueueState(SortedMap<String, VodEntry> entries, List<QuarantinedEntry> quarantine) {
    public VodQueueState {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(entries, "entries")));
        quarantine = List.copyOf(Objects.requireNonNull(quarantine, "quarantine"));
    }

    /** How many entries have {@code status}. */
    public long count(VodStatus status) {
        return entries.values().stream().filter(e -> e.status() == status).count();
    }

    /** Counts by status, every status present (zero when none). */
    public SortedMap<String, Long> countsByStatus() {
        SortedMap<String, Long> out = new TreeMap<>();
        for (VodStatus s : VodStatus.values()) {
            out.put(s.wireName(), count(s));
        }
        return out;
    }

    /** The pending entry waiting longest (earliest last change), if any. */
    public Optional<VodEntry> oldestPending() {
        return entries.values().stream().filter(e -> e.status() == VodStatus.PENDING)
                .min(java.util.Comparator.comparing(VodEntry::updatedAt).thenComparing(e -> e.task().vodId()));
    }

    /** Per error class of the entries' last errors, how many entries have it. */
    public SortedMap<String, Long> errorClasses() {
        SortedMap<String, Long> out = new TreeMap<>();
        for (VodEntry e : entries.values()) {
            e.errorClass().ifPresent(c -> out.merge(c, 1L, Long::sum));
        }
        return out;
    }

    /** Per worker, the VOD ids it holds a lease on (expired or not) and the lease expiry. */
    public SortedMap<String, SortedMap<String, Instant>> leaseHolders() {
        SortedMap<String, SortedMap<String, Instant>> out = new TreeMap<>();
        for (Map.Entry<String, VodEntry> e : entries.entrySet()) {
            VodEntry v = e.getValue();
            if (v.status() == VodStatus.PROCESSING) {
                out.computeIfAbsent(v.owner().orElseThrow(), k -> new TreeMap<>())
                        .put(e.getKey(), v.leaseExpires().orElseThrow());
            }
        }
        return out;
    }
}
