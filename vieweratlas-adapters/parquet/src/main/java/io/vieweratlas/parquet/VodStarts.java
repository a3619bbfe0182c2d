package io.vieweratlas.parquet;

import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.lake.vod.VodEntry;
import io.vieweratlas.lake.vod.VodQueue;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The start of a VOD by id, from the lake's VOD queue ({@code created_at} of its task), for the
 * original's rows that carry only an offset. Read once, when first asked; a queue that cannot be
 * read knows no VOD (the row is then skipped with its reason).
 */
final class VodStarts implements Function<String, Optional<Instant>> {

    private final ObjectStore store;
    private Map<String, Instant> starts;

    VodStarts(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Optional<Instant> apply(String vodId) {
        if (starts == null) {
            starts = new TreeMap<>();
            try {
                for (VodEntry e : new VodQueue(store, Clock.systemUTC(), "vod-presence-reader").entries().values()) {
                    starts.put(e.task().vodId(), e.task().createdAt());
                }
            } catch (RuntimeException e) {
                // an unreadable queue places nothing; the rows that needed it are reported
            }
        }
        return Optional.ofNullable(starts.get(vodId));
    }
}
