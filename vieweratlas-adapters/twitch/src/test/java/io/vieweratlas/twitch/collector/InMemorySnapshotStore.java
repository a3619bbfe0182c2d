package io.vieweratlas.twitch.collector;

import io.vieweratlas.core.model.LoadReport;
import io.vieweratlas.core.model.PresenceSnapshot;
import io.vieweratlas.core.model.TimeRange;
import io.vieweratlas.core.port.SnapshotStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A SnapshotStore in memory, keyed like the lake (channel and window end). */
final class InMemorySnapshotStore implements SnapshotStore {
    private final Map<String, PresenceSnapshot> byKey = new TreeMap<>();

    @Override
    public synchronized SnapshotWrite put(PresenceSnapshot snapshot) {
        String key = snapshot.channel() + "_" + snapshot.timestamp();
        PresenceSnapshot existing = byKey.putIfAbsent(key, snapshot);
        if (existing == null) {
            return new SnapshotWrite(key, SnapshotWrite.Status.WRITTEN);
        }
        return new SnapshotWrite(key, existing.equals(snapshot) ? SnapshotWrite.Status.UNCHANGED
                : SnapshotWrite.Status.CONFLICT);
    }

    @Override
    public synchronized LoadReport forEachSnapshot(TimeRange range, Consumer<PresenceSnapshot> consumer) {
        long n = 0;
        for (PresenceSnapshot s : byKey.values()) {
            if (range.contains(s.timestamp())) {
                consumer.accept(s);
                n++;
            }
        }
        return new LoadReport(n, List.of());
    }

    synchronized List<PresenceSnapshot> all() {
        return new ArrayList<>(byKey.values());
    }
}
