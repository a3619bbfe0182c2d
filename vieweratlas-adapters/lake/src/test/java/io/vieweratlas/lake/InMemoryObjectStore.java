package io.vieweratlas.lake;

import io.vieweratlas.core.port.ObjectInfo;
import io.vieweratlas.core.port.ObjectKeys;
import io.vieweratlas.core.port.ObjectStore;
import io.vieweratlas.core.port.ObjectVersion;
import io.vieweratlas.core.port.StoredObject;
import io.vieweratlas.core.port.WriteOutcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A test {@link ObjectStore} in memory; versions are write counters. Checked by the shared contract. */
final class InMemoryObjectStore implements ObjectStore {

    private record Entry(byte[] content, ObjectVersion version) {
    }

    private final TreeMap<String, Entry> objects = new TreeMap<>();
    private long writes;

    private ObjectVersion nextVersion() {
        return new ObjectVersion("v" + (++writes));
    }

    @Override
    public synchronized Optional<StoredObject> get(String key) {
        Entry e = objects.get(ObjectKeys.requireValid(key));
        return e == null ? Optional.empty() : Optional.of(new StoredObject(key, e.content().clone(), e.version()));
    }

    @Override
    public synchronized Optional<ObjectInfo> stat(String key) {
        Entry e = objects.get(ObjectKeys.requireValid(key));
        return e == null ? Optional.empty() : Optional.of(new ObjectInfo(key, e.content().length, Instant.EPOCH, e.version()));
    }

    @Override
    public synchronized ObjectVersion put(String key, byte[] content) {
        ObjectVersion v = nextVersion();
        objects.put(ObjectKeys.requireValid(key), new Entry(content.clone(), v));
        return v;
    }

    @Override
    public synchronized WriteOutcome putIfAbsent(String key, byte[] content) {
        Entry e = objects.get(ObjectKeys.requireValid(key));
        if (e != null) {
            return new WriteOutcome.Conflict(Optional.of(e.version()));
        }
        return new WriteOutcome.Written(put(key, content));
    }

    @Override
    public synchronized WriteOutcome compareAndSet(String key, byte[] content, ObjectVersion expected) {
        Entry e = objects.get(ObjectKeys.requireValid(key));
        if (e == null || !e.version().equals(expected)) {
            return new WriteOutcome.Conflict(e == null ? Optional.empty() : Optional.of(e.version()));
        }
        return new WriteOutcome.Written(put(key, content));
    }

    @Override
    public synchronized Stream<ObjectInfo> list(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        List<ObjectInfo> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : objects.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            out.add(new ObjectInfo(e.getKey(), e.getValue().content().length, Instant.EPOCH, e.getValue().version()));
        }
        return out.stream();
    }

    @Override
    public synchronized boolean delete(String key) {
        return objects.remove(ObjectKeys.requireValid(key)) != null;
    }

    @Override
    public String describe() {
        return "memory:test";
    }
}
