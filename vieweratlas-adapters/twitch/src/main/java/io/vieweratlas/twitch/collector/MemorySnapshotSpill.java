package io.vieweratlas.twitch.collector;

import io.vieweratlas.core.model.PresenceSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link SnapshotSpill} in memory, keyed by channel and timestamp. */
final class MemorySnapshotSpill implements SnapshotSpill {
    private final Map<String, PresenceSnapshot> held = new LinkedHashMap<>();

    @Override
    public synchronized void hold(PresenceSnapshot snapshot) {
        held.put(snapshot.channel() + "@" + snapshot.timestamp(), snapshot);
    }

    @Override
    public synchronized List<PresenceSnapshot> takeAll() {
        List<PresenceSnapshot> all = new ArrayList<>(held.values());
        held.clear();
        return all;
    }

    @Override
    public synchronized int size() {
        return held.size();
    }

    @Override
    public String location() {
        return "memory";
    }
}
